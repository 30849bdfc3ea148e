package live.redcloud.camel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The continuation of a call whose caller waits for it ({@code synchronous=true}, or a transacted exchange): whichever
 * thread settles the call hands the continuation over here, and the caller runs it on its own thread, so the route goes
 * on where it was, with no hop. The wait ends in every case: the call is answered, times out by its deadlines, or is
 * abandoned when the producer or component stops.
 */
final class WaitingCaller implements Executor {

    private final CompletableFuture<Runnable> handedOver = new CompletableFuture<>();

    @Override
    public void execute(Runnable continuation) {
        handedOver.complete(continuation);
    }

    /**
     * Waits for the continuation and runs it on this thread. An interrupt does not end the wait (the exchange would be
     * left without an outcome): it is kept for the route to see afterwards.
     */
    void runWhenHandedOver() {
        // join() waits through interrupts and restores the flag
        handedOver.join().run();
    }
}

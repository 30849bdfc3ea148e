package live.redcloud.camel;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an exchange continues after a Red Cloud call when nobody waits for it: a worker pool, never the HttpClient I/O
 * thread that read the answer nor the component's timer, which every other call needs (a blocking step, a delayed
 * redelivery or a nested call there would stall them all). The hand-over never refuses and never drops: when the pool
 * is saturated or already shut down, the continuation runs on the thread at hand, and a WARN says so (the first at
 * once, then at most once a minute with the count).
 */
final class WorkerPool implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Executor pool;
    private final String name;
    private final AtomicLong refusedSinceLine = new AtomicLong();
    private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    /**
     * @param pool the executor to hand continuations to
     * @param name what the pool is, in the WARN line (the component's pool, or the endpoint's {@code workerPool})
     */
    WorkerPool(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable continuation) {
        try {
            pool.execute(continuation);
        } catch (RejectedExecutionException full) {
            refused();
            continuation.run();
        }
    }

    /**
     * Hands {@code task} over, or says it could not: for housekeeping that may wait for the next round, and must never
     * run on the thread at hand (the timer).
     */
    boolean tryExecute(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    private void refused() {
        long count = refusedSinceLine.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLine.get();
        if (now - last >= INTERVAL_NANOS && lastLine.compareAndSet(last, now)) {
            refusedSinceLine.addAndGet(-count);
            LOG.warn(
                    "{} refused {} continuation(s) since the last such line (all its threads busy, or shut down);"
                            + " the route continued on the thread that completed the Red Cloud call ({}), which"
                            + " delays the answers of other calls while it runs. Raise workerPoolMaxSize, or give"
                            + " the blocking steps their own threads",
                    name,
                    count,
                    Thread.currentThread().getName());
        }
    }
}

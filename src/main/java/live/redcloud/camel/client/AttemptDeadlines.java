package live.redcloud.camel.client;

import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends attempts that run past their limits, however their answer trickles in: no connection (pooled or new) within
 * {@code connectTimeout}, or no complete answer within {@code requestTimeout} as a whole. One sweep every
 * {@value #SWEEP_MILLIS} ms on the component's timer covers every attempt of a transport: no task per request, so
 * nothing piles up in a scheduler queue, at the price of ending an attempt up to one sweep late.
 */
final class AttemptDeadlines implements AutoCloseable {

    static final long SWEEP_MILLIS = 50;

    private final Set<Attempt> running = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    AttemptDeadlines(ScheduledExecutorService timer) {
        this.sweeper = timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches an attempt until {@code result} completes. */
    Attempt start(long connectNanos, long requestNanos, CompletableFuture<HttpResult> result, String what) {
        Attempt attempt = new Attempt(System.nanoTime(), connectNanos, requestNanos, result, what);
        running.add(attempt);
        result.whenComplete((r, f) -> running.remove(attempt));
        return attempt;
    }

    int size() {
        return running.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Attempt a : running) {
            long elapsed = now - a.start;
            if (!a.connected && elapsed >= a.connectNanos) {
                // HttpClient's pool checks a waiting lease's own deadline only when a connection comes back
                a.fail(new TimeoutException(a.what + ": no connection within connectTimeout ("
                        + TimeUnit.NANOSECONDS.toMillis(a.connectNanos) + " ms): every pooled connection is busy"
                        + " (maxConnections) or connecting is slow; nothing was sent"));
            } else if (elapsed >= a.requestNanos) {
                a.fail(new SocketTimeoutException(a.what + ": no complete answer within requestTimeout ("
                        + TimeUnit.NANOSECONDS.toMillis(a.requestNanos) + " ms)"));
            }
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
    }

    /** One attempt: when it started, whether it has its connection yet, and how to end it. */
    static final class Attempt {
        private final long start;
        private final long connectNanos;
        private final long requestNanos;
        private final CompletableFuture<HttpResult> result;
        private final String what;
        private volatile boolean connected;
        private volatile Future<?> exchange;

        private Attempt(
                long start, long connectNanos, long requestNanos, CompletableFuture<HttpResult> result, String what) {
            this.start = start;
            this.connectNanos = connectNanos;
            this.requestNanos = requestNanos;
            this.result = result;
            this.what = what;
        }

        /** HttpClient has a connection for it: from now on only requestTimeout counts. */
        void connected() {
            connected = true;
        }

        void exchange(Future<?> exchange) {
            this.exchange = exchange;
            if (result.isCompletedExceptionally()) {
                exchange.cancel(true);
            }
        }

        private void fail(Exception timeout) {
            if (result.completeExceptionally(timeout)) {
                Future<?> e = exchange;
                if (e != null) {
                    // aborts the exchange: HttpClient closes the connection rather than reuse it half-read
                    e.cancel(true);
                }
            }
        }
    }
}

package live.redcloud.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import live.redcloud.camel.RedCloudConfiguration;

/**
 * How many threads a client adds to the JVM while many sends wait on a slow server. An asynchronous client should
 * need no thread per send in flight: the count with {@code sends} in flight should stay near the idle count. The client
 * is started with a pool of {@code sends} connections and primed with one send (the token), then left to settle; the
 * live thread count then is "idle". All sends are started at once from this thread (no sampler thread of its own to
 * count) and the live thread count is sampled every 10 ms until every send is answered; the highest sample is "peak".
 * Counted JVM-wide: the stub's threads are there at idle already (its single event loop also serves the timers).
 *
 * <p>The target is the core size of the component's worker pool (the route continues there after an answer; its
 * threads are started as answers arrive, so they are not all there at idle) plus 4.
 */
final class ThreadsMeasurement {

    /** The component's default {@code workerPoolCoreSize} (10). */
    static final int WORKER_POOL_CORE_SIZE = new RedCloudConfiguration().getWorkerPoolCoreSize();

    /** The target: at most this many threads more than idle with all sends in flight (the pool's core size + 4). */
    static final int MAX_ADDED = WORKER_POOL_CORE_SIZE + 4;

    private static final long SETTLE_MILLIS = 500;
    private static final long SAMPLE_MILLIS = 10;
    private static final AtomicInteger RUN = new AtomicInteger();

    record Result(
            String client,
            int sends,
            long latencyMillis,
            int idle,
            int peak,
            int succeeded,
            int failed,
            String problem) {

        int added() {
            return peak - idle;
        }

        boolean withinTarget() {
            return added() <= MAX_ADDED;
        }
    }

    private ThreadsMeasurement() {}

    static Result run(ClientKind kind, long latencyMillis, int sends, long timeoutMillis) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (StubRedCloud stub = StubRedCloud.start(latencyMillis, false)) {
            SendClient client = kind.create(stub, kind.id() + "-threads" + RUN.incrementAndGet(), sends);
            try {
                client.start();
                RoundResult prime = LoadDriver.run(client, 1, 1, timeoutMillis, false);
                if (!prime.allSucceeded()) {
                    return new Result(
                            client.name(),
                            sends,
                            latencyMillis,
                            -1,
                            -1,
                            0,
                            sends,
                            "first send failed: " + prime.firstFailure());
                }
                Thread.sleep(SETTLE_MILLIS);
                int idle = mx.getThreadCount();

                CountDownLatch answered = new CountDownLatch(sends);
                AtomicInteger succeeded = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                AtomicReference<String> firstFailure = new AtomicReference<>();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                for (int i = 0; i < sends; i++) {
                    AtomicBoolean once = new AtomicBoolean();
                    SendClient.Completion done = (messageId, failure) -> {
                        if (!once.compareAndSet(false, true)) {
                            return; // a client bug: count each send once
                        }
                        if (failure == null && messageId != null) {
                            succeeded.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, failure == null ? "no messageId" : failure.toString());
                        }
                        answered.countDown();
                    };
                    try {
                        client.send(i, done);
                    } catch (RuntimeException e) {
                        done.completed(null, e);
                    }
                }
                int peak = Math.max(idle, mx.getThreadCount());
                boolean all;
                do {
                    all = answered.await(SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
                    peak = Math.max(peak, mx.getThreadCount());
                } while (!all && System.nanoTime() - deadline < 0);

                int ok = succeeded.get();
                String problem = firstFailure.get();
                if (!all) {
                    problem = (problem == null ? "" : problem + "; ") + "timed out after " + timeoutMillis + " ms with "
                            + answered.getCount() + " sends unanswered";
                }
                // the same check as the scenarios: nothing the stub accepted may have been reported failed
                long accepted = stub.acceptedSends(client.clientId()) - prime.succeeded();
                if (accepted != ok) {
                    problem = (problem == null ? "" : problem + "; ") + "the stub accepted " + accepted
                            + " sends but the client saw " + ok + " succeed";
                }
                return new Result(client.name(), sends, latencyMillis, idle, peak, ok, sends - ok, problem);
            } finally {
                Harness.closeQuietly(client);
            }
        }
    }

    static String format(Result r) {
        if (r.idle() < 0) {
            return String.format(Locale.ROOT, "  %-34s %s", r.client(), r.problem());
        }
        return String.format(
                Locale.ROOT,
                "  %-34s %d sends in flight, stub %d ms: idle %d threads, peak %d,"
                        + " peak-idle %d (<= %d = worker pool core size %d + 4: %s); %d succeeded, %d failed%s",
                r.client(),
                r.sends(),
                r.latencyMillis(),
                r.idle(),
                r.peak(),
                r.added(),
                MAX_ADDED,
                WORKER_POOL_CORE_SIZE,
                r.withinTarget() ? "PASS" : "MISS",
                r.succeeded(),
                r.failed(),
                r.problem() == null ? "" : "  FAILED: " + r.problem());
    }
}

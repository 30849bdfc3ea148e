package live.redcloud.examples.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether sends waiting in Camel's redelivery delay hold up unrelated sends through the same route. The route has
 * Camel's default error handler with one redelivery after 500 ms ({@link RouteSteps#REDELIVERY}; its delay is a
 * {@code Thread.sleep} on the thread that runs the error handler, which is the thread the route continues on after the
 * answer), and {@code redcloud:send} has {@code maxRetries=0}, so the component does not retry on its own. The stub
 * answers 500 to the first attempt of {@link #MARKED} sends marked in their text, 202 to everything else.
 *
 * <p>Steps: start the client, warm it up with {@code warmup} ordinary sends from {@link #OTHERS} waiting callers, then
 * start the {@link #MARKED} marked sends, each on a waiting caller thread of its own. Once the stub has answered all
 * their first attempts with 500, and {@link #SETTLE_MILLIS} more for the answers to reach the error handler, make
 * {@link #OTHERS} ordinary sends from as many waiting callers at once and take their total wall time (start to the
 * last answer). The target is below {@link #MAX_MILLIS}. The result says whether the marked sends were still waiting
 * in their delay when the last of the others was answered (no second attempt had reached the stub), which makes the
 * measurement valid, and checks that every marked send succeeded on its redelivery.
 */
final class RedeliveryMeasurement {

    static final int MARKED = 8;
    static final int OTHERS = 20;
    static final long MAX_MILLIS = 100;
    static final int WARMUP = 2_000;
    /** The pool size the clients get (for redcloud:send its default, 64). */
    static final int CONCURRENCY = 64;

    private static final long SETTLE_MILLIS = 50;
    private static final AtomicInteger RUN = new AtomicInteger();

    record Result(
            String client,
            double othersMillis,
            double othersMaxLatencyMillis,
            int othersSucceeded,
            boolean stillPending,
            int markedSucceeded,
            double markedMinMillis,
            double markedMaxMillis,
            int firstAttemptsFailed,
            long markedRetries,
            String problem) {

        boolean withinTarget() {
            return othersMillis < MAX_MILLIS;
        }
    }

    private RedeliveryMeasurement() {}

    static Result run(ClientKind kind, int warmup, long timeoutMillis) throws Exception {
        try (StubRedCloud stub = StubRedCloud.start(0, false)) {
            stub.failFirstAttemptOfMarkedSends();
            SendClient client = kind.create(
                    stub, kind.id() + "-redelivery" + RUN.incrementAndGet(), CONCURRENCY, RouteSteps.REDELIVERY);
            try {
                client.start();
                RoundResult warm = WaitingDriver.run(client, Math.max(1, warmup), OTHERS, timeoutMillis, false);
                if (!warm.allSucceeded()) {
                    return failed(client.name(), "warm-up: " + warm.firstFailure());
                }

                AtomicInteger markedOk = new AtomicInteger();
                AtomicReference<String> markedFailure = new AtomicReference<>();
                long[] markedNanos = new long[MARKED];
                CountDownLatch markedDone = new CountDownLatch(MARKED);
                for (int i = 0; i < MARKED; i++) {
                    int id = i + 1;
                    Thread t = new Thread(
                            () -> {
                                long t0 = System.nanoTime();
                                try {
                                    String messageId = client.sendAndWait(
                                            -id, Payload.TEXT + " " + StubRedCloud.failOnceMarker(id));
                                    if (messageId != null) {
                                        markedOk.incrementAndGet();
                                    } else {
                                        markedFailure.compareAndSet(null, "no messageId");
                                    }
                                } catch (Exception e) {
                                    markedFailure.compareAndSet(null, e.toString());
                                } finally {
                                    markedNanos[id - 1] = System.nanoTime() - t0;
                                    markedDone.countDown();
                                }
                            },
                            "bench-redelivery-marked-" + id);
                    t.setDaemon(true);
                    t.start();
                }
                long failDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (stub.firstAttemptsFailed() < MARKED && System.nanoTime() - failDeadline < 0) {
                    Thread.sleep(1);
                }
                String problem = null;
                if (stub.firstAttemptsFailed() < MARKED) {
                    problem = "only " + stub.firstAttemptsFailed() + " of " + MARKED + " marked sends reached the stub";
                }
                Thread.sleep(SETTLE_MILLIS);

                RoundResult others = WaitingDriver.run(client, OTHERS, OTHERS, timeoutMillis, false);
                boolean pending = stub.markedRetries() == 0 && markedDone.getCount() == MARKED;
                if (!others.allSucceeded()) {
                    problem = join(problem, "unrelated sends: " + others.firstFailure());
                }
                if (!markedDone.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    problem = join(
                            problem, markedDone.getCount() + " marked sends unanswered after " + timeoutMillis + " ms");
                } else if (markedFailure.get() != null) {
                    problem = join(problem, "a marked send failed: " + markedFailure.get());
                }
                long accepted = stub.acceptedSends(client.clientId());
                long succeeded = warm.succeeded() + others.succeeded() + markedOk.get();
                if (accepted != succeeded) {
                    problem = join(
                            problem,
                            "the stub accepted " + accepted + " sends but the client saw " + succeeded + " succeed");
                }
                long[] marked = markedNanos.clone();
                Arrays.sort(marked);
                long othersMax = Arrays.stream(others.latenciesNanos()).max().orElse(0);
                return new Result(
                        client.name(),
                        others.elapsedNanos() / 1e6,
                        othersMax / 1e6,
                        others.succeeded(),
                        pending,
                        markedOk.get(),
                        marked[0] / 1e6,
                        marked[MARKED - 1] / 1e6,
                        stub.firstAttemptsFailed(),
                        stub.markedRetries(),
                        problem);
            } finally {
                Harness.closeQuietly(client);
            }
        }
    }

    private static Result failed(String client, String problem) {
        return new Result(client, Double.NaN, Double.NaN, 0, false, 0, Double.NaN, Double.NaN, 0, 0, problem);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    static String format(Result r) {
        if (Double.isNaN(r.othersMillis())) {
            return String.format(Locale.ROOT, "  %-34s FAILED: %s", r.client(), r.problem());
        }
        return String.format(
                Locale.ROOT,
                "  %-34s %d unrelated sends in %.1f ms (slowest %.1f ms; < %d ms: %s) while %d sends waited in their"
                        + " redelivery delay%s; %d of %d redelivered sends succeeded after %.0f-%.0f ms (%d first"
                        + " attempts answered 500, %d redeliveries)%s",
                r.client(),
                r.othersSucceeded(),
                r.othersMillis(),
                r.othersMaxLatencyMillis(),
                MAX_MILLIS,
                r.withinTarget() ? "PASS" : "MISS",
                MARKED,
                r.stillPending() ? "" : " (but their redeliveries started before the last unrelated send ended)",
                r.markedSucceeded(),
                MARKED,
                r.markedMinMillis(),
                r.markedMaxMillis(),
                r.firstAttemptsFailed(),
                r.markedRetries(),
                r.problem() == null ? "" : "  FAILED: " + r.problem());
    }
}

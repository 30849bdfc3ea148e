package live.redcloud.examples.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether {@code redcloud:send} keeps anything per send: after a warm-up, the heap in use after a full GC is the
 * baseline; then many more sends go through the same running client, and the heap after a full GC again should be
 * within 5 % of the baseline. Async mode, C=16, stub without latency (the most sends per second). The sends go in
 * rounds of {@link #ROUND} so the time budget is checked between rounds; a round that is started always runs to its
 * end, so a budget that ends the soak never turns into failed sends.
 */
final class HeapSoak {

    static final int CONCURRENCY = 16;
    static final int WARMUP = 20_000;
    static final double MAX_GROWTH = 1.05;
    private static final int ROUND = 10_000;
    private static final long PROGRESS_EVERY = 100_000;
    private static final double MIB = 1024.0 * 1024.0;

    record Result(
            long requested,
            long sent,
            long failed,
            boolean budgetEnded,
            double seconds,
            long baselineBytes,
            long afterBytes,
            String problem) {

        double ratio() {
            return afterBytes / (double) baselineBytes;
        }

        boolean withinTarget() {
            return ratio() <= MAX_GROWTH;
        }
    }

    private HeapSoak() {}

    static Result run(long sends, long budgetMillis, long roundTimeoutMillis, PrintStream log) throws Exception {
        try (StubRedCloud stub = StubRedCloud.start(0, false)) {
            SendClient client = ClientKind.REDCLOUD.create(stub, "redcloud-soak", CONCURRENCY);
            try {
                client.start();
                long succeeded = 0;
                String problem = null;
                for (int done = 0; done < WARMUP && problem == null; done += ROUND) {
                    RoundResult r = LoadDriver.run(
                            client, Math.min(ROUND, WARMUP - done), CONCURRENCY, roundTimeoutMillis, false);
                    succeeded += r.succeeded();
                    problem = r.allSucceeded() ? null : "warm-up: " + r.firstFailure();
                }
                long baseline = heapAfterFullGc();
                log.printf(
                        Locale.ROOT,
                        "  soak: %,d warm-up sends, heap after full GC %.1f MiB%n",
                        WARMUP,
                        baseline / MIB);

                long started = System.nanoTime();
                long budgetEnd = started + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
                long sent = 0;
                long failed = 0;
                boolean budgetEnded = false;
                while (sent < sends && problem == null) {
                    if (System.nanoTime() - budgetEnd > 0) {
                        budgetEnded = true;
                        break;
                    }
                    int n = (int) Math.min(ROUND, sends - sent);
                    RoundResult r = LoadDriver.run(client, n, CONCURRENCY, roundTimeoutMillis, false);
                    succeeded += r.succeeded();
                    failed += r.failed();
                    if (!r.allSucceeded()) {
                        problem = r.firstFailure();
                    }
                    long before = sent;
                    sent += n;
                    if (sent / PROGRESS_EVERY > before / PROGRESS_EVERY) {
                        log.printf(
                                Locale.ROOT,
                                "  soak: %,d sent in %.0f s, heap in use now %.1f MiB (no GC)%n",
                                sent,
                                (System.nanoTime() - started) / 1e9,
                                heapUsed() / MIB);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // with the client still running: what it holds on to, not what closing it frees
                long after = heapAfterFullGc();
                long accepted = stub.acceptedSends(client.clientId());
                if (accepted != succeeded) {
                    String p = "the stub accepted " + accepted + " sends but the client saw " + succeeded + " succeed";
                    problem = problem == null ? p : problem + "; " + p;
                }
                return new Result(sends, sent, failed, budgetEnded, seconds, baseline, after, problem);
            } finally {
                Harness.closeQuietly(client);
            }
        }
    }

    static String format(Result r) {
        return String.format(
                Locale.ROOT,
                "  redcloud:send, async, C=%d, stub 0 ms: %,d of %,d sends in %.1f s"
                        + " (%,.0f sends/s)%s; heap after full GC: baseline %.1f MiB, after %.1f MiB, ratio %.3f"
                        + " (<= %.2f: %s)%s",
                CONCURRENCY,
                r.sent(),
                r.requested(),
                r.seconds(),
                r.sent() / Math.max(1e-9, r.seconds()),
                r.budgetEnded() ? " (the time budget ended the soak)" : "",
                r.baselineBytes() / MIB,
                r.afterBytes() / MIB,
                r.ratio(),
                MAX_GROWTH,
                r.withinTarget() ? "PASS" : "MISS",
                r.problem() == null ? "" : "  FAILED (" + r.failed() + " failed): " + r.problem());
    }

    /** Two full collections with a pause between, so what was only finalizable or weakly held is gone too. */
    private static long heapAfterFullGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return heapUsed();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package live.redcloud.examples.benchmarks;

/**
 * A load shape: the stub's latency, the sends in flight at once, the sends per round, and the blocking work each
 * send's route does after the send step ({@code workMillis}, 0 in the three standard scenarios).
 */
public record Scenario(String name, long latencyMillis, int concurrency, int sends, long workMillis) {

    public static final Scenario NO_LATENCY = new Scenario("1: 0 ms, C=16, N=20000", 0, 16, 20_000);
    public static final Scenario FIVE_MS = new Scenario("2: 5 ms, C=64, N=10000", 5, 64, 10_000);
    /** CPU-bound again, but with as many in flight (or callers waiting) as scenario 2. */
    public static final Scenario NO_LATENCY_C64 = new Scenario("3: 0 ms, C=64, N=20000", 0, 64, 20_000);

    /** The callers of the work measurement (waiting mode): as many as in scenario 3. */
    public static final int WORK_CONCURRENCY = 64;

    public Scenario(String name, long latencyMillis, int concurrency, int sends) {
        this(name, latencyMillis, concurrency, sends, 0);
    }

    /**
     * Scenario 3's shape (stub 0 ms, C=64) with {@code workMillis} of blocking work after the send: N = 20,000 without
     * work (as scenario 3), 10,000 below 10 ms, 3,000 from 10 ms on (a 50 ms round at about 1,250 sends/s then takes
     * about 2.5 s), times {@code scale}, or {@code sends} when that is positive.
     */
    public static Scenario work(long workMillis, double scale, int sends) {
        int n = sends > 0
                ? sends
                : (int) Math.round((workMillis == 0 ? 20_000 : workMillis < 10 ? 10_000 : 3_000) * scale);
        n = Math.max(WORK_CONCURRENCY, n);
        return new Scenario(
                "work " + workMillis + " ms: 0 ms, C=" + WORK_CONCURRENCY + ", N=" + n,
                0,
                WORK_CONCURRENCY,
                n,
                workMillis);
    }

    public Scenario scaled(double factor) {
        int n = Math.max(concurrency, (int) Math.round(sends * factor));
        return new Scenario(name.replace("N=" + sends, "N=" + n), latencyMillis, concurrency, n, workMillis);
    }
}

package live.redcloud.examples.benchmarks;

/** A load shape: the stub's latency, the sends in flight at once, and the sends per round. */
public record Scenario(String name, long latencyMillis, int concurrency, int sends) {

    public static final Scenario NO_LATENCY = new Scenario("1: 0 ms, C=16, N=20000", 0, 16, 20_000);
    public static final Scenario FIVE_MS = new Scenario("2: 5 ms, C=64, N=10000", 5, 64, 10_000);
    /** CPU-bound again, but with as many in flight (or callers waiting) as scenario 2. */
    public static final Scenario NO_LATENCY_C64 = new Scenario("3: 0 ms, C=64, N=20000", 0, 64, 20_000);

    public Scenario scaled(double factor) {
        int n = Math.max(concurrency, (int) Math.round(sends * factor));
        return new Scenario(name.replace("N=" + sends, "N=" + n), latencyMillis, concurrency, n);
    }
}

package live.redcloud.examples.benchmarks;

/**
 * What one round of {@code sends} sends with {@code concurrency} in flight measured: successes, failures, wall time,
 * per-send latencies, and (when measured) the heap bytes and CPU time of the client's threads and the stub's CPU time.
 * {@code capped}: the round's time cap ended it early ({@link WaitingDriver}), and {@code sends} counts only the sends
 * that were started (all of them answered).
 */
public record RoundResult(
        int sends,
        int succeeded,
        int failed,
        long elapsedNanos,
        long[] latenciesNanos,
        long allocatedBytes,
        long cpuNanos,
        long stubCpuNanos,
        String firstFailure,
        boolean timedOut,
        boolean capped) {

    public double sendsPerSecond() {
        return succeeded / (elapsedNanos / 1e9);
    }

    /** How busy the stub's threads were, in cores (1.0 = one core all the time). */
    public double stubBusyCores() {
        return stubCpuNanos / (double) elapsedNanos;
    }

    public boolean allSucceeded() {
        return succeeded == sends && failed == 0 && !timedOut;
    }
}

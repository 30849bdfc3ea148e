package live.redcloud.examples.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The measured rounds of one client in one scenario and mode, and the token requests the stub saw for it. */
public final class ClientResult {

    private final ClientKind kind;
    private final String client;
    private final List<RoundResult> rounds = new ArrayList<>();
    private long tokenRequests = -1;
    private long coldBurstTokenRequests = -1;
    private String problem;

    public ClientResult(ClientKind kind, String client) {
        this.kind = kind;
        this.client = client;
    }

    public ClientKind kind() {
        return kind;
    }

    public String client() {
        return client;
    }

    public void add(RoundResult round) {
        rounds.add(round);
        if (!round.allSucceeded() && problem == null) {
            problem = round.firstFailure();
        }
    }

    public List<RoundResult> rounds() {
        return rounds;
    }

    public void tokenRequests(long n) {
        tokenRequests = n;
    }

    public long tokenRequests() {
        return tokenRequests;
    }

    public void coldBurstTokenRequests(long n) {
        coldBurstTokenRequests = n;
    }

    public long coldBurstTokenRequests() {
        return coldBurstTokenRequests;
    }

    public void problem(String p) {
        problem = problem == null ? p : problem + "; " + p;
    }

    public String problem() {
        return problem;
    }

    public int failed() {
        return rounds.stream().mapToInt(RoundResult::failed).sum();
    }

    public int sends() {
        return rounds.stream().mapToInt(RoundResult::sends).sum();
    }

    public double medianThroughput() {
        double[] t = rounds.stream()
                .mapToDouble(RoundResult::sendsPerSecond)
                .sorted()
                .toArray();
        return t.length == 0 ? 0 : t[t.length / 2];
    }

    public double minThroughput() {
        return rounds.stream().mapToDouble(RoundResult::sendsPerSecond).min().orElse(0);
    }

    public double maxThroughput() {
        return rounds.stream().mapToDouble(RoundResult::sendsPerSecond).max().orElse(0);
    }

    /** Latency percentile over all measured sends, in milliseconds. */
    public double latencyMillis(double percentile) {
        long[] all = rounds.stream()
                .flatMapToLong(r -> Arrays.stream(r.latenciesNanos()))
                .sorted()
                .toArray();
        if (all.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * all.length) - 1;
        return all[Math.max(0, Math.min(all.length - 1, index))] / 1e6;
    }

    /** CPU time of the client's threads (driver included, stub excluded) per send, in microseconds. */
    public double cpuMicrosPerSend() {
        long nanos = 0;
        long sends = 0;
        for (RoundResult r : rounds) {
            if (r.cpuNanos() < 0) {
                return Double.NaN;
            }
            nanos += r.cpuNanos();
            sends += r.sends();
        }
        return sends == 0 ? Double.NaN : nanos / 1000.0 / sends;
    }

    public double allocatedBytesPerSend() {
        long bytes = 0;
        long sends = 0;
        for (RoundResult r : rounds) {
            if (r.allocatedBytes() < 0) {
                return Double.NaN;
            }
            bytes += r.allocatedBytes();
            sends += r.sends();
        }
        return sends == 0 ? Double.NaN : (double) bytes / sends;
    }
}

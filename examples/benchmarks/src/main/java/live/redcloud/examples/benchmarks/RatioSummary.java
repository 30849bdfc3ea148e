package live.redcloud.examples.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The component against its references, per scenario and mode: median sends/s of {@code redcloud:send} over the raw
 * HttpClient 5's and over camel-http's, and its CPU per send over the raw client's. Each ratio with a target gets a
 * PASS or MISS mark. The marks only inform: numbers on a shared machine drift too much to fail a build on them.
 */
final class RatioSummary {

    /** Throughput of the component against the raw client, in both modes. */
    static final double MIN_VS_RAW = 0.9;
    /** Throughput against camel-http, with waiting callers (where camel-http's synchronous producer is at home). */
    static final double MIN_VS_CAMEL_HTTP_WAITING = 1.1;
    /** CPU per send against the raw client, in both modes. */
    static final double MAX_CPU_VS_RAW = 1.2;

    private RatioSummary() {}

    static String of(List<ScenarioRun> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Scenario | Mode | redcloud / raw sends/s | redcloud / camel-http sends/s"
                + " | redcloud / raw CPU/send |\n");
        sb.append("| --- | --- | ---: | ---: | ---: |\n");
        for (ScenarioRun run : runs) {
            ClientResult redcloud = run.of(ClientKind.REDCLOUD);
            ClientResult raw = run.of(ClientKind.RAW);
            ClientResult camel = run.of(ClientKind.CAMEL_HTTP);
            double vsRaw = ratio(redcloud, raw, ClientResult::medianThroughput);
            double vsCamel = ratio(redcloud, camel, ClientResult::medianThroughput);
            double cpu = ratio(redcloud, raw, ClientResult::cpuMicrosPerSend);
            sb.append("| ")
                    .append(run.scenario().name())
                    .append(" | ")
                    .append(run.mode().id())
                    .append(" | ")
                    .append(atLeast(vsRaw, MIN_VS_RAW))
                    .append(" | ")
                    .append(
                            run.mode() == DriveMode.WAITING
                                    ? atLeast(vsCamel, MIN_VS_CAMEL_HTTP_WAITING)
                                    : plain(vsCamel))
                    .append(" | ")
                    .append(atMost(cpu, MAX_CPU_VS_RAW))
                    .append(" |\n");
        }
        sb.append("\nPASS/MISS marks the targets (sends/s >= ")
                .append(x(MIN_VS_RAW))
                .append(" raw in both modes and >= ")
                .append(x(MIN_VS_CAMEL_HTTP_WAITING))
                .append(" camel-http with waiting callers; CPU/send <= ")
                .append(x(MAX_CPU_VS_RAW))
                .append(" raw). A MISS does not fail the run.");
        return sb.toString();
    }

    private static double ratio(ClientResult a, ClientResult b, ToDoubleFunction<ClientResult> metric) {
        if (a == null || b == null || a.rounds().isEmpty() || b.rounds().isEmpty()) {
            return Double.NaN;
        }
        return metric.applyAsDouble(a) / metric.applyAsDouble(b);
    }

    private static String atLeast(double ratio, double target) {
        return Double.isNaN(ratio) ? "n/a" : marked(ratio, ratio >= target, ">= " + x(target));
    }

    private static String atMost(double ratio, double target) {
        return Double.isNaN(ratio) ? "n/a" : marked(ratio, ratio <= target, "<= " + x(target));
    }

    private static String marked(double ratio, boolean pass, String target) {
        return x(ratio) + (pass ? " PASS" : " MISS") + " (" + target + ")";
    }

    private static String plain(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : x(ratio);
    }

    private static String x(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}

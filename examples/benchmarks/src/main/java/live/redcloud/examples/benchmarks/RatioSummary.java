package live.redcloud.examples.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The component against its references, per scenario and mode: median sends/s of {@code redcloud:send} over the raw
 * HttpClient 5's, over the hand-written {@code AsyncProcessor} route's and over camel-http's, the same of
 * {@code redcloud:send?synchronous=true} over camel-http's, and the CPU per send of {@code redcloud:send} over the raw
 * client's. Each ratio with a target gets a PASS or MISS mark. The marks only inform: numbers on a shared machine
 * drift too much to fail a build on them. {@link #ofWork} does the same for the work measurement.
 */
final class RatioSummary {

    /** Throughput of the component against the raw client, in both modes (issue 8). */
    static final double MIN_VS_RAW = 0.9;
    /**
     * Throughput against camel-http, with waiting callers (where camel-http's synchronous producer is at home; issue
     * 8).
     */
    static final double MIN_VS_CAMEL_HTTP_WAITING = 1.1;
    /** CPU per send against the raw client, in both modes (issue 8). */
    static final double MAX_CPU_VS_RAW = 1.2;
    /** Throughput against the hand-written AsyncProcessor route, async mode, no work (issue 18). */
    static final double MIN_VS_RAW_PROCESSOR_ASYNC = 0.8;
    /** Throughput of redcloud:send and of its synchronous=true variant against camel-http, 64 waiting callers, no
     * work (issue 18). */
    static final double MIN_VS_CAMEL_HTTP_NO_WORK = 1.0;
    /** Throughput against camel-http, 64 waiting callers, blocking work after the send (issue 18). */
    static final double MIN_VS_CAMEL_HTTP_WORK = 0.9;

    private RatioSummary() {}

    static String of(List<ScenarioRun> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| Scenario | Mode | redcloud / raw sends/s | redcloud / raw-processor sends/s"
                        + " | redcloud / camel-http sends/s | redcloud-sync / camel-http sends/s | redcloud / raw CPU/send |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (ScenarioRun run : runs) {
            ClientResult redcloud = run.of(ClientKind.REDCLOUD);
            ClientResult sync = run.of(ClientKind.REDCLOUD_SYNC);
            ClientResult raw = run.of(ClientKind.RAW);
            ClientResult processor = run.of(ClientKind.RAW_PROCESSOR);
            ClientResult camel = run.of(ClientKind.CAMEL_HTTP);
            boolean waiting = run.mode() == DriveMode.WAITING;
            double vsRaw = ratio(redcloud, raw, ClientResult::medianThroughput);
            double vsProcessor = ratio(redcloud, processor, ClientResult::medianThroughput);
            double vsCamel = ratio(redcloud, camel, ClientResult::medianThroughput);
            double syncVsCamel = ratio(sync, camel, ClientResult::medianThroughput);
            double cpu = ratio(redcloud, raw, ClientResult::cpuMicrosPerSend);
            sb.append("| ")
                    .append(run.scenario().name())
                    .append(" | ")
                    .append(run.mode().id())
                    .append(" | ")
                    .append(atLeast(vsRaw, MIN_VS_RAW))
                    .append(" | ")
                    .append(waiting ? plain(vsProcessor) : atLeast(vsProcessor, MIN_VS_RAW_PROCESSOR_ASYNC))
                    .append(" | ")
                    .append(waiting ? atLeast(vsCamel, MIN_VS_CAMEL_HTTP_WAITING) : plain(vsCamel))
                    .append(" | ")
                    .append(waiting ? atLeast(syncVsCamel, MIN_VS_CAMEL_HTTP_NO_WORK) : plain(syncVsCamel))
                    .append(" | ")
                    .append(atMost(cpu, MAX_CPU_VS_RAW))
                    .append(" |\n");
        }
        sb.append("\nPASS/MISS marks the targets: issue 8, sends/s >= ")
                .append(x(MIN_VS_RAW))
                .append(" raw in both modes and >= ")
                .append(x(MIN_VS_CAMEL_HTTP_WAITING))
                .append(" camel-http with waiting callers, CPU/send <= ")
                .append(x(MAX_CPU_VS_RAW))
                .append(" raw; issue 18, sends/s >= ")
                .append(x(MIN_VS_RAW_PROCESSOR_ASYNC))
                .append(" raw-processor in async mode and redcloud-sync >= ")
                .append(x(MIN_VS_CAMEL_HTTP_NO_WORK))
                .append(" camel-http with waiting callers (issue 18's redcloud >= ")
                .append(x(MIN_VS_CAMEL_HTTP_NO_WORK))
                .append(" camel-http: the work 0 ms row of the work summary). A MISS does not fail the run.");
        return sb.toString();
    }

    /**
     * The work measurement (waiting callers, C=64, stub 0 ms): one row per work value with each client's median sends/s
     * and the ratios against camel-http and the hand-written AsyncProcessor route.
     */
    static String ofWork(List<ScenarioRun> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Work after the send | redcloud | redcloud-sync | camel-http | raw-processor | raw"
                + " | redcloud / camel-http | redcloud-sync / camel-http | redcloud / raw-processor |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ScenarioRun run : runs) {
            ClientResult redcloud = run.of(ClientKind.REDCLOUD);
            ClientResult sync = run.of(ClientKind.REDCLOUD_SYNC);
            ClientResult camel = run.of(ClientKind.CAMEL_HTTP);
            ClientResult processor = run.of(ClientKind.RAW_PROCESSOR);
            boolean noWork = run.scenario().workMillis() == 0;
            double vsCamel = ratio(redcloud, camel, ClientResult::medianThroughput);
            double syncVsCamel = ratio(sync, camel, ClientResult::medianThroughput);
            sb.append("| ")
                    .append(run.scenario().workMillis())
                    .append(" ms | ")
                    .append(sendsPerSecond(redcloud))
                    .append(" | ")
                    .append(sendsPerSecond(sync))
                    .append(" | ")
                    .append(sendsPerSecond(camel))
                    .append(" | ")
                    .append(sendsPerSecond(processor))
                    .append(" | ")
                    .append(sendsPerSecond(run.of(ClientKind.RAW)))
                    .append(" | ")
                    .append(atLeast(vsCamel, noWork ? MIN_VS_CAMEL_HTTP_NO_WORK : MIN_VS_CAMEL_HTTP_WORK))
                    .append(" | ")
                    .append(noWork ? atLeast(syncVsCamel, MIN_VS_CAMEL_HTTP_NO_WORK) : plain(syncVsCamel))
                    .append(" | ")
                    .append(plain(ratio(redcloud, processor, ClientResult::medianThroughput)))
                    .append(" |\n");
        }
        for (ScenarioRun run : runs) {
            for (ClientResult r : run.results()) {
                long capped = r.rounds().stream().filter(RoundResult::capped).count();
                if (capped > 0) {
                    sb.append("\n")
                            .append(run.scenario().name())
                            .append(" / ")
                            .append(r.client())
                            .append(": the time cap ended ")
                            .append(capped)
                            .append(" of ")
                            .append(r.rounds().size())
                            .append(" measured rounds early (")
                            .append(String.format(Locale.ROOT, "%,d", r.sends()))
                            .append(" sends in all)");
                }
            }
        }
        sb.append(
                        "\n\nMedian sends/s of each client, 64 waiting callers, stub 0 ms. PASS/MISS marks issue 18's targets:")
                .append(" redcloud:send (default configuration) >= ")
                .append(x(MIN_VS_CAMEL_HTTP_WORK))
                .append(" camel-http with blocking work after the send; without work, redcloud:send and redcloud-sync")
                .append(" >= ")
                .append(x(MIN_VS_CAMEL_HTTP_NO_WORK))
                .append(" camel-http. A MISS does not fail the run.");
        return sb.toString();
    }

    private static String sendsPerSecond(ClientResult r) {
        return r == null || r.rounds().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%,.0f", r.medianThroughput());
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

package live.redcloud.examples.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark and prints a markdown table. System properties (all optional):
 *
 * <ul>
 * <li>{@code bench.scenarios} = {@code 1,2} (1: stub 0 ms, C=16, N=20000; 2: stub 5 ms, C=64, N=10000)</li>
 * <li>{@code bench.clients} = {@code redcloud,raw,camel-http}; where C exceeds the component's default pool (64),
 * {@code redcloud-default-pool} is added unless {@code bench.defaultPoolRow=false}</li>
 * <li>{@code bench.warmups} = 2, {@code bench.rounds} = 5 (rounds of N sends per client, taking turns)</li>
 * <li>{@code bench.scale} = 1.0 (multiplies N)</li>
 * <li>{@code bench.latency}, {@code bench.concurrency}, {@code bench.sends}: run one custom scenario instead</li>
 * <li>{@code bench.coldBurst} = true, {@code bench.roundTimeoutSeconds} = 60, {@code bench.budgetSeconds} = 420</li>
 * <li>{@code bench.out}: also write the table to this file</li>
 * </ul>
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        long started = System.nanoTime();
        List<Scenario> scenarios = scenarios();
        List<ClientKind> kinds = new ArrayList<>();
        for (String id : prop("bench.clients", "redcloud,raw,camel-http").split(",")) {
            kinds.add(ClientKind.of(id));
        }
        Harness.Options options = new Harness.Options(
                Integer.parseInt(prop("bench.warmups", "2")),
                Integer.parseInt(prop("bench.rounds", "5")),
                TimeUnit.SECONDS.toMillis(Long.parseLong(prop("bench.roundTimeoutSeconds", "60"))),
                Allocations.supported(),
                false,
                Boolean.parseBoolean(prop("bench.coldBurst", "true")),
                started + TimeUnit.SECONDS.toNanos(Long.parseLong(prop("bench.budgetSeconds", "420"))));

        String environment = environment();
        out.println("camel-redcloud benchmark: " + environment);
        Map<Scenario, List<ClientResult>> all = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            List<ClientKind> scenarioKinds = new ArrayList<>(kinds);
            if (scenario.concurrency() > 64 && kinds.contains(ClientKind.REDCLOUD)
                    && !kinds.contains(ClientKind.REDCLOUD_DEFAULT_POOL)
                    && Boolean.parseBoolean(prop("bench.defaultPoolRow", "true"))) {
                scenarioKinds.add(ClientKind.REDCLOUD_DEFAULT_POOL);
            }
            out.println();
            out.println("Scenario " + scenario.name() + " (" + options.warmupRounds() + " warm-up and "
                    + options.measuredRounds() + " measured rounds per client)");
            all.put(scenario, Harness.runScenario(scenario, scenarioKinds, options, out));
        }
        String table = table(all, options);
        out.println();
        out.println(table);
        out.printf(Locale.ROOT, "total time %.0f s; load average now %.2f%n", (System.nanoTime() - started) / 1e9,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String file = System.getProperty("bench.out");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, "<!-- " + environment + " -->\n" + table + "\n", StandardCharsets.UTF_8);
            out.println("table written to " + path.toAbsolutePath());
        }
        boolean failed = all.values().stream().flatMap(List::stream).anyMatch(r -> r.problem() != null);
        if (failed) {
            // a benchmark whose sends failed measured nothing worth reading: say so loudly
            throw new IllegalStateException("some sends failed: see the 'problems' lines above the table");
        }
    }

    private static List<Scenario> scenarios() {
        double scale = Double.parseDouble(prop("bench.scale", "1.0"));
        List<Scenario> list = new ArrayList<>();
        if (System.getProperty("bench.sends") != null || System.getProperty("bench.concurrency") != null
                || System.getProperty("bench.latency") != null) {
            long latency = Long.parseLong(prop("bench.latency", "0"));
            int c = Integer.parseInt(prop("bench.concurrency", "16"));
            int n = Integer.parseInt(prop("bench.sends", "20000"));
            list.add(new Scenario("custom: " + latency + " ms, C=" + c + ", N=" + n, latency, c, n));
            return list;
        }
        for (String s : prop("bench.scenarios", "1,2").split(",")) {
            Scenario scenario = switch (s.trim()) {
                case "1" -> Scenario.NO_LATENCY;
                case "2" -> Scenario.FIVE_MS;
                default -> throw new IllegalArgumentException("unknown scenario " + s + " (1 or 2)");
            };
            list.add(scale == 1.0 ? scenario : scenario.scaled(scale));
        }
        return list;
    }

    static String table(Map<Scenario, List<ClientResult>> all, Harness.Options options) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Scenario | Client | sends/s (median of ").append(options.measuredRounds())
                .append(") | min - max | p50 ms | p99 ms | CPU/send | alloc/send | token requests (run / cold burst of C) | failed |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Scenario, List<ClientResult>> e : all.entrySet()) {
            for (ClientResult r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f - %,.0f | %.2f | %.2f | %.0f us | %s | %s / %s | %d |%n",
                        e.getKey().name(), r.client(), r.medianThroughput(), r.minThroughput(), r.maxThroughput(),
                        r.latencyMillis(50), r.latencyMillis(99), r.cpuMicrosPerSend(), bytes(r.allocatedBytesPerSend()),
                        count(r.tokenRequests()), count(r.coldBurstTokenRequests()), r.failed()));
                if (r.problem() != null) {
                    problems.add(e.getKey().name() + " / " + r.client() + ": " + r.problem());
                }
            }
        }
        for (String p : problems) {
            sb.append("\nproblem: ").append(p);
        }
        return sb.toString();
    }

    private static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "n/a";
        }
        return b >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB", b / 1024) : String.format(Locale.ROOT, "%,.0f B", b);
    }

    private static String count(long n) {
        return n < 0 ? "-" : Long.toString(n);
    }

    private static String environment() {
        Runtime rt = Runtime.getRuntime();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                .reduce((a, b) -> a + "/" + b).orElse("?");
        return String.format(Locale.ROOT, "Java %s (%s), %d cores, max heap %d MiB, GC %s, load average %.2f",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.availableProcessors(),
                rt.maxMemory() / (1024 * 1024), gc,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** For tests: the table of one scenario. */
    static String table(Scenario scenario, List<ClientResult> results, Harness.Options options) throws IOException {
        Map<Scenario, List<ClientResult>> one = new LinkedHashMap<>();
        one.put(scenario, results);
        return table(one, options);
    }
}

package live.redcloud.examples.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark and prints a markdown table, a ratio summary, the threads measurement and the heap soak. System
 * properties (all optional):
 *
 * <ul>
 * <li>{@code bench.scenarios} = {@code 1,2,3} (1: stub 0 ms, C=16, N=20000; 2: stub 5 ms, C=64, N=10000; 3: stub 0 ms,
 * C=64, N=20000; {@code none}: only the other measurements)</li>
 * <li>{@code bench.modes} = {@code async,waiting} (see {@link DriveMode})</li>
 * <li>{@code bench.clients} = {@code redcloud,redcloud-sync,raw,raw-processor,camel-http}; where C exceeds the
 * component's default pool (64), {@code redcloud-default-pool} is added unless {@code bench.defaultPoolRow=false}</li>
 * <li>{@code bench.work} = {@code 0,2,10,20,50}: the work measurement, once per value: waiting mode, C=64, stub 0 ms,
 * that many ms of blocking work after the send ({@link Scenario#work}; {@code none}: off);
 * {@code bench.workSends} overrides its N; {@code bench.workRoundCapSeconds} = 5: a round that takes longer ends
 * early, counting the sends made until then</li>
 * <li>{@code bench.redelivery} = true: 20 unrelated sends while 8 wait in Camel's redelivery delay
 * ({@link RedeliveryMeasurement})</li>
 * <li>{@code bench.warmups} = 2, {@code bench.rounds} = 5 (rounds of N sends per client, taking turns)</li>
 * <li>{@code bench.scale} = 1.0 (multiplies N)</li>
 * <li>{@code bench.latency}, {@code bench.concurrency}, {@code bench.sends}: run one custom scenario instead</li>
 * <li>{@code bench.coldBurst} = true, {@code bench.roundTimeoutSeconds} = 60, {@code bench.budgetSeconds} = 1800 (the
 * scenarios and the work measurement together)</li>
 * <li>{@code bench.threads} = true: the threads measurement (1000 sends in flight against a 1000 ms stub)</li>
 * <li>{@code bench.soak} = 1000000 sends (0: off), {@code bench.soakBudgetSeconds} = 150: the heap soak</li>
 * <li>{@code bench.out}: also write the results to this file</li>
 * </ul>
 */
public final class BenchmarkMain {

    private static final int THREADS_SENDS = 1000;
    private static final long THREADS_LATENCY_MILLIS = 1000;

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        long started = System.nanoTime();
        List<Scenario> scenarios = scenarios();
        List<DriveMode> modes = new ArrayList<>();
        for (String id : prop("bench.modes", "async,waiting").split(",")) {
            modes.add(DriveMode.of(id));
        }
        List<ClientKind> kinds = new ArrayList<>();
        for (String id : prop("bench.clients", "redcloud,redcloud-sync,raw,raw-processor,camel-http")
                .split(",")) {
            kinds.add(ClientKind.of(id));
        }
        long roundTimeoutMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(prop("bench.roundTimeoutSeconds", "60")));
        Harness.Options options = new Harness.Options(
                Integer.parseInt(prop("bench.warmups", "2")),
                Integer.parseInt(prop("bench.rounds", "5")),
                roundTimeoutMillis,
                Allocations.supported(),
                false,
                Boolean.parseBoolean(prop("bench.coldBurst", "true")),
                started + TimeUnit.SECONDS.toNanos(Long.parseLong(prop("bench.budgetSeconds", "1800"))));

        String environment = environment();
        out.println("camel-redcloud benchmark: " + environment);
        List<ScenarioRun> runs = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<ClientKind> scenarioKinds = new ArrayList<>(kinds);
            if (scenario.concurrency() > 64
                    && kinds.contains(ClientKind.REDCLOUD)
                    && !kinds.contains(ClientKind.REDCLOUD_DEFAULT_POOL)
                    && Boolean.parseBoolean(prop("bench.defaultPoolRow", "true"))) {
                scenarioKinds.add(ClientKind.REDCLOUD_DEFAULT_POOL);
            }
            for (DriveMode mode : modes) {
                out.println();
                out.println("Scenario " + scenario.name() + ", mode " + mode.id() + " (" + options.warmupRounds()
                        + " warm-up and " + options.measuredRounds() + " measured rounds per client)");
                runs.add(new ScenarioRun(
                        scenario, mode, Harness.runScenario(scenario, mode, scenarioKinds, options, out)));
            }
        }
        StringBuilder report = new StringBuilder();
        if (!runs.isEmpty()) {
            report.append(table(runs, options))
                    .append("\n\n")
                    .append(RatioSummary.of(runs))
                    .append('\n');
            out.println();
            out.print(report);
        }
        boolean failed = runs.stream().flatMap(r -> r.results().stream()).anyMatch(r -> r.problem() != null);

        List<ScenarioRun> workRuns = new ArrayList<>();
        Harness.Options workOptions = new Harness.Options(
                options.warmupRounds(),
                options.measuredRounds(),
                options.roundTimeoutMillis(),
                options.measureAllocations(),
                options.strictStub(),
                false,
                options.deadlineNanos(),
                TimeUnit.SECONDS.toMillis(Long.parseLong(prop("bench.workRoundCapSeconds", "5"))));
        for (Scenario scenario : workScenarios()) {
            out.println();
            out.println("Work measurement: " + scenario.name() + ", mode waiting, " + scenario.workMillis()
                    + " ms of blocking work after the send (" + workOptions.warmupRounds() + " warm-up and "
                    + workOptions.measuredRounds() + " measured rounds per client)");
            workRuns.add(new ScenarioRun(
                    scenario,
                    DriveMode.WAITING,
                    Harness.runScenario(scenario, DriveMode.WAITING, kinds, workOptions, out)));
        }
        if (!workRuns.isEmpty()) {
            String work = "\nWork after the send (waiting callers, C=" + Scenario.WORK_CONCURRENCY + ", stub 0 ms)\n\n"
                    + table(workRuns, workOptions) + "\n\n" + RatioSummary.ofWork(workRuns) + "\n";
            out.print(work);
            report.append(work);
            failed |= workRuns.stream().flatMap(r -> r.results().stream()).anyMatch(r -> r.problem() != null);
        }

        if (Boolean.parseBoolean(prop("bench.redelivery", "true"))) {
            String header =
                    "\nRedelivery: " + RedeliveryMeasurement.OTHERS + " unrelated sends (waiting callers) while "
                            + RedeliveryMeasurement.MARKED + " sends wait in Camel's redelivery delay ("
                            + RouteSteps.MAX_REDELIVERIES + " redelivery after " + RouteSteps.REDELIVERY_DELAY_MILLIS
                            + " ms, maxRetries=0, stub 0 ms answering 500 to their first attempt); camel-http for reference\n";
            out.print(header);
            report.append(header);
            for (ClientKind kind : List.of(ClientKind.REDCLOUD, ClientKind.CAMEL_HTTP)) {
                RedeliveryMeasurement.Result r =
                        RedeliveryMeasurement.run(kind, RedeliveryMeasurement.WARMUP, roundTimeoutMillis);
                String line = RedeliveryMeasurement.format(r);
                out.println(line);
                report.append(line).append('\n');
                failed |= r.problem() != null;
            }
        }

        if (Boolean.parseBoolean(prop("bench.threads", "true"))) {
            String header = "\nThreads: live JVM threads with " + THREADS_SENDS + " sends in flight against a "
                    + THREADS_LATENCY_MILLIS + " ms stub (pool " + THREADS_SENDS
                    + "); target: at most the worker pool's"
                    + " core size (" + ThreadsMeasurement.WORKER_POOL_CORE_SIZE + ") + 4 above idle; only counted,"
                    + " never fails the run\n";
            out.print(header);
            report.append(header);
            for (ClientKind kind : List.of(ClientKind.REDCLOUD, ClientKind.RAW)) {
                ThreadsMeasurement.Result r =
                        ThreadsMeasurement.run(kind, THREADS_LATENCY_MILLIS, THREADS_SENDS, roundTimeoutMillis);
                String line = ThreadsMeasurement.format(r);
                out.println(line);
                report.append(line).append('\n');
                failed |= r.problem() != null;
            }
        }

        long soak = Long.parseLong(prop("bench.soak", "1000000"));
        if (soak > 0) {
            long budget = TimeUnit.SECONDS.toMillis(Long.parseLong(prop("bench.soakBudgetSeconds", "150")));
            String header = "\nHeap soak: " + String.format(Locale.ROOT, "%,d", soak) + " sends after "
                    + String.format(Locale.ROOT, "%,d", HeapSoak.WARMUP) + " warm-up sends, at most "
                    + budget / 1000 + " s\n";
            out.print(header);
            HeapSoak.Result r = HeapSoak.run(soak, budget, roundTimeoutMillis, out);
            String line = HeapSoak.format(r);
            out.println(line);
            report.append(header).append(line).append('\n');
            failed |= r.problem() != null;
        }

        out.printf(
                Locale.ROOT,
                "%ntotal time %.0f s; load average now %.2f%n",
                (System.nanoTime() - started) / 1e9,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String file = System.getProperty("bench.out");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, "<!-- " + environment + " -->\n" + report, StandardCharsets.UTF_8);
            out.println("results written to " + path.toAbsolutePath());
        }
        if (failed) {
            // a benchmark whose sends failed measured nothing worth reading: say so loudly
            throw new IllegalStateException("some sends failed: see the 'problem' and 'FAILED' lines above");
        }
    }

    private static List<Scenario> scenarios() {
        double scale = Double.parseDouble(prop("bench.scale", "1.0"));
        List<Scenario> list = new ArrayList<>();
        if (System.getProperty("bench.sends") != null
                || System.getProperty("bench.concurrency") != null
                || System.getProperty("bench.latency") != null) {
            long latency = Long.parseLong(prop("bench.latency", "0"));
            int c = Integer.parseInt(prop("bench.concurrency", "16"));
            int n = Integer.parseInt(prop("bench.sends", "20000"));
            list.add(new Scenario("custom: " + latency + " ms, C=" + c + ", N=" + n, latency, c, n));
            return list;
        }
        String ids = prop("bench.scenarios", "1,2,3");
        if (ids.trim().equalsIgnoreCase("none")) {
            return list;
        }
        for (String s : ids.split(",")) {
            Scenario scenario = switch (s.trim()) {
                case "1" -> Scenario.NO_LATENCY;
                case "2" -> Scenario.FIVE_MS;
                case "3" -> Scenario.NO_LATENCY_C64;
                default -> throw new IllegalArgumentException("unknown scenario " + s + " (1, 2 or 3)");
            };
            list.add(scale == 1.0 ? scenario : scenario.scaled(scale));
        }
        return list;
    }

    private static List<Scenario> workScenarios() {
        String values = prop("bench.work", "0,2,10,20,50");
        List<Scenario> list = new ArrayList<>();
        if (values.trim().equalsIgnoreCase("none")) {
            return list;
        }
        double scale = Double.parseDouble(prop("bench.scale", "1.0"));
        int sends = Integer.parseInt(prop("bench.workSends", "0"));
        for (String v : values.split(",")) {
            long work = Long.parseLong(v.trim());
            if (work < 0) {
                throw new IllegalArgumentException("bench.work: negative work " + work);
            }
            list.add(Scenario.work(work, scale, sends));
        }
        return list;
    }

    static String table(List<ScenarioRun> runs, Harness.Options options) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Scenario | Mode | Client | sends/s (median of ")
                .append(options.measuredRounds())
                .append(
                        ") | min - max | p50 ms | p99 ms | CPU/send | alloc/send | token requests (run / cold burst of C) | failed |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<String> problems = new ArrayList<>();
        for (ScenarioRun run : runs) {
            for (ClientResult r : run.results()) {
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %,.0f | %,.0f - %,.0f | %.2f | %.2f | %.0f us | %s | %s / %s | %d |%n",
                        run.scenario().name(),
                        run.mode().id(),
                        r.client(),
                        r.medianThroughput(),
                        r.minThroughput(),
                        r.maxThroughput(),
                        r.latencyMillis(50),
                        r.latencyMillis(99),
                        r.cpuMicrosPerSend(),
                        bytes(r.allocatedBytesPerSend()),
                        count(r.tokenRequests()),
                        count(r.coldBurstTokenRequests()),
                        r.failed()));
                if (r.problem() != null) {
                    problems.add(
                            run.scenario().name() + " / " + run.mode().id() + " / " + r.client() + ": " + r.problem());
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
        return b >= 10_240
                ? String.format(Locale.ROOT, "%.1f KiB", b / 1024)
                : String.format(Locale.ROOT, "%,.0f B", b);
    }

    private static String count(long n) {
        return n < 0 ? "-" : Long.toString(n);
    }

    private static String environment() {
        Runtime rt = Runtime.getRuntime();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(b -> b.getName())
                .reduce((a, b) -> a + "/" + b)
                .orElse("?");
        return String.format(
                Locale.ROOT,
                "Java %s (%s), %d cores, max heap %d MiB, GC %s, load average %.2f",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.availableProcessors(),
                rt.maxMemory() / (1024 * 1024),
                gc,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

package live.redcloud.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the benchmark harness from rotting: every client makes a few hundred sends through the same code the benchmark
 * runs, in both modes, against the stub in strict mode (the JSON shape is checked and every Idempotency-Key must be
 * new), and each succeeds with exactly one token request per client. The threads measurement runs once at a small
 * size. Speed and thread counts are not asserted here: numbers belong to the benchmark run.
 */
class HarnessSmokeTest {

    private static final int SENDS = 300;
    private static final int WAITING_SENDS = 200;
    private static final int CONCURRENCY = 8;
    private static final List<ClientKind> CLIENTS = List.of(ClientKind.REDCLOUD, ClientKind.RAW, ClientKind.CAMEL_HTTP);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyClientSendsEverythingWithOneTokenRequest() throws Exception {
        Scenario scenario = new Scenario("smoke", 0, CONCURRENCY, SENDS);
        Harness.Options options =
                new Harness.Options(0, 1, 20_000, true, true, true, System.nanoTime() + TimeUnit.SECONDS.toNanos(40));
        Run run = run(scenario, DriveMode.ASYNC, options);

        assertEverySendSucceeded(run, SENDS);
        // a cold start under a burst of C concurrent sends: the component shares one in-flight token fetch
        assertThat(run.results().get(0).coldBurstTokenRequests())
                .as("redcloud:send cold burst\n" + run.report())
                .isEqualTo(1);
        assertThat(run.results().get(1).coldBurstTokenRequests())
                .as("raw client cold burst")
                .isEqualTo(1);
        // camel-http has no single flight: anywhere from 1 to C token requests, reported in the benchmark table
        assertThat(run.results().get(2).coldBurstTokenRequests())
                .as("camel-http cold burst")
                .isBetween(1L, (long) CONCURRENCY);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyClientSendsEverythingFromWaitingCallers() throws Exception {
        Scenario scenario = new Scenario("smoke", 0, CONCURRENCY, WAITING_SENDS);
        // no cold burst: the async test covers it, and each one costs a client start
        Harness.Options options =
                new Harness.Options(0, 1, 20_000, true, true, false, System.nanoTime() + TimeUnit.SECONDS.toNanos(40));
        Run run = run(scenario, DriveMode.WAITING, options);

        assertEverySendSucceeded(run, WAITING_SENDS);
        assertThat(run.report()).contains("| smoke | waiting | redcloud:send |");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threadsMeasurementCompletes() throws Exception {
        for (ClientKind kind : List.of(ClientKind.REDCLOUD, ClientKind.RAW)) {
            ThreadsMeasurement.Result r = ThreadsMeasurement.run(kind, 200, 50, 20_000);
            String line = ThreadsMeasurement.format(r);
            System.out.println(line);
            assertThat(r.problem()).as(line).isNull();
            assertThat(r.succeeded()).as(line).isEqualTo(50);
            assertThat(r.failed()).as(line).isZero();
            assertThat(r.peak()).as(line).isGreaterThanOrEqualTo(r.idle()).isPositive();
        }
    }

    private record Run(List<ClientResult> results, String report) {}

    private static Run run(Scenario scenario, DriveMode mode, Harness.Options options) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<ClientResult> results = Harness.runScenario(
                scenario, mode, CLIENTS, options, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<ScenarioRun> runs = List.of(new ScenarioRun(scenario, mode, results));
        String report = log.toString(StandardCharsets.UTF_8) + BenchmarkMain.table(runs, options) + "\n"
                + RatioSummary.of(runs);
        System.out.println(report);
        return new Run(results, report);
    }

    private static void assertEverySendSucceeded(Run run, int sends) {
        String report = run.report();
        assertThat(run.results()).hasSize(3);
        for (ClientResult r : run.results()) {
            if (r.kind() == ClientKind.CAMEL_HTTP
                    && r.problem() != null
                    && r.problem().startsWith("cold burst: timed out")) {
                // camel-http, not ours: once seen on a loaded machine, a cold burst of C sends through its pool of C
                // hung for 20 s with no token request reaching the stub (not investigated; perhaps its OAuth2 token
                // fetch waits for a connection of the same pool). The benchmark reports it; the smoke test does not
                // judge camel-http
                System.out.println("camel-http cold burst hung (reported, not judged): " + r.problem());
            } else {
                assertThat(r.problem()).as(r.client() + "\n" + report).isNull();
            }
            assertThat(r.rounds()).as(report).hasSize(1);
            RoundResult round = r.rounds().get(0);
            assertThat(round.succeeded()).as(r.client() + "\n" + report).isEqualTo(sends);
            assertThat(round.failed()).as(r.client()).isZero();
            assertThat(round.latenciesNanos()).as(r.client()).hasSize(sends).doesNotContain(0L);
            assertThat(round.allocatedBytes()).as(r.client()).isPositive();
            // primed with one send, then the round: the token is fetched once and cached
            assertThat(r.tokenRequests())
                    .as(r.client() + " token requests\n" + report)
                    .isEqualTo(1);
        }
    }
}

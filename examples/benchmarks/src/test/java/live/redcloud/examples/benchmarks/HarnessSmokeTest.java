package live.redcloud.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the benchmark harness from rotting: every client makes a few hundred sends through the same code the benchmark
 * runs, in both modes, against the stub in strict mode (the JSON shape is checked and every Idempotency-Key must be
 * new), and each succeeds with exactly one token request per client. The work measurement runs with 2 ms of work and
 * a handful of sends (each send must take at least the work), the redelivery measurement with a short warm-up (every
 * redelivered send must succeed after the delay), and the threads measurement once at a small size. Speed and thread
 * counts are not asserted here: numbers belong to the benchmark run.
 */
class HarnessSmokeTest {

    private static final int SENDS = 300;
    private static final int WAITING_SENDS = 200;
    private static final int CONCURRENCY = 8;
    private static final int WORK_SENDS = 40;
    private static final long WORK_MILLIS = 2;
    private static final List<ClientKind> CLIENTS = List.of(
            ClientKind.REDCLOUD,
            ClientKind.REDCLOUD_SYNC,
            ClientKind.RAW,
            ClientKind.RAW_PROCESSOR,
            ClientKind.CAMEL_HTTP);
    /**
     * Waiting mode without work: the three original clients; the work test drives all five from waiting callers (the
     * same code with a step more), which keeps the smoke test short.
     */
    private static final List<ClientKind> WAITING_CLIENTS =
            List.of(ClientKind.REDCLOUD, ClientKind.RAW, ClientKind.CAMEL_HTTP);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyClientSendsEverythingWithOneTokenRequest() throws Exception {
        Scenario scenario = new Scenario("smoke", 0, CONCURRENCY, SENDS);
        Harness.Options options =
                new Harness.Options(0, 1, 20_000, true, true, true, System.nanoTime() + TimeUnit.SECONDS.toNanos(40));
        Run run = run(scenario, DriveMode.ASYNC, CLIENTS, options);

        assertEverySendSucceeded(run, CLIENTS, SENDS);
        // a cold start under a burst of C concurrent sends: the component shares one in-flight token fetch
        for (ClientKind kind : List.of(ClientKind.REDCLOUD, ClientKind.REDCLOUD_SYNC)) {
            assertThat(run.of(kind).coldBurstTokenRequests())
                    .as(kind + " cold burst\n" + run.report())
                    .isEqualTo(1);
        }
        // the raw clients fetch their token by hand before the first send
        for (ClientKind kind : List.of(ClientKind.RAW, ClientKind.RAW_PROCESSOR)) {
            assertThat(run.of(kind).coldBurstTokenRequests())
                    .as(kind + " cold burst")
                    .isEqualTo(1);
        }
        // camel-http has no single flight: anywhere from 1 to C token requests, reported in the benchmark table
        assertThat(run.of(ClientKind.CAMEL_HTTP).coldBurstTokenRequests())
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
        Run run = run(scenario, DriveMode.WAITING, WAITING_CLIENTS, options);

        assertEverySendSucceeded(run, WAITING_CLIENTS, WAITING_SENDS);
        assertThat(run.report()).contains("| smoke | waiting | redcloud:send |");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyClientDoesTheWorkAfterItsSend() throws Exception {
        Scenario scenario = new Scenario("smoke work", 0, CONCURRENCY, WORK_SENDS, WORK_MILLIS);
        Harness.Options options =
                new Harness.Options(0, 1, 20_000, true, true, false, System.nanoTime() + TimeUnit.SECONDS.toNanos(40));
        Run run = run(scenario, DriveMode.WAITING, CLIENTS, options);
        String summary = RatioSummary.ofWork(List.of(new ScenarioRun(scenario, DriveMode.WAITING, run.results())));
        System.out.println(summary);

        assertEverySendSucceeded(run, CLIENTS, WORK_SENDS);
        for (ClientResult r : run.results()) {
            // the blocking step runs before the waiting caller gets its answer, in every client
            assertThat(Arrays.stream(r.rounds().get(0).latenciesNanos()).min().orElse(0))
                    .as(r.client() + ": the shortest send includes the work\n" + run.report())
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(WORK_MILLIS));
        }
        assertThat(summary).contains("| 2 ms | ").contains("(>= 0.90x)");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWorkRoundEndsAtItsTimeCapWithoutFailing() throws Exception {
        try (StubRedCloud stub = StubRedCloud.start(0, false)) {
            SendClient client = ClientKind.RAW.create(stub, "raw-cap", CONCURRENCY, RouteSteps.work(WORK_MILLIS));
            try {
                client.start();
                RoundResult r = WaitingDriver.run(client, 1_000_000, CONCURRENCY, 20_000, false, 200);
                String what = r.sends() + " sends, " + r.succeeded() + " succeeded, " + r.firstFailure();
                assertThat(r.capped()).as(what).isTrue();
                assertThat(r.allSucceeded()).as(what).isTrue();
                assertThat(r.sends()).as(what).isPositive().isLessThan(1_000_000);
                assertThat(r.latenciesNanos()).as(what).hasSize(r.sends()).doesNotContain(0L);
                assertThat(stub.acceptedSends(client.clientId())).as(what).isEqualTo(r.succeeded());
            } finally {
                Harness.closeQuietly(client);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void redeliveredSendsSucceedAndTheOthersAreMeasured() throws Exception {
        for (ClientKind kind : List.of(ClientKind.REDCLOUD, ClientKind.CAMEL_HTTP)) {
            RedeliveryMeasurement.Result r = RedeliveryMeasurement.run(kind, 50, 20_000);
            String line = RedeliveryMeasurement.format(r);
            System.out.println(line);
            assertThat(r.problem()).as(line).isNull();
            assertThat(r.othersSucceeded()).as(line).isEqualTo(RedeliveryMeasurement.OTHERS);
            assertThat(r.othersMillis()).as(line).isPositive();
            assertThat(r.firstAttemptsFailed()).as(line).isEqualTo(RedeliveryMeasurement.MARKED);
            assertThat(r.markedRetries()).as(line).isEqualTo(RedeliveryMeasurement.MARKED);
            assertThat(r.markedSucceeded()).as(line).isEqualTo(RedeliveryMeasurement.MARKED);
            // each one waited for Camel's redelivery delay: the route's error handler, not the component, redelivered
            assertThat(r.markedMinMillis()).as(line).isGreaterThanOrEqualTo(RouteSteps.REDELIVERY_DELAY_MILLIS * 0.9);
        }
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

    private record Run(List<ClientResult> results, String report) {

        ClientResult of(ClientKind kind) {
            return results.stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
        }
    }

    private static Run run(Scenario scenario, DriveMode mode, List<ClientKind> clients, Harness.Options options)
            throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<ClientResult> results = Harness.runScenario(
                scenario, mode, clients, options, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<ScenarioRun> runs = List.of(new ScenarioRun(scenario, mode, results));
        String report = log.toString(StandardCharsets.UTF_8) + BenchmarkMain.table(runs, options) + "\n"
                + RatioSummary.of(runs);
        System.out.println(report);
        return new Run(results, report);
    }

    private static void assertEverySendSucceeded(Run run, List<ClientKind> clients, int sends) {
        String report = run.report();
        assertThat(run.results()).hasSize(clients.size());
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

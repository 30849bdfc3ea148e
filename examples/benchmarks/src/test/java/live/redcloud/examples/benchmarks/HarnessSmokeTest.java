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
 * runs, against the stub in strict mode (the JSON shape is checked and every Idempotency-Key must be new), and each
 * succeeds with exactly one token request per client. Speed is not asserted here: numbers belong to the benchmark run.
 */
class HarnessSmokeTest {

    private static final int SENDS = 300;
    private static final int CONCURRENCY = 8;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyClientSendsEverythingWithOneTokenRequest() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Scenario scenario = new Scenario("smoke", 0, CONCURRENCY, SENDS);
        Harness.Options options = new Harness.Options(0, 1, 20_000, true, true, true,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(40));
        List<ClientResult> results = Harness.runScenario(scenario,
                List.of(ClientKind.REDCLOUD, ClientKind.RAW, ClientKind.CAMEL_HTTP), options,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String report = log.toString(StandardCharsets.UTF_8) + BenchmarkMain.table(scenario, results, options);
        System.out.println(report);

        assertThat(results).hasSize(3);
        for (ClientResult r : results) {
            assertThat(r.problem()).as(r.client() + "\n" + report).isNull();
            assertThat(r.rounds()).as(report).hasSize(1);
            RoundResult round = r.rounds().get(0);
            assertThat(round.succeeded()).as(r.client() + "\n" + report).isEqualTo(SENDS);
            assertThat(round.failed()).as(r.client()).isZero();
            assertThat(round.latenciesNanos()).as(r.client()).hasSize(SENDS).doesNotContain(0L);
            assertThat(round.allocatedBytes()).as(r.client()).isPositive();
            // primed with one send, then 300 concurrent ones: the token is fetched once and cached
            assertThat(r.tokenRequests()).as(r.client() + " token requests\n" + report).isEqualTo(1);
        }
        // a cold start under a burst of C concurrent sends: the component shares one in-flight token fetch
        assertThat(results.get(0).coldBurstTokenRequests()).as("redcloud:send cold burst\n" + report).isEqualTo(1);
        assertThat(results.get(1).coldBurstTokenRequests()).as("raw client cold burst").isEqualTo(1);
        // camel-http has no single flight: anywhere from 1 to C token requests, reported in the benchmark table
        assertThat(results.get(2).coldBurstTokenRequests()).as("camel-http cold burst").isBetween(1L,
                (long) CONCURRENCY);
    }
}

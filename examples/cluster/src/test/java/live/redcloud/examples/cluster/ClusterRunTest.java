package live.redcloud.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small cluster run, the same code as {@code java -jar redcloud-cluster.jar}: two instance JVMs behind the
 * readiness-gated balancer, SIGKILLs and restarts, route failures, duplicate deliveries and one PostgreSQL restart;
 * nothing lost, nothing given up on, nothing applied twice.
 */
class ClusterRunTest {

    @Test
    @Timeout(150)
    void nothingIsLostOrAppliedTwiceThroughKillsFailuresDuplicatesAndADatabaseRestart() throws Exception {
        ClusterSettings settings = ClusterSettings.parse(new String[] {
            "--instances",
            "2",
            "--messages",
            "50",
            "--rate",
            "6",
            "--kill-every",
            "3",
            "--route-failure-rate",
            "0.05",
            "--duplicate-rate",
            "0.15",
            "--seed",
            "11",
            "--time-scale",
            "0.02",
            "--timeout",
            "120"
        });
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        long start = System.nanoTime();

        int exit = new ClusterMain(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        String output = progress.toString(StandardCharsets.UTF_8);
        System.out.println(output); // to the test's report file
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("restarting PostgreSQL", "PostgreSQL is back", "SIGKILL instance-");
        assertThat(output)
                .containsPattern("cluster: messages=50 events=\\d+ effects=(\\d+) distinct=\\1 lost=0 gave-up=0"
                        + " unsettled=0 duplicated=0 out-of-order-kept=\\d+ kills=[1-9]");
        // the balancer probed readiness: answers came only from ready instances, or from itself when none was
        assertThat(output).containsPattern("no instance ready \\d+ times");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(150));
    }
}

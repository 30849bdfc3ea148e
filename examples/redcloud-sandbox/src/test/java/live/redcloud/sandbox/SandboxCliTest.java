package live.redcloud.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line: help, flag parsing, and a real launch. */
class SandboxCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private SandboxMain.Launch launch(String... args) {
        return SandboxMain.launch(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySetting() {
        SandboxMain.Launch result = launch("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.sandbox()).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--host",
                        "--port",
                        "--client-id",
                        "--client-secret",
                        "--signing-secret",
                        "--no-signing",
                        "--delivery-webhook-url",
                        "--inbound-webhook-url",
                        "--number-delivery-webhook",
                        "--number-inbound-webhook",
                        "--token-lifetime",
                        "--retry-scale",
                        "--event-delay-ms",
                        "--seed",
                        "--send-error-rate",
                        "--send-rate-limit-rate",
                        "--retry-after-seconds",
                        "--drop-after-commit-rate",
                        "--token-error-rate",
                        "--fail-next-sends",
                        "--fail-status",
                        "--drop-next-sends",
                        "--fail-next-token-requests",
                        "--verbose",
                        "--help",
                        "/sandbox/state");
    }

    @Test
    void parsesEveryFlagInBothForms() {
        SandboxCli.Options options = SandboxCli.parse(
                "--port",
                "0",
                "--client-id=my_client",
                "--client-secret",
                "s3",
                "--delivery-webhook-url",
                "http://127.0.0.1:9000/hook",
                "--inbound-webhook-url=http://127.0.0.1:9000/in",
                "--number-delivery-webhook",
                "num_sms_only=http://127.0.0.1:9001/d",
                "--number-inbound-webhook=num_abc123=http://127.0.0.1:9001/i",
                "--token-lifetime",
                "60",
                "--retry-scale",
                "0.001",
                "--event-delay-ms",
                "5",
                "--seed",
                "42",
                "--send-error-rate",
                "0.25",
                "--send-rate-limit-rate",
                "0.5",
                "--retry-after-seconds",
                "4",
                "--drop-after-commit-rate",
                "0.1",
                "--token-error-rate",
                "0.2",
                "--fail-next-sends",
                "2",
                "--fail-status",
                "503",
                "--drop-next-sends",
                "1",
                "--fail-next-token-requests",
                "3",
                "--no-signing",
                "--verbose");

        RedCloudSandbox s = options.create();

        assertThat(s.clientId()).isEqualTo("my_client");
        assertThat(s.clientSecret()).isEqualTo("s3");
        assertThat(s.deliveryWebhookUrl()).isEqualTo("http://127.0.0.1:9000/hook");
        assertThat(s.inboundWebhookUrl()).isEqualTo("http://127.0.0.1:9000/in");
        assertThat(s.number("num_sms_only").webhookDeliveryOverride()).isEqualTo("http://127.0.0.1:9001/d");
        assertThat(s.number("num_abc123").webhookInboundOverride()).isEqualTo("http://127.0.0.1:9001/i");
        assertThat(s.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.retryScale()).isEqualTo(0.001);
        assertThat(s.eventDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(s.signingEnabled()).isFalse();
        assertThat(s.faults().sendErrorRate()).isEqualTo(0.25);
        assertThat(s.faults().sendRateLimitRate()).isEqualTo(0.5);
        assertThat(s.faults().retryAfterSeconds()).isEqualTo(4);
        assertThat(s.faults().dropAfterCommitRate()).isEqualTo(0.1);
        assertThat(s.faults().tokenErrorRate()).isEqualTo(0.2);
        assertThat(s.faults().pendingSendFailures()).isEqualTo(2);
        assertThat(s.faults().toJson().get("failNextSendsStatus").asInt()).isEqualTo(503);
        assertThat(s.faults().pendingSendDrops()).isEqualTo(1);
        assertThat(s.faults().pendingTokenFailures()).isEqualTo(3);
        assertThat(options.verbose).isTrue();
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        RedCloudSandbox s = SandboxCli.parse().create();

        assertThat(s.clientId()).isEqualTo("rc_test_client_123");
        assertThat(s.clientSecret()).isEqualTo("rc_secret_abc123");
        assertThat(s.signingEnabled()).isTrue();
        assertThat(s.deliveryWebhookUrl()).isNull();
        assertThat(s.inboundWebhookUrl()).isNull();
        assertThat(s.tokenLifetime()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(s.retryScale()).isEqualTo(1.0);
        assertThat(s.eventDelay()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void badCommandLinesExitWithUsageError() {
        assertThat(launch("--bogus").exitCode()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --bogus");
        assertThat(launch("--port").exitCode()).isEqualTo(2);
        assertThat(launch("--port", "eighty").exitCode()).isEqualTo(2);
        assertThat(launch("--send-error-rate", "2").exitCode()).isEqualTo(2);
        assertThat(launch("--number-delivery-webhook", "num_abc123").exitCode()).isEqualTo(2);
        assertThat(launch("--delivery-webhook-url", "not a url").exitCode()).isEqualTo(2);
        assertThatThrownBy(() -> SandboxCli.parse("--no-signing=yes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void launchPrintsOneReadyLineWithoutSecretsAndServes() {
        SandboxMain.Launch result = launch("--port", "0", "--client-secret", "top-secret-value");
        try {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).matches("Red Cloud sandbox listening on http://127\\.0\\.0\\.1:[0-9]+\\R");
            assertThat(printed).doesNotContain("top-secret-value", "whsec_");
            assertThat(printed.trim()).endsWith(":" + result.sandbox().port());

            ApiClient api = new ApiClient(result.sandbox());
            assertThat(api.tokenWithBasic("rc_test_client_123", "top-secret-value", "grant_type=client_credentials")
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            result.sandbox().close();
        }
    }
}

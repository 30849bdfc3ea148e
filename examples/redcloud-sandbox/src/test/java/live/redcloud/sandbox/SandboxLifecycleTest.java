package live.redcloud.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Embedded use: start, ports, close, misuse. */
class SandboxLifecycleTest {

    @Test
    void startsOnAFreePortAndClosesIdempotently() {
        RedCloudSandbox sandbox = RedCloudSandbox.builder().build();
        assertThat(sandbox.isRunning()).isFalse();
        assertThatThrownBy(sandbox::port).isInstanceOf(IllegalStateException.class);

        sandbox.start();
        assertThat(sandbox.port()).isPositive();
        assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
        assertThat(sandbox.tokenUrl()).isEqualTo(sandbox.baseUrl() + "/api/auth/token");
        assertThatThrownBy(sandbox::start).isInstanceOf(IllegalStateException.class);

        sandbox.close();
        sandbox.close();
        assertThat(sandbox.isRunning()).isFalse();
        assertThatThrownBy(sandbox::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTakenPortIsReported() {
        try (RedCloudSandbox first = RedCloudSandbox.builder().build().start()) {
            RedCloudSandbox second =
                    RedCloudSandbox.builder().port(first.port()).build();
            assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void issueTokenGivesAWorkingTokenWithoutHttp() {
        try (RedCloudSandbox sandbox = RedCloudSandbox.builder().build().start()) {
            ApiClient api = new ApiClient(sandbox);

            assertThat(api.get("/api/core/whoami", sandbox.issueToken()).statusCode())
                    .isEqualTo(200);
            assertThat(sandbox.admin().tokensIssued()).isEqualTo(1);
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> RedCloudSandbox.builder().deliveryWebhookUrl("ftp://x/y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedCloudSandbox.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedCloudSandbox.builder().retryScale(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedCloudSandbox.builder().build().number("num_nope"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RedCloudSandbox.builder().build().numbers())
                .extracting(SandboxNumber::numberId)
                .containsExactly("num_abc123", "num_sms_only", "num_no_campaign", "num_other_client");
    }
}

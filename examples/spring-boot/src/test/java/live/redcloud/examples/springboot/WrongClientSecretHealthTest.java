package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import live.redcloud.sandbox.RedCloudSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same application with a client secret Red Cloud does not know: it starts (a wrong credential must not stop the
 * webhook from being served), and health reports the Red Cloud check DOWN with the OAuth error code, and no secret.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WrongClientSecretHealthTest {

    static final String REAL_SECRET = "sb-real-client-secret-4b1f0e";
    static final String WRONG_SECRET = "sb-wrong-client-secret-93c7aa";
    static final String SIGNING_SECRET = "whsec_sb-wrong-test-signing-6a0d";

    static final RedCloudSandbox SANDBOX = RedCloudSandbox.builder()
            .clientSecret(REAL_SECRET)
            .signingSecret(SIGNING_SECRET)
            .build()
            .start();

    @DynamicPropertySource
    static void redCloud(DynamicPropertyRegistry registry) {
        registry.add("camel.component.redcloud.base-url", SANDBOX::baseUrl);
        registry.add("camel.component.redcloud.client-id", SANDBOX::clientId);
        registry.add("camel.component.redcloud.client-secret", () -> WRONG_SECRET);
        registry.add("camel.component.redcloud.signing-secret", () -> SIGNING_SECRET);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void redCloudCheckIsDownWithInvalidClientAndNoSecret(CapturedOutput output) {
        TestHttp.Response health = TestHttp.get(port, "/actuator/health");

        assertThat(health.status()).as(health.body()).isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        JsonNode camel = health.json().path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("DOWN");
        Map.Entry<String, JsonNode> producerCheck = RedCloudHealth.producerCheck(camel);
        assertThat(producerCheck.getValue().asText()).isEqualTo("DOWN");
        JsonNode data = camel.path("details").path(producerCheck.getKey() + ".data");
        assertThat(data.path("service.error.code").asText()).as(data.toString()).isEqualTo("invalid_client");
        assertThat(data.path("service.status.code").asInt()).isEqualTo(401);

        assertThat(health.body()).doesNotContain(WRONG_SECRET, REAL_SECRET, SIGNING_SECRET);
        assertThat(output.getAll()).doesNotContain(WRONG_SECRET, REAL_SECRET, SIGNING_SECRET);
        assertThat(SANDBOX.admin().tokensIssued()).isZero();
    }
}

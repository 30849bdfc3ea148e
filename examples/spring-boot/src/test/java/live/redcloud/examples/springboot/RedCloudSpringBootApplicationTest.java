package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.redcloud.examples.springboot.EventStore.RecordedEvent;
import live.redcloud.sandbox.MessageRecord;
import live.redcloud.sandbox.RedCloudSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application against an embedded Red Cloud sandbox: a send through {@code POST /notify}, the signed
 * lifecycle webhooks served by Spring's own web server, and the Red Cloud readiness check in actuator health.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.live.redcloud=DEBUG")
@DirtiesContext
class RedCloudSpringBootApplicationTest {

    static final String CLIENT_SECRET = "sb-test-client-secret-7f3a9c";
    static final String SIGNING_SECRET = "whsec_sb-test-signing-2d8e41";

    // started before the Spring context, which needs its URL
    static final RedCloudSandbox SANDBOX = RedCloudSandbox.builder()
            .clientSecret(CLIENT_SECRET)
            .signingSecret(SIGNING_SECRET)
            .retryScale(0.001)
            .eventDelay(Duration.ofMillis(20))
            .build()
            .start();
    static final int PORT = freePort();

    static {
        // registered before the application starts, as with a real Red Cloud: the component's start-up check
        // (startupCheck=warn) then finds the webhooks this application serves configured, and stays quiet
        String webhook = "http://127.0.0.1:" + PORT + NotifyRoutes.WEBHOOK_PATH;
        SANDBOX.deliveryWebhookUrl(webhook).inboundWebhookUrl(webhook);
    }

    @DynamicPropertySource
    static void redCloud(DynamicPropertyRegistry registry) {
        registry.add("camel.component.redcloud.base-url", SANDBOX::baseUrl);
        registry.add("camel.component.redcloud.client-id", SANDBOX::clientId);
        registry.add("camel.component.redcloud.client-secret", SANDBOX::clientSecret);
        registry.add("camel.component.redcloud.signing-secret", () -> SIGNING_SECRET);
        registry.add("server.port", () -> PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    CamelContext camelContext;

    @BeforeEach
    void deliverWebhooksToThisApplication() {
        SANDBOX.deliveryWebhookUrl("http://127.0.0.1:" + port + NotifyRoutes.WEBHOOK_PATH);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void notifySendsExactlyOneMessageUnderTheComponentsIdempotencyKey() {
        TestHttp.Response response = TestHttp.postJson(
                port,
                "/notify",
                "{\"to\":\"+15551234567\",\"text\":\"Your order has shipped\",\"externalReference\":\"order-42\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String messageId = response.json().path("messageId").asText();
        String idempotencyKey = response.json().path("idempotencyKey").asText();
        assertThat(messageId).startsWith("msg_");
        assertThat(response.json().path("status").asText()).isEqualTo("QUEUED");
        assertThat(idempotencyKey).isNotBlank();

        List<MessageRecord> created = SANDBOX.admin().messagesForIdempotencyKey(idempotencyKey);
        assertThat(created).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(messageId);
            assertThat(message.sendFrom()).isEqualTo("num_abc123"); // camel.component.redcloud.send-from
            assertThat(message.to()).isEqualTo("+15551234567");
            assertThat(message.text()).isEqualTo("Your order has shipped");
            assertThat(message.externalReference()).isEqualTo("order-42");
        });
        assertThat(SANDBOX.admin().messageCountsByIdempotencyKey()).containsEntry(idempotencyKey, 1);
    }

    @Test
    void webhookLifecycleArrivesThroughSpringsWebServer() {
        TestHttp.Response response =
                TestHttp.postJson(port, "/notify", "{\"to\":\"+15557654321\",\"text\":\"Lifecycle please\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String messageId = response.json().path("messageId").asText();

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(eventStore.forMessage(messageId)).hasSize(3));

        List<RecordedEvent> events = eventStore.forMessage(messageId);
        assertThat(events)
                .extracting(RecordedEvent::type)
                .containsExactly("message.queued", "message.sent", "message.delivery");
        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(RecordedEvent::status).containsExactly("QUEUED", "SENT", "DELIVERED");

        // each delivered on the first attempt, to this application's own port ...
        assertThat(SANDBOX.admin().deliveredEventsFor(messageId)).hasSize(3).allSatisfy(delivered -> {
            assertThat(delivered.url()).isEqualTo("http://127.0.0.1:" + port + NotifyRoutes.WEBHOOK_PATH);
            assertThat(delivered.attempts()).isEqualTo(1);
        });
        // ... which is Spring's web server: platform-http runs on Spring Boot's engine, not a server of its own
        PlatformHttpComponent platformHttp = camelContext.getComponent("platform-http", PlatformHttpComponent.class);
        assertThat(platformHttp.getEngine().getClass().getName()).contains(".springboot.");

        // and GET /events shows them
        TestHttp.Response listed = TestHttp.get(port, "/events?messageId=" + messageId);
        assertThat(listed.status()).isEqualTo(200);
        List<String> listedTypes = new ArrayList<>();
        listed.json().forEach(event -> listedTypes.add(event.path("type").asText()));
        assertThat(listedTypes).containsExactly("message.queued", "message.sent", "message.delivery");
    }

    @Test
    void healthIsUpWithTheRedCloudProducerCheck() {
        TestHttp.Response health = TestHttp.get(port, "/actuator/health");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        JsonNode camel = health.json().path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("UP");
        Map.Entry<String, JsonNode> producerCheck = RedCloudHealth.producerCheck(camel);
        assertThat(producerCheck.getValue().asText()).isEqualTo("UP");
        JsonNode data = camel.path("details").path(producerCheck.getKey() + ".data");
        assertThat(data.path("check.kind").asText()).isEqualTo("READINESS");
        assertThat(data.path("redcloud.tokenExpiresAt").asText()).isNotBlank();
    }

    @Test
    void secretsAreNeitherLoggedNorShown(CapturedOutput output) {
        TestHttp.postJson(port, "/notify", "{\"to\":\"+15551234567\",\"text\":\"no secrets\"}");
        TestHttp.Response health = TestHttp.get(port, "/actuator/health");

        // DEBUG is on for live.redcloud: the auto-configuration logged the option names it applied
        assertThat(output.getAll()).contains("Configured the redcloud component from camel.component.redcloud.*");
        assertThat(output.getAll()).contains("client-secret").doesNotContain(CLIENT_SECRET, SIGNING_SECRET);
        assertThat(health.body()).doesNotContain(CLIENT_SECRET, SIGNING_SECRET);
    }
}

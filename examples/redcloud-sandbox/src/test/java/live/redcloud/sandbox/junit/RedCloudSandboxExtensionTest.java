package live.redcloud.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import live.redcloud.sandbox.RedCloudSandbox;
import live.redcloud.sandbox.WebhookSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The extension as a user meets it: the sandbox is running before the first test, the test is handed what it needs
 * through parameters, the sandbox's webhooks reach the "application" (here a JDK HTTP server on the handed port)
 * signed with the handed secret, and the test triggers inbound messages, faults and token revocation.
 */
@RedCloudSandboxTest(signingSecret = "whsec_extension_test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedCloudSandboxExtensionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Raw bodies of the webhooks the application received, with their signature check. */
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    private static HttpServer application;

    record Received(JsonNode event, boolean signatureValid) {}

    @BeforeAll
    static void startTheApplication(SandboxConnection connection) throws Exception {
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", connection.webhookPort()), 0);
        application.createContext(connection.webhookPath(), exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
            boolean valid = timestamp != null
                    && signature != null
                    && WebhookSigner.sign(connection.signingSecret(), timestamp, body)
                            .equals(signature);
            RECEIVED.add(new Received(MAPPER.readTree(body), valid));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        application.start();
    }

    @AfterAll
    static void stopTheApplication() {
        application.stop(0);
    }

    @Test
    @Order(1)
    void theTestIsHandedTheConnectionAndTheRunningSandbox(SandboxConnection connection, RedCloudSandbox sandbox) {
        assertThat(sandbox.isRunning()).isTrue();
        assertThat(connection.baseUrl()).isEqualTo(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(connection.tokenUrl()).isEqualTo(connection.baseUrl() + "/api/auth/token");
        assertThat(connection.clientId()).isEqualTo(sandbox.clientId());
        assertThat(connection.clientSecret()).isEqualTo(sandbox.clientSecret());
        assertThat(connection.signingSecret()).isEqualTo("whsec_extension_test");
        assertThat(connection.webhookUrl())
                .isEqualTo("http://127.0.0.1:" + connection.webhookPort() + "/redcloud/webhook");
        assertThat(sandbox.deliveryWebhookUrl()).isEqualTo(connection.webhookUrl());
        assertThat(sandbox.inboundWebhookUrl()).isEqualTo(connection.webhookUrl());
        assertThat(connection.toString()).doesNotContain(connection.clientSecret(), connection.signingSecret());
    }

    @Test
    @Order(2)
    void aSendsLifecycleReachesTheApplicationSigned(SandboxConnection connection) throws Exception {
        String token = token(connection);
        HttpResponse<String> sent = send(connection, token, "idem_ext_1");
        assertThat(sent.statusCode()).isEqualTo(202);
        String messageId = MAPPER.readTree(sent.body())
                .path("results")
                .get(0)
                .path("messageId")
                .asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(messageId).size() == 3);
        assertThat(eventsFor(messageId))
                .extracting(r -> r.event().path("type").asText())
                .containsExactly("message.queued", "message.sent", "message.delivery");
        assertThat(eventsFor(messageId)).allMatch(Received::signatureValid);
    }

    @Test
    @Order(3)
    void theTestTriggersAnInboundMessage(RedCloudSandbox sandbox) {
        var inbound = sandbox.simulateInbound("+15557654321", RedCloudSandbox.NUMBER_SMS_MMS, "STOP");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !eventsFor(inbound.messageId()).isEmpty());
        Received received = eventsFor(inbound.messageId()).get(0);
        assertThat(received.event().path("type").asText()).isEqualTo("message.inbound");
        assertThat(received.signatureValid()).isTrue();
    }

    @Test
    @Order(4)
    void theTestInjectsAFault(SandboxConnection connection, RedCloudSandbox sandbox) throws Exception {
        sandbox.faults().failNextSends(5, 503);
        assertThat(send(connection, token(connection), "idem_ext_fault").statusCode())
                .isEqualTo(503);
    }

    @Test
    @Order(5)
    void faultsDoNotLeakIntoTheNextTest(SandboxConnection connection) throws Exception {
        // four of the five failures above were never used: the extension reset them before this test
        assertThat(send(connection, token(connection), "idem_ext_after_fault").statusCode())
                .isEqualTo(202);
    }

    @Test
    @Order(6)
    void theTestRevokesTokens(SandboxConnection connection, RedCloudSandbox sandbox) throws Exception {
        String token = token(connection);
        assertThat(whoami(connection, token)).isEqualTo(200);
        assertThat(sandbox.revokeAllTokens()).isPositive();
        assertThat(whoami(connection, token)).isEqualTo(401);
        assertThat(whoami(connection, token(connection))).isEqualTo(200);
    }

    private static List<Received> eventsFor(String messageId) {
        return RECEIVED.stream()
                .filter(r -> r.event().path("messageId").asText().equals(messageId))
                .toList();
    }

    private static String token(SandboxConnection connection) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (connection.clientId() + ":" + connection.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(connection.tokenUrl()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> send(SandboxConnection connection, String token, String key) throws Exception {
        String body = "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"SMS\",\"text\":\"hi\"}";
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(connection.baseUrl() + "/api/core/messages/send"))
                        .header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int whoami(SandboxConnection connection, String token) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(connection.baseUrl() + "/api/core/whoami"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

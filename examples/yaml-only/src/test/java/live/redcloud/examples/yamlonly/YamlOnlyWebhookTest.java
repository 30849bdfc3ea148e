package live.redcloud.examples.yamlonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's application as a user runs it: Camel's own {@link Main}, the module's application.properties and
 * routes/webhook.yaml, nothing else. Only the port and the inbox folder are overridden. A signed webhook is routed
 * once and answered 200; a wrongly signed one is answered 401 and not routed.
 */
class YamlOnlyWebhookTest {

    private static final String SECRET = "whsec_sandbox_secret"; // application.properties' default

    @TempDir
    Path inbox;

    private Main main;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startCamelMain() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        main = new Main();
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("inbox.dir", inbox.toString());
        main.start();
    }

    @AfterEach
    void stop() {
        main.stop();
    }

    @Test
    void aSignedWebhookIsServedAndRoutedByTheYamlRoute() throws Exception {
        String body =
                "{\"type\":\"message.delivery\",\"eventId\":\"evt_1\",\"messageId\":\"msg_yaml_1\",\"sequence\":3,"
                        + "\"status\":\"DELIVERED\",\"to\":\"+15551234567\",\"numberId\":\"num_abc123\"}";
        String ts = String.valueOf(System.currentTimeMillis() / 1000);

        HttpResponse<String> response = post(body, ts, sign(SECRET, ts, body));
        assertThat(response.statusCode()).isEqualTo(200);
        Path written = inbox.resolve("msg_yaml_1-3.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(written));
        assertThat(Files.readString(written)).isEqualTo("message.delivery msg_yaml_1 3");

        // the same delivery again: acknowledged, not routed twice
        Files.delete(written);
        assertThat(post(body, ts, sign(SECRET, ts, body)).statusCode()).isEqualTo(200);
        assertThat(Files.exists(written)).isFalse();
    }

    @Test
    void aWronglySignedWebhookIsRefusedAndNotRouted() throws Exception {
        String body = "{\"type\":\"message.delivery\",\"messageId\":\"msg_forged\",\"sequence\":1}";
        String ts = String.valueOf(System.currentTimeMillis() / 1000);

        HttpResponse<String> response = post(body, ts, sign("whsec_wrong", ts, body));
        assertThat(response.statusCode()).isEqualTo(401);
        try (var files = Files.list(inbox)) {
            assertThat(files).isEmpty();
        }
    }

    private HttpResponse<String> post(String body, String timestamp, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/redcloud/webhook"))
                .header("Content-Type", "application/json")
                .header("X-RedCloud-Timestamp", timestamp)
                .header("X-RedCloud-Signature", signature)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** hex(HMAC-SHA256(secret, timestamp + "." + body)), as Red Cloud signs. */
    private static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}

package live.redcloud.camel.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;

/** Camel tests of {@code redcloud:webhook} served by platform-http on Vert.x, on a free port, as in Camel Main. */
public abstract class WebhookTestSupport extends CamelTestSupport {

    public static final String SECRET = "whsec_test_secret";

    protected final int port = AvailablePortFinder.getNextAvailable();
    protected final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addService(platformHttpServer(port));
        return context;
    }

    public static VertxPlatformHttpServer platformHttpServer(int port) {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        return new VertxPlatformHttpServer(conf);
    }

    /** An independent rendering of Red Cloud's signature: hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String now() {
        return String.valueOf(System.currentTimeMillis() / 1000);
    }

    public static String lifecycle(String type, String messageId, int sequence) {
        return "{\"type\":\"" + type + "\",\"eventId\":\"evt_" + messageId + "_" + sequence + "\",\"messageId\":\""
                + messageId + "\",\"externalReference\":\"order_789\",\"sequence\":" + sequence
                + ",\"status\":\"X\",\"to\":\"+15551234567\",\"numberId\":\"num_abc123\","
                + "\"occurredAt\":\"2026-11-27T12:00:00Z\",\"providerMessageRef\":\"prov_" + sequence + "\"}";
    }

    protected HttpResponse<String> postSigned(String path, String body) throws Exception {
        String ts = now();
        return post(path, body, ts, sign(SECRET, ts, body));
    }

    protected HttpResponse<String> post(String path, String body, String timestamp, String signature) throws Exception {
        return post(port, path, body, timestamp, signature, null);
    }

    public HttpResponse<String> post(
            int port, String path, String body, String timestamp, String signature, String[] extraHeaders)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-RedCloud-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-RedCloud-Signature", signature);
        }
        if (extraHeaders != null) {
            request.headers(extraHeaders);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

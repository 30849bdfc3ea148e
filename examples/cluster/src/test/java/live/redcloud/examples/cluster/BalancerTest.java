package live.redcloud.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The balancer sends only to instances whose readiness probe answers 200, and moves on when one is gone. */
class BalancerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeInstance ready = new FakeInstance(200);
    private final FakeInstance notReady = new FakeInstance(503);

    BalancerTest() throws IOException {}

    @AfterEach
    void stop() {
        ready.close();
        notReady.close();
    }

    @Test
    void anInstanceWhoseProbeSaysNotReadyGetsNoWebhook() throws Exception {
        try (Balancer balancer = new Balancer(List.of(ready.port(), notReady.port()), 0, 1)) {
            awaitProbed();
            for (int i = 0; i < 10; i++) {
                assertThat(post(balancer).statusCode()).isEqualTo(200);
            }
            assertThat(ready.webhooks).hasValue(10);
            assertThat(notReady.webhooks).hasValue(0);
        }
    }

    @Test
    void aRefusedConnectionGoesToTheNextReadyInstanceAndNoneReadyIs503() throws Exception {
        FakeInstance other = new FakeInstance(200);
        try (Balancer balancer = new Balancer(List.of(ready.port(), other.port()), 0, 1)) {
            awaitProbed();
            other.close(); // died since the last probe: its port refuses connections

            for (int i = 0; i < 4; i++) {
                assertThat(post(balancer).statusCode()).isEqualTo(200);
            }
            assertThat(ready.webhooks).hasValue(4);

            ready.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> post(balancer).statusCode() == 503);
            assertThat(balancer.noneReady()).isPositive();
        } finally {
            other.close();
        }
    }

    private void awaitProbed() throws InterruptedException {
        Thread.sleep(3 * Balancer.PROBE_EVERY.toMillis());
    }

    private HttpResponse<String> post(Balancer balancer) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(balancer.url()))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An instance: {@code /ready} answers its status, the webhook path 200 "accepted". */
    private static final class FakeInstance implements AutoCloseable {
        final AtomicInteger webhooks = new AtomicInteger();
        private final HttpServer server;

        FakeInstance(int readiness) throws IOException {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server.createContext("/ready", exchange -> answer(exchange, readiness, "probe"));
            server.createContext("/redcloud/webhook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                webhooks.incrementAndGet();
                answer(exchange, 200, "{\"status\":\"accepted\"}");
            });
            server.start();
        }

        private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
                throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

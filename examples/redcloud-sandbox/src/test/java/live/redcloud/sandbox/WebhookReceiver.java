package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/** A real HTTP endpoint on a free loopback port that records every webhook request it gets. */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received: raw body bytes, headers, and when it arrived (System.nanoTime). */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body, long nanoTime) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return ApiClient.json(bodyText());
        }

        String type() {
            return json().path("type").asText();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator statusForRequest = n -> 200;
    private volatile Runnable onRequest = () -> {};

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                long now = System.nanoTime();
                int n = count.incrementAndGet();
                synchronized (received) {
                    received.add(new Received(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            Map.copyOf(exchange.getRequestHeaders()),
                            body,
                            now));
                }
                onRequest.run();
                exchange.sendResponseHeaders(statusForRequest.applyAsInt(n), -1);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The status to answer the n-th request (1-based) with; default always 200. */
    WebhookReceiver respondWith(IntUnaryOperator statusForRequest) {
        this.statusForRequest = statusForRequest;
        return this;
    }

    WebhookReceiver onRequest(Runnable action) {
        this.onRequest = action;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String url() {
        return url("/hook");
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> receivedFor(String messageId) {
        return received().stream()
                .filter(r -> r.json().path("messageId").asText().equals(messageId))
                .toList();
    }

    List<String> typesFor(String messageId) {
        return receivedFor(messageId).stream().map(Received::type).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    static List<String> types(List<Received> list) {
        return new ArrayList<>(list.stream().map(Received::type).toList());
    }
}

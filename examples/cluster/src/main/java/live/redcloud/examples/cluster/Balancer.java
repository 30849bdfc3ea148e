package live.redcloud.examples.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A round-robin HTTP load balancer on 127.0.0.1 in front of the instances, as Red Cloud's one webhook URL. With
 * probability {@code duplicateRate} it also sends the same request to the next instance at the same moment (what a
 * redelivery racing the first attempt, or a retrying proxy, does); Red Cloud gets the first instance's answer. An
 * instance that cannot be reached is a 502, so Red Cloud redelivers.
 */
final class Balancer implements AutoCloseable {

    private static final List<String> FORWARDED =
            List.of("X-RedCloud-Timestamp", "X-RedCloud-Signature", "Content-Type");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    private final List<Integer> ports;
    private final double duplicateRate;
    private final Random random;
    private final AtomicInteger next = new AtomicInteger();
    private final Map statuses = new Map();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong bothAccepted = new AtomicLong();

    Balancer(List<Integer> ports, double duplicateRate, long seed) throws IOException {
        this.ports = ports;
        this.duplicateRate = duplicateRate;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/redcloud/webhook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int first = Math.floorMod(next.getAndIncrement(), ports.size());
        boolean duplicate = ports.size() > 1 && draw() < duplicateRate;
        CompletableFuture<Answer> primary = forward(exchange, body, ports.get(first));
        CompletableFuture<Answer> secondary = null;
        if (duplicate) {
            duplicated.incrementAndGet();
            secondary = forward(exchange, body, ports.get((first + 1) % ports.size()));
        }
        Answer answer = primary.join();
        statuses.count(answer.status);
        if (secondary != null) {
            Answer other = secondary.join();
            if (answer.body.contains("accepted") && other.body.contains("accepted")) {
                bothAccepted.incrementAndGet(); // both instances routed the same event: the claim rule was broken
            }
        }
        byte[] out = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private CompletableFuture<Answer> forward(HttpExchange exchange, byte[] body, int port) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + exchange.getRequestURI().getPath()))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body()))
                .exceptionally(e -> new Answer(502, "{\"error\":\"instance unreachable\"}"));
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    /** Answers Red Cloud got, by status, e.g. {200=5000, 500=300, 502=40, 503=12}. */
    String statuses() {
        return statuses.toString();
    }

    long duplicated() {
        return duplicated.get();
    }

    long bothAccepted() {
        return bothAccepted.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private record Answer(int status, String body) {}

    private static final class Map {
        private final ConcurrentHashMap<Integer, AtomicLong> counts = new ConcurrentHashMap<>();

        void count(int status) {
            counts.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public String toString() {
            return new java.util.TreeMap<>(counts).toString();
        }
    }
}

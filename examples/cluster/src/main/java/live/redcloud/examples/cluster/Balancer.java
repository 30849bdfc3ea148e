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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A round-robin HTTP load balancer on 127.0.0.1 in front of the instances, as Red Cloud's one webhook URL, that sends
 * only to ready instances, as a Kubernetes Service does: it probes each instance's {@code /ready} (the webhook
 * consumer's readiness health check) every {@link #PROBE_EVERY}. A connection refused before anything was sent (an
 * instance that died since the last probe) is tried on the next ready instance, as proxies do for connect errors; a
 * connection lost after the request was sent is a 502, so Red Cloud redelivers. No ready instance: 503. With
 * probability {@code duplicateRate} it also sends the same request to another ready instance at the same moment (what
 * a redelivery racing the first attempt, or a retrying proxy, does); Red Cloud gets the first instance's answer.
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
    static final Duration PROBE_EVERY = Duration.ofMillis(200);

    private final List<Integer> ports;
    /** Probes that must fail in a row before an instance counts as not ready: Kubernetes' failureThreshold. */
    static final int FAILURE_THRESHOLD = 3;

    /** Ready by the last probes, per port index. */
    private final java.util.concurrent.atomic.AtomicIntegerArray ready;
    /** Probes failed in a row, per port index. */
    private final int[] failures;

    private final java.util.concurrent.ScheduledExecutorService prober =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "balancer-readiness");
                thread.setDaemon(true);
                return thread;
            });
    private final double duplicateRate;
    private final Random random;
    private final AtomicInteger next = new AtomicInteger();
    private final Map statuses = new Map();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong bothAccepted = new AtomicLong();
    private final AtomicLong retriedElsewhere = new AtomicLong();
    private final AtomicLong noneReady = new AtomicLong();

    Balancer(List<Integer> ports, double duplicateRate, long seed) throws IOException {
        this.ports = ports;
        this.duplicateRate = duplicateRate;
        this.random = new Random(seed);
        this.ready = new java.util.concurrent.atomic.AtomicIntegerArray(ports.size());
        this.failures = new int[ports.size()];
        prober.scheduleWithFixedDelay(this::probe, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
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
        int first = nextReady(-1);
        Answer answer;
        if (first < 0) {
            noneReady.incrementAndGet();
            answer = new Answer(503, "{\"error\":\"no ready instance\"}");
        } else {
            int second = ports.size() > 1 && draw() < duplicateRate ? nextReady(first) : -1;
            CompletableFuture<Answer> secondary = null;
            if (second >= 0) {
                duplicated.incrementAndGet();
                secondary = forward(exchange, body, second, ports.size());
            }
            answer = forward(exchange, body, first, ports.size()).join();
            if (secondary != null) {
                Answer other = secondary.join();
                if (answer.body.contains("accepted") && other.body.contains("accepted")) {
                    bothAccepted.incrementAndGet(); // both instances routed the same event: the claim rule was broken
                }
            }
        }
        statuses.count(answer.status);
        byte[] out = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    /** The next ready instance in round-robin order other than {@code not}, or -1. */
    private int nextReady(int not) {
        for (int tries = 0; tries < ports.size(); tries++) {
            int i = Math.floorMod(next.getAndIncrement(), ports.size());
            if (i != not && ready.get(i) == 1) {
                return i;
            }
        }
        return -1;
    }

    /** Forwards to instance {@code i}; a refused connection moves on to the next ready instance. */
    private CompletableFuture<Answer> forward(HttpExchange exchange, byte[] body, int i, int triesLeft) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i)
                        + exchange.getRequestURI().getPath()))
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
                .handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (refused(failure) && triesLeft > 1) {
                        ready.set(i, 0);
                        int other = nextReady(i);
                        if (other >= 0) {
                            retriedElsewhere.incrementAndGet();
                            return forward(exchange, body, other, triesLeft - 1);
                        }
                    }
                    return CompletableFuture.completedFuture(new Answer(502, "{\"error\":\"instance unreachable\"}"));
                })
                .thenCompose(answer -> answer);
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The readiness probe, as Kubernetes runs it: {@code GET /ready} answered 200 within 1 s makes an instance ready;
     * {@link #FAILURE_THRESHOLD} failures in a row make it not ready (a refused connection at once: nothing listens).
     */
    private void probe() {
        for (int i = 0; i < ports.size(); i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i) + "/ready"))
                    .timeout(Duration.ofSeconds(1))
                    .GET()
                    .build();
            boolean up;
            boolean refused = false;
            try {
                up = client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                up = false;
                refused = refused(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failures[i] = up ? 0 : failures[i] + 1;
            if (up) {
                ready.set(i, 1);
            } else if (refused || failures[i] >= FAILURE_THRESHOLD) {
                ready.set(i, 0);
            }
        }
    }

    /** Instances ready by the last probes. */
    int readyInstances() {
        int count = 0;
        for (int i = 0; i < ports.size(); i++) {
            count += ready.get(i);
        }
        return count;
    }

    /** Requests answered 503 by the balancer itself: no instance was ready. */
    long noneReady() {
        return noneReady.get();
    }

    /** Requests that found their instance gone and were sent to another ready one. */
    long retriedElsewhere() {
        return retriedElsewhere.get();
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
        prober.shutdownNow();
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

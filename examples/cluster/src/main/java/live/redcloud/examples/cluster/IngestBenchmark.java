package live.redcloud.examples.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import live.redcloud.camel.RedCloudConstants;
import live.redcloud.sandbox.WebhookSigner;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Webhook ingest with the PostgreSQL stores (camel-sql's pair of repositories, and the component's
 * PostgresEventStore) against a bare platform-http route doing the same single INSERT per event: same load generator,
 * same server, same pool, same database. Prints events/s, latencies, their ratio and where
 * the webhook's time goes. Not a test: {@code java -cp redcloud-cluster.jar
 * live.redcloud.examples.cluster.IngestBenchmark [SECONDS] [CONCURRENCY] [POOL_SIZE]}.
 */
public final class IngestBenchmark {

    private static final String SECRET = "whsec_bench";
    private static final String INSERT = "INSERT INTO bench (event_key) VALUES (?)";

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int poolSize = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Database db = Database.start(freePort());
                HikariDataSource pool = Stores.pool(db.jdbcUrl(), "bench", poolSize)) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench (id BIGSERIAL PRIMARY KEY, event_key TEXT NOT NULL)");
            }
            CamelContext camel = new DefaultCamelContext();
            VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
            http.setBindHost("127.0.0.1");
            http.setBindPort(port);
            camel.addService(new VertxPlatformHttpServer(http));
            TimedRepository routed = new TimedRepository(Stores.routed(pool));
            TimedRepository claims = new TimedRepository(Stores.claims(pool, camel, 3000));
            TimedRepository.Timer insertTimer = new TimedRepository.Timer();
            camel.getRegistry().bind("routed", routed);
            camel.getRegistry().bind("claims", claims);
            camel.getRegistry().bind("events", Stores.events(pool, 3000));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("redcloud:webhook?path=/hook&signingSecret=RAW(" + SECRET
                                    + ")&idempotentRepository=#routed&claimRepository=#claims")
                            .process(e -> {
                                long start = System.nanoTime();
                                insert(pool, e.getMessage().getHeader(RedCloudConstants.EVENT_KEY, String.class));
                                insertTimer.record(start);
                            });
                    from("redcloud:webhook?path=/events&signingSecret=RAW(" + SECRET + ")&eventStore=#events")
                            .process(e ->
                                    insert(pool, e.getMessage().getHeader(RedCloudConstants.EVENT_KEY, String.class)));
                    from("platform-http:/bare?httpMethodRestrict=POST").process(e -> {
                        insert(pool, e.getMessage().getBody(String.class));
                        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                        e.getMessage().setBody("{\"status\":\"accepted\"}");
                    });
                }
            });
            camel.start();
            try {
                String base = "http://127.0.0.1:" + port;
                System.out.println("warm-up ... (" + concurrency + " concurrent clients, pool of " + poolSize + ")");
                load(base + "/bare", 3, concurrency, "w1");
                load(base + "/hook", 3, concurrency, "w2");
                load(base + "/events", 3, concurrency, "w3");
                routed.reset();
                claims.reset();
                insertTimer.reset();
                Result bare = load(base + "/bare", seconds, concurrency, "b");
                Result hook = load(base + "/hook", seconds, concurrency, "h");
                Result events = load(base + "/events", seconds, concurrency, "e");
                System.out.println("bare platform-http + 1 INSERT           : " + bare);
                System.out.println("redcloud:webhook + camel-sql stores     : " + hook);
                System.out.println("redcloud:webhook + PostgresEventStore   : " + events);
                System.out.printf(
                        "ratio to bare (events per second): camel-sql stores %.2f, PostgresEventStore %.2f%n",
                        hook.perSecond() / bare.perSecond(), events.perSecond() / bare.perSecond());
                System.out.printf(
                        "webhook, mean per call: routed.contains %.2f ms x%.1f/event, claims.add %.2f ms,"
                                + " route INSERT %.2f ms, routed.add %.2f ms, claims.remove %.2f ms%n",
                        routed.contains.meanMillis(),
                        routed.contains.calls() / (double) Math.max(1, hook.ok),
                        claims.add.meanMillis(),
                        insertTimer.meanMillis(),
                        routed.add.meanMillis(),
                        claims.remove.meanMillis());
            } finally {
                camel.close();
            }
        }
        System.exit(0);
    }

    private static void insert(DataSource pool, String key) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    private static Result load(String url, int seconds, int concurrency, String prefix) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            futures.add(workers.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end; i++) {
                    String body = "{\"type\":\"message.delivery\",\"eventId\":\"evt_" + prefix + worker + "_" + i
                            + "\",\"messageId\":\"msg_" + prefix + worker + "_" + i + "\",\"sequence\":3,"
                            + "\"status\":\"DELIVERED\",\"to\":\"+15551234567\",\"numberId\":\"num_abc123\","
                            + "\"occurredAt\":\"2026-11-27T12:00:00Z\"}";
                    String ts = String.valueOf(System.currentTimeMillis() / 1000);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .header("X-RedCloud-Timestamp", ts)
                            .header(
                                    "X-RedCloud-Signature",
                                    WebhookSigner.sign(
                                            SECRET, ts, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - start);
                    (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        workers.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(
                ok.get(),
                failed.get(),
                seconds,
                sorted.length == 0 ? 0 : sorted[sorted.length / 2],
                sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.99)]);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(long ok, long failed, int seconds, long p50Nanos, long p99Nanos) {
        double perSecond() {
            return ok / (double) seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "%.0f events/s (ok=%d failed=%d), p50 %.2f ms, p99 %.2f ms",
                    perSecond(), ok, failed, p50Nanos / 1e6, p99Nanos / 1e6);
        }
    }
}

package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.TcpGate;
import live.redcloud.camel.support.WebhookTestSupport;
import live.redcloud.camel.webhook.EventGate;
import live.redcloud.camel.webhook.PostgresEventStore;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Several instances behind one webhook URL, on a real PostgreSQL: each "instance" is its own CamelContext with its own
 * camel-sql repositories (done: JdbcMessageIdRepository; claims: JdbcOrphanLockAwareIdempotentRepository) on the same
 * database, as separate JVMs would have.
 */
class WebhookPostgresInstancesTest {

    private static final long LOCK_MAX_AGE = 1500;
    private static final long KEEP_ALIVE = 300;

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private final WebhookTestSupport client = new WebhookTestSupport() {};
    private final List<CamelContext> contexts = new ArrayList<>();
    private final AtomicInteger routedCount = new AtomicInteger();
    /** Routes that started, finished or not. */
    private final AtomicInteger entries = new AtomicInteger();

    private final List<String> eventKeys = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = dataSource(postgres.getPort());
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // created once here: several repositories creating it at once would race
            s.execute("CREATE TABLE CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255), messageId VARCHAR(100),"
                    + " createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @AfterEach
    void stopInstances() throws Exception {
        release.countDown();
        for (CamelContext context : contexts) {
            context.close();
        }
    }

    @Test
    void aRedeliveryOnAnotherInstanceIsAcknowledgedAndNotRouted() throws Exception {
        int a = instance(dataSource);
        int b = instance(dataSource);
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.DELIVERY, "msg_redelivered", 3);

        assertThat(post(a, body).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(b, body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(routedCount).hasValue(1);
        assertThat(eventKeys).containsExactly("message.delivery:msg_redelivered:3");
    }

    @Test
    void theSameEventAtTwoInstancesAtOnceIsRoutedOnceAndTheSecondGets503UntilTheFirstSucceeded() throws Exception {
        int a = instance(dataSource);
        int b = instance(dataSource);
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.SENT, "msg_twice", 2);

        assertBusyElsewhereWhileRoutedLongerThanTheLease(a, b, body);
        HttpResponse<String> later = post(b, body);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).contains("duplicate");
        assertThat(routedCount).hasValue(1);
    }

    @Test
    void aDeadInstancesClaimExpiresAndTheRedeliveryIsRouted() throws Exception {
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.DELIVERY, "msg_orphan", 3);
        String key = "message.delivery:msg_orphan:3";
        int b = instance(dataSource);
        // what a JVM killed mid-route leaves: a claim row, and no keep-alive any more
        JdbcOrphanLockAwareIdempotentRepository dead = claims(new DefaultCamelContext(), dataSource);
        dead.start();
        assertThat(dead.add(key)).isTrue();
        dead.shutdown();

        assertThat(post(b, body).statusCode()).as("claim still fresh").isEqualTo(503);
        await().pollInterval(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(10))
                .until(() -> post(b, body).statusCode() == 200);

        assertThat(routedCount).hasValue(1);
        assertThat(post(b, body).body()).contains("duplicate");
    }

    @Test
    void theLoserOfTwoFirstClaimsAtOnceGets503OnEveryCamelLine() throws Exception {
        // camel-sql 4.14 and 4.18 throw DuplicateKeyException from add() here, 4.22 answers false: both are "busy"
        int a = instance(dataSource);
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.DELIVERY, "msg_first_claims", 3);
        try (Connection winner = dataSource.getConnection()) {
            winner.setAutoCommit(false);
            // the other instance's claim, not yet committed: the loser's SELECT misses it and its INSERT waits
            insertRow(winner, "redcloud-webhook-claims", "message.delivery:msg_first_claims:3", 10_000);
            CompletableFuture<HttpResponse<String>> loser = CompletableFuture.supplyAsync(() -> postUnchecked(a, body));
            await().atMost(Duration.ofSeconds(10)).until(WebhookPostgresInstancesTest::aStatementWaitsOnALock);
            winner.commit();

            HttpResponse<String> answer = loser.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        }
        assertThat(entries).hasValue(0);
    }

    @Test
    void anEventAnotherInstanceRecordedFirstIsAcceptedAndNotLeftPending() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            int a = instance(dataSource);
            String body = WebhookTestSupport.lifecycle(RedCloudEvent.SENT, "msg_recorded_first", 2);
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> answer =
                    CompletableFuture.supplyAsync(() -> postUnchecked(a, body));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            try (Connection other = dataSource.getConnection()) {
                other.setAutoCommit(false);
                // another instance that routed the same event records it first (a takeover race before 4.22)
                insertRow(other, "redcloud-webhook", "message.sent:msg_recorded_first:2", 0);
                release.countDown();
                await().atMost(Duration.ofSeconds(10)).until(WebhookPostgresInstancesTest::aStatementWaitsOnALock);
                other.commit();
            }

            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(gate(contexts.get(0)).pending()).isZero();
            assertThat(logs.text()).doesNotContain("recording it in the idempotentRepository failed");
        }
    }

    @Test
    void aTakenOverClaimIsKeptAliveFromCamel422OnAndExpiresUnderItsRouteBefore() throws Exception {
        int b = instance(dataSource);
        int c = instance(dataSource);
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.DELIVERY, "msg_taken_over", 3);
        try (Connection dead = dataSource.getConnection()) {
            // a killed instance's claim, already older than lockMaxAge
            insertRow(dead, "redcloud-webhook-claims", "message.delivery:msg_taken_over:3", -2 * LOCK_MAX_AGE);
        }
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> holder = CompletableFuture.supplyAsync(() -> postUnchecked(b, body));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        // the holder routes for three times lockMaxAge while c keeps receiving the same event
        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        long until = System.currentTimeMillis() + 3 * LOCK_MAX_AGE;
        while (System.currentTimeMillis() < until && entries.get() < 2) {
            others.add(CompletableFuture.supplyAsync(() -> postUnchecked(c, body)));
            Thread.sleep(250);
        }
        int enteredMeanwhile = entries.get();
        release.countDown();

        assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
        }
        if (camelLineAtLeast(4, 22)) {
            // the takeover joins the keep-alive: nobody else routes the event while its holder does
            assertThat(enteredMeanwhile).isEqualTo(1);
            assertThat(routedCount).hasValue(1);
        } else {
            // docs/clustering.md: the taken-over claim expires under its route, and a second instance routes it
            assertThat(enteredMeanwhile).isEqualTo(2);
            assertThat(routedCount).hasValue(2);
        }
        assertThat(contexts)
                .allSatisfy(context -> assertThat(gate(context).pending()).isZero());
    }

    @Test
    void aFailedRouteReleasesItsClaimSoTheRedeliveryIsRoutedAtOnceElsewhere() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        int a = instance(dataSource, failures);
        int b = instance(dataSource);
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.QUEUED, "msg_failed_once", 1);

        assertThat(post(a, body).statusCode()).isEqualTo(500);
        assertThat(post(b, body).statusCode()).isEqualTo(200);
        assertThat(routedCount).hasValue(1);
    }

    @Test
    void anUnreachableStoreIsA500AndNeverA200NorAHang() throws Exception {
        try (TcpGate gate = new TcpGate(postgres.getPort())) {
            int port = instance(dataSource(gate.port()));
            String body = WebhookTestSupport.lifecycle(RedCloudEvent.DELIVERY, "msg_store_down", 3);

            // refused, then accepted and never answered (without timeouts this one would hang)
            for (TcpGate.Mode down : new TcpGate.Mode[] {TcpGate.Mode.CLOSED, TcpGate.Mode.SILENT}) {
                gate.mode(down);
                long start = System.nanoTime();
                HttpResponse<String> answer = post(port, body);
                assertThat(answer.statusCode()).as(down.name()).isEqualTo(500);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as(down.name())
                        .isLessThan(Duration.ofSeconds(10));
            }
            assertThat(routedCount).hasValue(0);

            // back up: Red Cloud's redelivery is routed
            gate.mode(TcpGate.Mode.OPEN);
            assertThat(post(port, body).statusCode()).isEqualTo(200);
            assertThat(routedCount).hasValue(1);
        }
    }

    @Test
    void withTheComponentsEventStoreTheSameEventAtTwoInstancesIsRoutedOnceAndRedeliveriesAreDuplicates()
            throws Exception {
        int a = eventStoreInstance(new AtomicInteger());
        int b = eventStoreInstance(new AtomicInteger());
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.SENT, "msg_event_store", 2);

        assertBusyElsewhereWhileRoutedLongerThanTheLease(a, b, body);
        assertThat(post(b, body).body()).contains("duplicate");
        assertThat(post(a, body).body()).contains("duplicate");
        assertThat(routedCount).hasValue(1);
    }

    @Test
    void withTheComponentsEventStoreAFailedRouteIsRoutedAtOnceElsewhere() throws Exception {
        int a = eventStoreInstance(new AtomicInteger(1));
        int b = eventStoreInstance(new AtomicInteger());
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.QUEUED, "msg_event_store_failed", 1);

        assertThat(post(a, body).statusCode()).isEqualTo(500);
        assertThat(post(b, body).statusCode()).isEqualTo(200);
        assertThat(post(a, body).body()).contains("duplicate");
        assertThat(routedCount).hasValue(1);
    }

    @Test
    void withTheComponentsEventStoreAContextRestartStillKeepsClaimsAliveAndStopsTheStoreWithIt() throws Exception {
        int a = eventStoreInstance(new AtomicInteger());
        CamelContext restarted = contexts.get(contexts.size() - 1);
        PostgresEventStore events = restarted.getRegistry().lookupByNameAndType("events", PostgresEventStore.class);
        int b = eventStoreInstance(new AtomicInteger());

        restarted.stop();
        assertThat(events.isStopped()).as("stopped with its context").isTrue();
        // a plain DefaultCamelContext empties its registry when it stops; Camel Main's and Spring's keep their beans
        restarted.getRegistry().bind("events", events);
        restarted.addService(WebhookTestSupport.platformHttpServer(a));
        restarted.start();

        assertBusyElsewhereWhileRoutedLongerThanTheLease(
                a, b, WebhookTestSupport.lifecycle(RedCloudEvent.SENT, "msg_after_restart", 2));
        assertThat(routedCount).hasValue(1);
    }

    @Test
    void oneEventStoreForTwoWebhooksIsRefusedAtStart() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("events", new PostgresEventStore(dataSource));
        context.addService(WebhookTestSupport.platformHttpServer(AvailablePortFinder.getNextAvailable()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String secret = "&signingSecret=RAW(" + WebhookTestSupport.SECRET + ")&eventStore=#events";
                from("redcloud:webhook?path=/delivery" + secret).to("log:delivery");
                from("redcloud:webhook?path=/inbound" + secret).to("log:inbound");
            }
        });
        try {
            assertThatThrownBy(context::start)
                    .hasStackTraceContaining(
                            "is used by redcloud:webhook on /delivery already; bind one store per" + " webhook");
        } finally {
            context.close();
        }
    }

    @Test
    void anEventStoreBesideARepositoryIsRefusedAtStart() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("events", new PostgresEventStore(dataSource));
        context.getRegistry().bind("dedup", new JdbcMessageIdRepository(dataSource, "redcloud-webhook"));
        context.addService(WebhookTestSupport.platformHttpServer(AvailablePortFinder.getNextAvailable()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/hook&signingSecret=RAW(" + WebhookTestSupport.SECRET
                                + ")&eventStore=#events&idempotentRepository=#dedup")
                        .to("log:never");
            }
        });
        try {
            assertThatThrownBy(context::start)
                    .hasStackTraceContaining("set either eventStore or idempotentRepository/claimRepository");
        } finally {
            context.close();
        }
    }

    /**
     * Instance {@code a} routes the event for twice the claim's lifetime while {@code b} keeps receiving it: the holder's
     * keep-alive keeps the claim, so {@code b} answers 503 throughout; then {@code a} answers 200.
     */
    private void assertBusyElsewhereWhileRoutedLongerThanTheLease(int a, int b, String body) throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> postUnchecked(a, body));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        long until = System.currentTimeMillis() + 2 * LOCK_MAX_AGE;
        while (System.currentTimeMillis() < until) {
            HttpResponse<String> second = post(b, body);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(503);
            Thread.sleep(250);
        }
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private int eventStoreInstance(AtomicInteger failuresLeft) throws Exception {
        PostgresEventStore events = new PostgresEventStore(dataSource);
        events.setLeaseMillis(LOCK_MAX_AGE);
        return instance("eventStore=#events", events, null, failuresLeft);
    }

    private int instance(DataSource store) throws Exception {
        return instance(store, new AtomicInteger());
    }

    private int instance(DataSource store, AtomicInteger failuresLeft) throws Exception {
        JdbcMessageIdRepository dedup = new JdbcMessageIdRepository(store, "redcloud-webhook");
        // the table is the schema's job (made once above), so an instance also starts while the store is down
        dedup.setCreateTableIfNotExists(false);
        return instance("idempotentRepository=#dedup&claimRepository=#claims", dedup, store, failuresLeft);
    }

    private int instance(String stores, Object store, DataSource claimStore, AtomicInteger failuresLeft)
            throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        if (claimStore != null) {
            context.getRegistry().bind("dedup", store);
            context.getRegistry().bind("claims", claims(context, claimStore));
        } else {
            context.getRegistry().bind("events", store);
        }
        context.addService(WebhookTestSupport.platformHttpServer(port));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("redcloud:webhook?path=/hook&signingSecret=RAW(" + WebhookTestSupport.SECRET + ")&" + stores)
                        .routeId("webhook")
                        .process(exchange -> {
                            entries.incrementAndGet();
                            entered.countDown();
                            release.await(30, TimeUnit.SECONDS);
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("route failure on purpose");
                            }
                            routedCount.incrementAndGet();
                            eventKeys.add(exchange.getMessage().getHeader(RedCloudConstants.EVENT_KEY, String.class));
                        });
            }
        });
        context.start();
        contexts.add(context);
        return port;
    }

    /** A row of camel-sql's table as another instance writes it, {@code createdAt} now plus {@code ageMillis}. */
    private static void insertRow(Connection c, String processor, String key, long offsetMillis) throws Exception {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)")) {
            insert.setString(1, processor);
            insert.setString(2, key);
            insert.setTimestamp(3, new Timestamp(System.currentTimeMillis() + offsetMillis));
            insert.executeUpdate();
        }
    }

    private static boolean aStatementWaitsOnALock() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }

    private static boolean camelLineAtLeast(int major, int minor) {
        String[] version = new DefaultCamelContext().getVersion().split("\\.");
        int actualMajor = Integer.parseInt(version[0]);
        return actualMajor > major || actualMajor == major && Integer.parseInt(version[1]) >= minor;
    }

    private static EventGate gate(CamelContext context) {
        return ((RedCloudWebhookConsumer) context.getRoute("webhook").getConsumer()).gate();
    }

    private static JdbcOrphanLockAwareIdempotentRepository claims(CamelContext context, DataSource store) {
        JdbcOrphanLockAwareIdempotentRepository claims =
                new JdbcOrphanLockAwareIdempotentRepository(store, "redcloud-webhook-claims", context);
        claims.setLockMaxAgeMillis(LOCK_MAX_AGE);
        claims.setLockKeepAliveIntervalMillis(KEEP_ALIVE);
        claims.setCreateTableIfNotExists(false);
        return claims;
    }

    /** Bounded in every phase: connecting, logging in and every statement. */
    private static DataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        ds.setLoginTimeout(2);
        ds.setSocketTimeout(5);
        return ds;
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        String ts = WebhookTestSupport.now();
        return client.post(port, "/hook", body, ts, WebhookTestSupport.sign(WebhookTestSupport.SECRET, ts, body), null);
    }

    private HttpResponse<String> postUnchecked(int port, String body) {
        try {
            return post(port, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

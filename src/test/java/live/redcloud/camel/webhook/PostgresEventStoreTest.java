package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.webhook.EventStore.Claim;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The component's own PostgreSQL event store on a real PostgreSQL 14: each store object is one instance. */
class PostgresEventStoreTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private final List<PostgresEventStore> stores = new ArrayList<>();
    private int keys;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {postgres.getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setSocketTimeout(10);
        dataSource = ds;
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @AfterEach
    void stopStores() {
        stores.forEach(PostgresEventStore::stop);
    }

    @Test
    void aClaimIsBusyElsewhereUntilRoutedThenRoutedEverywhere() {
        PostgresEventStore a = store(30_000);
        PostgresEventStore b = store(30_000);
        String key = key();

        assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);
        assertThat(b.claim(key)).isEqualTo(Claim.BUSY);
        assertThat(a.claim(key)).as("one claim per event, whoever asks").isEqualTo(Claim.BUSY);

        a.routed(key);

        assertThat(b.claim(key)).isEqualTo(Claim.ROUTED);
        assertThat(a.claim(key)).isEqualTo(Claim.ROUTED);
        assertThat(a.heldClaims()).isZero();
    }

    @Test
    void aReleasedClaimIsFreeForTheNextInstanceAtOnce() {
        PostgresEventStore a = store(30_000);
        PostgresEventStore b = store(30_000);
        String key = key();

        assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);
        a.release(key);

        assertThat(b.claim(key)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void aDeadHoldersLeaseExpiresOnTheDatabaseClockAndItsLateReleaseLeavesTheNewHolderAlone() {
        PostgresEventStore dead = store(1_000);
        PostgresEventStore b = store(30_000);
        PostgresEventStore c = store(30_000);
        String key = key();
        assertThat(dead.claim(key)).isEqualTo(Claim.CLAIMED);
        dead.stop(); // no keep-alive any more: what a killed JVM leaves

        assertThat(b.claim(key)).isEqualTo(Claim.BUSY);
        await().pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5))
                .until(() -> b.claim(key) == Claim.CLAIMED);
        dead.release(key);

        assertThat(c.claim(key))
                .as("b's claim survives the old holder's release")
                .isEqualTo(Claim.BUSY);
    }

    @Test
    void theHolderKeepsItsClaimAliveWhileItsRouteRunsLongerThanTheLease() throws Exception {
        PostgresEventStore a = store(1_000);
        PostgresEventStore b = store(30_000);
        String key = key();
        assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);

        long until = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
            assertThat(b.claim(key)).isEqualTo(Claim.BUSY);
            Thread.sleep(200);
        }
    }

    @Test
    void everyClaimHeldIsKeptAliveNotOnlyTheFirstThousand() throws Exception {
        PostgresEventStore a = store(1_000);
        PostgresEventStore b = store(30_000);
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 1_050; i++) {
            String key = key();
            assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);
            claimed.add(key);
        }

        Thread.sleep(2_500);

        assertThat(a.heldClaims()).isEqualTo(1_050);
        for (String key : claimed) {
            assertThat(b.claim(key)).as(key).isEqualTo(Claim.BUSY);
        }
    }

    @Test
    void ofManyInstancesClaimingOneNewOrExpiredEventAtOnceExactlyOneGetsIt() throws Exception {
        List<PostgresEventStore> instances = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            instances.add(store(30_000));
        }
        String fresh = key();
        assertThat(race(instances, fresh)).containsOnlyOnce(Claim.CLAIMED).doesNotContain(Claim.ROUTED);

        PostgresEventStore dead = store(1_000);
        String expired = key();
        assertThat(dead.claim(expired)).isEqualTo(Claim.CLAIMED);
        dead.stop();
        Thread.sleep(1_300);
        assertThat(race(instances, expired)).containsOnlyOnce(Claim.CLAIMED);
    }

    @Test
    void anEventRoutedTwiceIsRecordedOnce() throws Exception {
        PostgresEventStore a = store(30_000);
        PostgresEventStore b = store(30_000);
        String key = key();
        assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);
        a.routed(key);
        b.routed(key);

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery("SELECT count(*) FROM redcloud_webhook_event WHERE event_key = '" + key + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void oldRowsArePurgedAfterTheRetention() throws Exception {
        PostgresEventStore a = store(1_000);
        a.stop();
        a.setRetentionMillis(1_500);
        a.start();
        String key = key();
        a.claim(key);
        a.routed(key);
        Thread.sleep(1_700);

        a.purge();

        assertThat(a.claim(key)).as("forgotten: a new event to the store").isEqualTo(Claim.CLAIMED);
    }

    @Test
    void aTableNameThatIsNoIdentifierIsRefusedAtStart() {
        PostgresEventStore store = new PostgresEventStore(dataSource);
        store.setTableName("events; DROP TABLE x");

        assertThatThrownBy(store::start).hasStackTraceContaining("tableName must be an SQL identifier");
    }

    @Test
    void aStoreThatCannotReachTheDatabaseThrowsNamingTheStepAndTheEvent() {
        PostgresEventStore a = store(30_000);
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1});
        nowhere.setConnectTimeout(1);
        PostgresEventStore down = new PostgresEventStore(nowhere);
        down.setCreateTable(false);
        down.start();
        stores.add(down);

        assertThatThrownBy(() -> down.claim("message.sent:msg_x:2"))
                .hasMessageContaining("could not claim webhook event message.sent:msg_x:2 in redcloud_webhook_event");
        assertThat(a.claim("message.sent:msg_x:2")).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void aReleaseThatFailsStopsKeepingTheClaimAliveSoItExpiresAfterItsLease() {
        Switchable flaky = new Switchable();
        PostgresEventStore a = store(flaky.dataSource(), 1_000);
        PostgresEventStore b = store(30_000);
        String key = key();
        assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);

        flaky.down = true;
        assertThatThrownBy(() -> a.release(key)).hasMessageContaining("could not release webhook event " + key);
        flaky.down = false;

        assertThat(a.heldClaims()).isZero();
        await().pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5))
                .until(() -> b.claim(key) == Claim.CLAIMED);
    }

    @Test
    void aClaimTakenOverWhileHeldIsDroppedWithAWarning() throws Exception {
        PostgresEventStore a = store(1_000);
        String key = key();
        assertThat(a.claim(key)).isEqualTo(Claim.CLAIMED);
        try (LogCapture logs = new LogCapture(Level.WARN)) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE redcloud_webhook_event SET holder = 'another-instance' WHERE event_key = '"
                        + key + "'");
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> a.heldClaims() == 0);
            assertThat(logs.text())
                    .contains("1 webhook claims in redcloud_webhook_event had expired and were taken over")
                    .contains(key);
        }
    }

    @Test
    void aKeepAliveThatComesLateSaysSo() throws Exception {
        Switchable slow = new Switchable();
        PostgresEventStore a = store(slow.dataSource(), 1_000);
        assertThat(a.claim(key())).isEqualTo(Claim.CLAIMED);
        try (LogCapture logs = new LogCapture(Level.WARN)) {
            slow.delayMillis = 800;

            await().atMost(Duration.ofSeconds(5)).until(() -> logs.text().contains("were last kept alive"));
            assertThat(logs.text()).contains("against a lease of 1000 ms");
        }
    }

    @Test
    void aFailedStatementOnAPooledConnectionWithoutAutoCommitLeavesNoAbortedTransaction() throws Exception {
        try (Connection shared = dataSource.getConnection();
                Statement ddl = shared.createStatement()) {
            // keys of at most 12 characters: a longer one fails on the server, inside the transaction
            ddl.execute("CREATE TABLE short_keys (processor_name TEXT NOT NULL, event_key VARCHAR(12) NOT NULL,"
                    + " holder TEXT, lease_until TIMESTAMPTZ, routed_at TIMESTAMPTZ,"
                    + " PRIMARY KEY (processor_name, event_key))");
            shared.setAutoCommit(false);
            PostgresEventStore a = new PostgresEventStore(oneConnection(shared));
            a.setTableName("short_keys");
            a.start();
            stores.add(a);

            assertThatThrownBy(() -> a.claim("message.sent:msg_1:1")).hasMessageContaining("could not claim");

            assertThat(a.claim("sent:m2:1"))
                    .as("the connection is usable again")
                    .isEqualTo(Claim.CLAIMED);
        }
    }

    @Test
    void aStoppedStoreClaimsNothing() {
        PostgresEventStore a = store(30_000);
        a.stop();

        assertThatThrownBy(() -> a.claim(key())).hasMessageContaining("is not started");
    }

    /** A data source that fails, or waits, on demand. */
    private static final class Switchable {
        volatile boolean down;
        volatile long delayMillis;

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(
                    DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            if (down) {
                                throw new SQLException("database down on purpose");
                            }
                            if (delayMillis > 0) {
                                Thread.sleep(delayMillis);
                            }
                        }
                        try {
                            return method.invoke(dataSource, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** What a pool of one hands out: the same connection every time, its close() a return to the pool. */
    private static DataSource oneConnection(Connection shared) {
        Connection pooled = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return pooled;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private List<Claim> race(List<PostgresEventStore> instances, String key) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Claim>> answers = new ArrayList<>();
            for (PostgresEventStore instance : instances) {
                Callable<Claim> claim = () -> {
                    go.await();
                    return instance.claim(key);
                };
                answers.add(threads.submit(claim));
            }
            go.countDown();
            List<Claim> claims = new ArrayList<>();
            for (Future<Claim> answer : answers) {
                claims.add(answer.get());
            }
            return claims;
        } finally {
            threads.shutdownNow();
        }
    }

    private PostgresEventStore store(long leaseMillis) {
        return store(dataSource, leaseMillis);
    }

    private PostgresEventStore store(DataSource dataSource, long leaseMillis) {
        PostgresEventStore store = new PostgresEventStore(dataSource);
        store.setLeaseMillis(leaseMillis);
        store.start();
        stores.add(store);
        return store;
    }

    private String key() {
        return "message.delivery:msg_" + System.nanoTime() + "_" + keys++ + ":3";
    }
}

package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
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
import live.redcloud.camel.webhook.EventStore.Claim;
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

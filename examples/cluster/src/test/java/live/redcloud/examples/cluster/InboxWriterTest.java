package live.redcloud.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import live.redcloud.camel.RedCloudConstants;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox transaction and the ordered upsert, on a real PostgreSQL. */
class InboxWriterTest {

    private static Database db;
    private static DataSource ds;
    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    @BeforeAll
    static void start() throws Exception {
        db = Database.start(freePort());
        ds = db.dataSource();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE inbox, effects, messages");
        }
    }

    @Test
    void aFailureBeforeTheCommitLeavesNothingAndTheRedeliveryAppliesTheEffectOnce() throws Exception {
        InboxWriter failing = new InboxWriter(ds, "a", 1.0, 1);
        InboxWriter working = new InboxWriter(ds, "b", 0, 1);
        Exchange event = event("message.delivery", "msg_1", 3L);

        assertThatThrownBy(() -> failing.process(event)).hasMessageContaining("injected route failure");
        assertThat(count("SELECT count(*) FROM inbox")).isZero();
        assertThat(count("SELECT count(*) FROM effects")).isZero();
        assertThat(count("SELECT count(*) FROM messages")).isZero();

        working.process(event("message.delivery", "msg_1", 3L));
        // the dedup store let it through again (an expired claim, say): the inbox keeps the effect single
        working.process(event("message.delivery", "msg_1", 3L));
        assertThat(count("SELECT count(*) FROM effects")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM inbox")).isEqualTo(1);
    }

    @Test
    void anOlderSequenceNeverOverwritesANewerState() throws Exception {
        InboxWriter writer = new InboxWriter(ds, "a", 0, 1);
        writer.process(event("message.queued", "msg_2", 1L));
        writer.process(event("message.delivery", "msg_2", 3L));
        writer.process(event("message.sent", "msg_2", 2L)); // late

        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state, sequence FROM messages WHERE message_id = 'msg_2'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("message.delivery");
            assertThat(rs.getLong(2)).isEqualTo(3);
        }
        assertThat(count("SELECT count(*) FROM effects WHERE stale")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM effects")).isEqualTo(3);
    }

    private static Exchange event(String type, String messageId, Long sequence) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setHeader(RedCloudConstants.EVENT_TYPE, type);
        exchange.getMessage().setHeader(RedCloudConstants.MESSAGE_ID, messageId);
        exchange.getMessage().setHeader(RedCloudConstants.SEQUENCE, sequence);
        exchange.getMessage().setHeader(RedCloudConstants.EVENT_KEY, type + ":" + messageId + ":" + sequence);
        return exchange;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

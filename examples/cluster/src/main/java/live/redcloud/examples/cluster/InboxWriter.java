package live.redcloud.examples.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import javax.sql.DataSource;
import live.redcloud.camel.RedCloudConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The inbox pattern: the dedup record ({@code inbox}, keyed by {@code CamelRedCloudEventKey}) and the event's effect are
 * written in ONE PostgreSQL transaction. A crash or failure anywhere before the commit leaves nothing, and the
 * redelivery does the work; a redelivery after the commit finds the inbox row and changes nothing. This holds even when
 * the consumer's dedup store lets an event through twice (an expired claim, say): the database has the last word.
 */
public final class InboxWriter implements Processor {

    static final String INBOX = "INSERT INTO inbox (event_key, instance) VALUES (?, ?) ON CONFLICT DO NOTHING";
    static final String EFFECT = "INSERT INTO effects (event_key, message_id, type, sequence, stale, instance)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    // Red Cloud's ordering key is sequence: a late message.sent never moves a delivered message back
    static final String LATEST_STATE = "INSERT INTO messages (message_id, state, sequence) VALUES (?, ?, ?)"
            + " ON CONFLICT (message_id) DO UPDATE SET state = EXCLUDED.state,"
            + " sequence = EXCLUDED.sequence, updated_at = now()"
            + " WHERE messages.sequence < EXCLUDED.sequence";

    private final DataSource dataSource;
    private final String instance;
    private final double failureRate;
    private final Random random;

    public InboxWriter(DataSource dataSource, String instance, double failureRate, long seed) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.failureRate = failureRate;
        this.random = new Random(seed);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String key = in.getHeader(RedCloudConstants.EVENT_KEY, String.class);
        String type = in.getHeader(RedCloudConstants.EVENT_TYPE, String.class);
        String messageId = in.getHeader(RedCloudConstants.MESSAGE_ID, String.class);
        Long sequence = in.getHeader(RedCloudConstants.SEQUENCE, Long.class);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                apply(c, key, type, messageId, sequence);
                if (failureRate > 0 && nextDouble() < failureRate) {
                    // after the writes, before the commit: the worst moment; the rollback must leave nothing
                    throw new IllegalStateException("injected route failure for " + key);
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void apply(Connection c, String key, String type, String messageId, Long sequence) throws SQLException {
        try (PreparedStatement inbox = c.prepareStatement(INBOX)) {
            inbox.setString(1, key);
            inbox.setString(2, instance);
            if (inbox.executeUpdate() == 0) {
                return; // applied before, by this or another instance: nothing more to do
            }
        }
        boolean stale = false;
        if (sequence != null && messageId != null) {
            try (PreparedStatement state = c.prepareStatement(LATEST_STATE)) {
                state.setString(1, messageId);
                state.setString(2, type);
                state.setLong(3, sequence);
                stale = state.executeUpdate() == 0;
            }
        }
        try (PreparedStatement effect = c.prepareStatement(EFFECT)) {
            effect.setString(1, key);
            effect.setString(2, messageId);
            effect.setString(3, type);
            if (sequence == null) {
                effect.setNull(4, java.sql.Types.BIGINT);
            } else {
                effect.setLong(4, sequence);
            }
            effect.setBoolean(5, stale);
            effect.setString(6, instance);
            effect.executeUpdate();
        }
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }
}

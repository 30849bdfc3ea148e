package live.redcloud.examples.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The closing line, computed by SQL from what Red Cloud sent and what the instances applied. */
record Summary(
        long messages,
        long events,
        long effects,
        long distinct,
        long lost,
        long duplicated,
        long outOfOrderKept,
        long kills,
        long unfinished) {

    static final String QUERY = "SELECT"
            + " (SELECT count(*) FROM sent),"
            + " (SELECT count(*) FROM expected_events),"
            + " (SELECT count(*) FROM effects),"
            + " (SELECT count(DISTINCT event_key) FROM effects),"
            + " (SELECT count(*) FROM expected_events e WHERE NOT EXISTS"
            + "    (SELECT 1 FROM effects f WHERE f.event_key = e.event_key)),"
            + " (SELECT count(*) - count(DISTINCT event_key) FROM effects),"
            + " (SELECT count(*) FROM effects WHERE stale),"
            + " (SELECT count(*) FROM faults WHERE kind = 'kill'),"
            + " (SELECT count(*) FROM sent s LEFT JOIN messages m USING (message_id)"
            + "    WHERE m.state IS NULL OR m.state NOT IN ('message.delivery', 'message.failed'))";

    static Summary of(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return new Summary(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getLong(8),
                    rs.getLong(9));
        }
    }

    boolean ok() {
        return lost == 0 && duplicated == 0 && unfinished == 0 && messages > 0;
    }

    String line() {
        return "cluster: messages=" + messages + " events=" + events + " effects=" + effects + " distinct=" + distinct
                + " lost=" + lost + " duplicated=" + duplicated + " out-of-order-kept=" + outOfOrderKept + " kills="
                + kills + (unfinished > 0 ? " unfinished=" + unfinished : "");
    }
}

package live.redcloud.examples.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The closing line, computed by SQL from what Red Cloud sent and what the instances applied. An event without an effect
 * is one of three things: {@code lost} (Red Cloud got a 2xx: an instance acknowledged it and did not apply it, the
 * component's fault), {@code gave-up} (Red Cloud got no 2xx in five attempts and stopped: the cluster could not take
 * it, the answers say why) or {@code unsettled} (Red Cloud was still redelivering it when the run timed out).
 */
record Summary(
        long messages,
        long events,
        long effects,
        long distinct,
        long lost,
        long gaveUp,
        long unsettled,
        long duplicated,
        long outOfOrderKept,
        long kills,
        long unfinished) {

    private static final String UNAPPLIED = "NOT EXISTS (SELECT 1 FROM effects f WHERE f.event_key = e.event_key)";

    static final String QUERY = "SELECT"
            + " (SELECT count(*) FROM sent),"
            + " (SELECT count(*) FROM expected_events),"
            + " (SELECT count(*) FROM effects),"
            + " (SELECT count(DISTINCT event_key) FROM effects),"
            + " (SELECT count(*) FROM expected_events e WHERE delivered AND " + UNAPPLIED + "),"
            + " (SELECT count(*) FROM expected_events e WHERE NOT delivered AND gave_up AND " + UNAPPLIED + "),"
            + " (SELECT count(*) FROM expected_events e WHERE NOT delivered AND NOT gave_up AND " + UNAPPLIED + "),"
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
            long[] v = new long[11];
            for (int i = 0; i < v.length; i++) {
                v[i] = rs.getLong(i + 1);
            }
            return new Summary(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
        }
    }

    /** The events without an effect, each with what it is and the answers Red Cloud's attempts got. */
    static List<String> unsettled(DataSource ds, int limit) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT event_key, delivered, gave_up, answers"
                        + " FROM expected_events e WHERE " + UNAPPLIED + " ORDER BY event_key LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String what = rs.getBoolean(2) ? "lost" : rs.getBoolean(3) ? "gave up on" : "unsettled";
                    lines.add(what + " " + rs.getString(1) + ", answers: " + rs.getString(4));
                }
            }
        }
        return lines;
    }

    boolean ok() {
        return lost == 0 && gaveUp == 0 && unsettled == 0 && duplicated == 0 && unfinished == 0 && messages > 0;
    }

    String line() {
        return "cluster: messages=" + messages + " events=" + events + " effects=" + effects + " distinct=" + distinct
                + " lost=" + lost + " gave-up=" + gaveUp + " unsettled=" + unsettled + " duplicated=" + duplicated
                + " out-of-order-kept=" + outOfOrderKept + " kills=" + kills
                + (unfinished > 0 ? " unfinished=" + unfinished : "");
    }
}

package live.redcloud.camel.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dedup store of one webhook endpoint: the events routed in the last {@link #RETENTION}, in memory. Sized by
 * time, not by count, because what it must cover is Red Cloud's redelivery window (1 + 5 + 15 + 60 minutes after the
 * first attempt, 81 minutes), whatever the rate. A bound on the entries keeps a flood from exhausting the heap; when it
 * is reached the oldest go first and a WARN (once a minute) says how much of the window is still covered.
 */
public final class RecentEvents extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(RecentEvents.class);

    /** Red Cloud's whole redelivery schedule (81 minutes), with margin for late duplicates. */
    public static final Duration RETENTION = Duration.ofHours(2);

    /** About 40 MB at most: two hours at 34 events per second. */
    public static final int MAX_ENTRIES = 250_000;

    private final Clock clock;
    private final Duration retention;
    private final int maxEntries;
    /** Key -> when it was recorded, oldest first (a record is never refreshed: the first routing is what counts). */
    private final LinkedHashMap<String, Long> recorded = new LinkedHashMap<>();

    private long lastWarning = Long.MIN_VALUE;

    public RecentEvents() {
        this(Clock.systemUTC(), RETENTION, MAX_ENTRIES);
    }

    RecentEvents(Clock clock, Duration retention, int maxEntries) {
        this.clock = clock;
        this.retention = retention;
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized boolean add(String key) {
        long now = clock.millis();
        expire(now);
        if (recorded.containsKey(key)) {
            return false;
        }
        recorded.put(key, now);
        if (recorded.size() > maxEntries) {
            Iterator<Map.Entry<String, Long>> oldest = recorded.entrySet().iterator();
            oldest.next();
            oldest.remove();
            warnFull(now);
        }
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        Long at = recorded.get(key);
        return at != null && clock.millis() - at < retention.toMillis();
    }

    @Override
    public synchronized boolean remove(String key) {
        return recorded.remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public synchronized void clear() {
        recorded.clear();
    }

    /** How many events are remembered now. */
    public synchronized int size() {
        return recorded.size();
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Long>> oldest = recorded.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue() >= retention.toMillis()) {
            oldest.remove();
        }
    }

    private void warnFull(long now) {
        if (lastWarning != Long.MIN_VALUE
                && now - lastWarning < Duration.ofMinutes(1).toMillis()) {
            return;
        }
        lastWarning = now;
        long covered = now - recorded.values().iterator().next();
        LOG.warn(
                "The webhook dedup store holds its maximum of {} events: it remembers the last {} minutes of events,"
                        + " less than Red Cloud's 81-minute redelivery window, so a late redelivery may be routed again."
                        + " Give the consumer a shared idempotentRepository (a JDBC one) for this rate",
                maxEntries,
                Duration.ofMillis(covered).toMinutes());
    }

    @Override
    protected void doStop() {
        clear();
    }
}

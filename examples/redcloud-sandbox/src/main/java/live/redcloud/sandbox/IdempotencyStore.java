package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Stored accepted send responses, keyed by (API client, Idempotency-Key) and kept 24 hours (working assumption,
 * redcloud-api.md section 10). Only 202 responses are stored: an error response is never replayed, so a corrected
 * retry of a failed request under the same key is not locked out.
 */
final class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);

    /** What the first accepted request looked like and what it got back. */
    record Entry(JsonNode request, byte[] responseBody, Instant storedAt) {}

    private record Scope(String clientId, String key) {}

    private final ConcurrentHashMap<Scope, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Scope, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    IdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code action} while holding the lock of this key, so concurrent duplicates in flight are serialised:
     * the second one sees the first one's stored response instead of creating a second set of messages.
     */
    <T> T withKeyLocked(String clientId, String key, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(new Scope(clientId, key), s -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The live entry of this key; call while holding its lock. Expired entries are forgotten. */
    Optional<Entry> find(String clientId, String key) {
        Scope scope = new Scope(clientId, key);
        Entry e = entries.get(scope);
        if (e != null && !clock.instant().isBefore(e.storedAt().plus(RETENTION))) {
            entries.remove(scope, e);
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    void store(String clientId, String key, JsonNode request, byte[] responseBody) {
        entries.put(new Scope(clientId, key), new Entry(request, responseBody.clone(), clock.instant()));
    }

    void clear() {
        entries.clear();
    }
}

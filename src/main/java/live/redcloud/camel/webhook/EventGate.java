package live.redcloud.camel.webhook;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a webhook event may be routed, and what its outcome does to the stores: the dedup record
 * ({@code idempotentRepository}) and, with several instances, the claim ({@code claimRepository}). HTTP-free, so the
 * rules can be tested with stores failing at every call.
 *
 * <p>The order is made for crashes: claim on this instance, look up, claim across instances, look up again under the
 * claim, route, record, release. Store failures follow three rules:
 *
 * <ul>
 *   <li>a store failing <em>before</em> the route throws from {@link #enter}: the event is not routed, Red Cloud gets a
 *       500 and redelivers;
 *   <li>an event the route finished is never routed again because recording it failed: {@link Entry#succeeded()}
 *       still answers accepted, keeps the key here as routed, keeps the claim (so no other instance routes it while
 *       it lives) and records it later, logging it once with its key;
 *   <li>a claim whose release failed is still this instance's: it is given back at the next entry of any event, its own
 *       redelivery first, and by {@link #retryPending()} on a timer, so it never blocks the event beyond that.
 * </ul>
 */
public final class EventGate {

    private static final Logger LOG = LoggerFactory.getLogger(EventGate.class);

    /** Why an event is not routed now. */
    public enum Refusal {
        /** routed before: acknowledge it */
        DUPLICATE,
        /** being routed, here or on another instance: Red Cloud must come back */
        BUSY
    }

    private final EventStore store;
    /** Events being routed right now on this instance: a concurrent redelivery must wait, not be acknowledged. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Claims whose release failed: still held by this instance. */
    private final Set<String> unreleased = ConcurrentHashMap.newKeySet();
    /** Events routed here whose record failed: duplicates here, claimed elsewhere, recorded when the store is back. */
    private final Set<String> unrecorded = ConcurrentHashMap.newKeySet();

    private final AtomicLong recordFailures = new AtomicLong();

    /**
     * @param routed the dedup store ({@code idempotentRepository})
     * @param claims cross-instance claims ({@code claimRepository}), or {@code null} to claim on this instance only
     */
    public EventGate(IdempotentRepository routed, IdempotentRepository claims) {
        this.store = new Repositories(routed, claims);
    }

    /** Claims and records in one store of both roles. */
    public EventGate(EventStore store) {
        this.store = store;
    }

    /**
     * The same store in both roles would answer every event "duplicate" and never route one: {@code claims.add} marks
     * it, then the look-up under the claim finds it. Two camel-sql repositories on one table with one processor name
     * are one store too.
     *
     * @return why the pair cannot work, or {@code null}
     */
    public static String conflict(IdempotentRepository routed, IdempotentRepository claims, StoreIdentity identity) {
        if (claims == null) {
            return null;
        }
        if (routed == claims) {
            return "the idempotentRepository and the claimRepository are the same object";
        }
        String a = identity.of(routed);
        if (a != null && a.equals(identity.of(claims))) {
            return "the idempotentRepository and the claimRepository are one store (" + a + ")";
        }
        return null;
    }

    /** What makes two repository objects one store (a table and a processor name on one data source). */
    @FunctionalInterface
    public interface StoreIdentity {
        /** A description that is equal for two objects backed by the same rows, or {@code null} when unknown. */
        String of(IdempotentRepository repository);
    }

    /**
     * Lets the event in, or says why not.
     *
     * @throws RuntimeException a store failed before the route: nothing was routed, the event must be redelivered
     */
    public Admission enter(String key) {
        if (!inFlight.add(key)) {
            return Admission.refused(Refusal.BUSY);
        }
        try {
            if (unrecorded.contains(key)) {
                inFlight.remove(key);
                return Admission.refused(Refusal.DUPLICATE);
            }
            retryPending(key);
            switch (store.claim(key)) {
                case ROUTED:
                    inFlight.remove(key);
                    LOG.debug("Acknowledged a redelivered webhook event {} without routing it again", key);
                    return Admission.refused(Refusal.DUPLICATE);
                case BUSY:
                    // another instance routes it right now (its claim is alive): Red Cloud must come back later, and
                    // must not get a 200 before that route has succeeded
                    inFlight.remove(key);
                    LOG.debug("Webhook event {} is claimed by another instance; answering busy", key);
                    return Admission.refused(Refusal.BUSY);
                default:
                    return Admission.entered(new Entry(key));
            }
        } catch (RuntimeException e) {
            inFlight.remove(key);
            throw e;
        }
    }

    /** Records what could not be recorded and gives back what could not be released; for a timer. */
    public void retryPending() {
        try {
            retryPending(null);
        } catch (RuntimeException stillDown) {
            // the next entry or the next run tries again
            LOG.debug("Webhook stores still failing: {}", stillDown.toString());
        }
    }

    /** How many routed events could not be recorded (each was answered accepted and kept here). */
    public long recordFailures() {
        return recordFailures.get();
    }

    /** Events waiting to be recorded, and claims waiting to be given back. */
    public int pending() {
        return unrecorded.size() + unreleased.size();
    }

    /**
     * @param current the event entering now: its own claim is retried first and a failure of that throws (the claim
     *                would make its own redelivery busy); {@code null} from the timer
     */
    private void retryPending(String current) {
        for (String key : unrecorded) {
            try {
                store.routed(key);
                unrecorded.remove(key);
                LOG.info("Recorded webhook event {} in the idempotentRepository after an earlier failure", key);
            } catch (RuntimeException e) {
                // still down: the others would fail alike
                break;
            }
        }
        for (String key : unreleased) {
            boolean own = key.equals(current);
            // the key is held for the release like an event being routed: a redelivery entering meanwhile is busy,
            // so a release that completes late can never delete the claim that redelivery just made
            if (!own && !inFlight.add(key)) {
                continue;
            }
            try {
                store.release(key);
                unreleased.remove(key);
            } catch (RuntimeException e) {
                if (own) {
                    throw e;
                }
            } finally {
                if (!own) {
                    inFlight.remove(key);
                }
            }
        }
    }

    /** Gives the cross-instance claim back; a release that fails is retried (see the class comment). */
    private void release(String key) {
        try {
            store.release(key);
        } catch (RuntimeException e) {
            unreleased.add(key);
            LOG.warn(
                    "Could not release the claim of webhook event {} ({}); retrying at the next event and every few"
                            + " seconds",
                    key,
                    e.toString());
        }
    }

    /** The outcome of {@link #enter}: refused, or an entry that the caller must settle exactly once. */
    public record Admission(Refusal refusal, Entry entry) {
        static Admission refused(Refusal refusal) {
            return new Admission(refusal, null);
        }

        static Admission entered(Entry entry) {
            return new Admission(null, entry);
        }
    }

    /** An event let in: its route runs now. */
    public final class Entry {
        private final String key;

        private Entry(String key) {
            this.key = key;
        }

        /** The route succeeded: record the event and give the claim back. Never throws: the event is accepted. */
        public void succeeded() {
            try {
                store.routed(key);
            } catch (RuntimeException e) {
                // routed: answered accepted whatever the store does now. Kept here as routed, and its claim kept so no
                // other instance routes it, until the record can be written
                unrecorded.add(key);
                recordFailures.incrementAndGet();
                LOG.warn(
                        "Webhook event {} was routed, but recording it in the idempotentRepository failed ({}); it is"
                                + " answered as accepted and not routed again here, its claim is kept until the record"
                                + " is written",
                        key,
                        e.toString());
            } finally {
                inFlight.remove(key);
            }
        }

        /** The route failed (or the event could not be routed): give the claim back so a redelivery is routed. */
        public void failed() {
            release(key);
            inFlight.remove(key);
        }
    }

    /**
     * The pair of Camel idempotent repositories as one store. The order is made for crashes: look up, claim, look up
     * again under the claim; record before releasing.
     */
    private final class Repositories implements EventStore {
        private final IdempotentRepository routed;
        private final IdempotentRepository claims;

        Repositories(IdempotentRepository routed, IdempotentRepository claims) {
            this.routed = routed;
            this.claims = claims;
        }

        @Override
        public Claim claim(String key) {
            if (routed.contains(key)) {
                return Claim.ROUTED;
            }
            if (claims == null) {
                return Claim.CLAIMED;
            }
            if (!claimAcross(key)) {
                return Claim.BUSY;
            }
            try {
                // a holder records the event before it releases the claim, so an event routed elsewhere between the
                // first look-up and our claim is seen here
                if (routed.contains(key)) {
                    EventGate.this.release(key);
                    LOG.debug("Webhook event {} was routed meanwhile by another instance", key);
                    return Claim.ROUTED;
                }
            } catch (RuntimeException e) {
                EventGate.this.release(key);
                throw e;
            }
            return Claim.CLAIMED;
        }

        /**
         * camel-sql before 4.22 lets the loser of two first claims at once fail on the primary key
         * ({@code DuplicateKeyException}) where 4.22 answers {@code false}: a live claim behind the failure is the
         * same "busy" on every line, anything else a store failure.
         */
        private boolean claimAcross(String key) {
            try {
                return claims.add(key);
            } catch (RuntimeException e) {
                if (holds(claims, key)) {
                    LOG.debug("Claiming webhook event {} failed with {}; another instance holds it", key, e.toString());
                    return false;
                }
                throw e;
            }
        }

        /**
         * Records the event (one that another instance recorded first, a key clash before camel-sql 4.22, counts),
         * then gives the claim back; a release that fails is the gate's to retry, the event is recorded.
         */
        @Override
        public void routed(String key) {
            try {
                routed.add(key);
            } catch (RuntimeException e) {
                if (!holds(routed, key)) {
                    throw e;
                }
            }
            routed.confirm(key);
            EventGate.this.release(key);
        }

        @Override
        public void release(String key) {
            if (claims != null) {
                claims.remove(key);
            }
        }
    }

    /** Whether the store holds the key, {@code false} when it cannot say: the caller's failure stands. */
    private static boolean holds(IdempotentRepository store, String key) {
        try {
            return store.contains(key);
        } catch (RuntimeException unknown) {
            return false;
        }
    }
}

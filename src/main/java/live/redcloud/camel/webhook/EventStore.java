package live.redcloud.camel.webhook;

/**
 * Claims and records webhook events across instances in one store, so that each step is one call: the alternative to
 * a pair of idempotent repositories (a dedup store and a claim store) that the consumer must consult in turn.
 * {@link PostgresEventStore} is the implementation.
 */
public interface EventStore {

    /** What {@link #claim} found. */
    enum Claim {
        /** the event is this instance's to route now */
        CLAIMED,
        /** another instance holds a live claim: Red Cloud must come back */
        BUSY,
        /** the event was routed before: acknowledge it */
        ROUTED
    }

    /**
     * Claims the event, or says why not. A claim is given back by {@link #routed} or {@link #release}, and expires by
     * itself if its holder dies.
     *
     * @throws RuntimeException the store failed; it then holds no claim of this call, or one that expires
     */
    Claim claim(String key);

    /** Records that the route of a claimed event succeeded, and gives the claim back. */
    void routed(String key);

    /** Gives the claim back without recording anything: the route failed or did not run. */
    void release(String key);
}

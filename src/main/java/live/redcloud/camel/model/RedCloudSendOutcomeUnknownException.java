package live.redcloud.camel.model;

/**
 * A send went out (or may have) but no answer arrived before the component, its route or the Camel context stopped,
 * so nobody knows whether Red Cloud accepted it. Sending the same payload again with {@link #getIdempotencyKey()} is
 * safe: if Red Cloud accepted the first request it answers with the stored response and sends nothing twice.
 */
public class RedCloudSendOutcomeUnknownException extends RedCloudException {

    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;

    public RedCloudSendOutcomeUnknownException(String idempotencyKey, String reason, Throwable cause) {
        super(
                "The outcome of the Red Cloud send with Idempotency-Key " + idempotencyKey + " is unknown: " + reason
                        + ". Red Cloud may have accepted it; replaying the same payload with this Idempotency-Key is safe"
                        + " (an accepted send is answered with the stored response, not sent twice)",
                cause);
        this.idempotencyKey = idempotencyKey;
    }

    /** The {@code Idempotency-Key} of the send; replay with it. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }
}

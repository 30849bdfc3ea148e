package live.redcloud.camel.model;

/**
 * A send went out (or may have) and no answer says whether Red Cloud accepted it: the last attempt timed out or its
 * connection broke after the request may have been written, or the component, its route or the Camel context stopped
 * first. Sending the same payload again with {@link #getIdempotencyKey()} is safe: if Red Cloud accepted the first
 * request it answers with the stored response and sends nothing twice.
 *
 * <p>It is a {@link RedCloudConnectionException}, because that is what happened on the wire: an
 * {@code onException(RedCloudConnectionException.class)} sees it too. Catch this type first to replay with the key.
 */
public class RedCloudSendOutcomeUnknownException extends RedCloudConnectionException {

    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;

    /** The send was cut short by a stop before any attempt failed: {@code reason} says which. */
    public RedCloudSendOutcomeUnknownException(String idempotencyKey, String reason, Throwable cause) {
        super(message(idempotencyKey, reason), cause, null, 0);
        this.idempotencyKey = idempotencyKey;
    }

    /** The send's attempts ended in {@code failure} after one of them may have reached Red Cloud. */
    public RedCloudSendOutcomeUnknownException(String idempotencyKey, RedCloudConnectionException failure) {
        super(
                message(idempotencyKey, failure.getMessage()),
                failure.getCause(),
                failure.getHostAndPort(),
                failure.getAttempts());
        this.idempotencyKey = idempotencyKey;
    }

    private static String message(String idempotencyKey, String reason) {
        return "The outcome of the Red Cloud send with Idempotency-Key " + idempotencyKey + " is unknown: " + reason
                + ". Red Cloud may have accepted it; replaying the same payload with this Idempotency-Key is safe"
                + " (an accepted send is answered with the stored response, not sent twice)";
    }

    /** The {@code Idempotency-Key} of the send; replay with it. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }
}

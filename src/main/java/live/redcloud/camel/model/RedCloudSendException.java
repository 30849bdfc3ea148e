package live.redcloud.camel.model;

/**
 * A send was answered, but Red Cloud rejected every recipient (or some, with {@code throwOnPartialFailure=true}). The
 * response, with both {@code results[]} and {@code errors[]}, is attached.
 */
public class RedCloudSendException extends RedCloudException {

    private static final long serialVersionUID = 1L;

    private final transient SendMessageResponse response;
    private final String idempotencyKey;

    public RedCloudSendException(String message, SendMessageResponse response, String idempotencyKey) {
        super(message);
        this.response = response;
        this.idempotencyKey = idempotencyKey;
    }

    /** The full send response. */
    public SendMessageResponse getResponse() {
        return response;
    }

    /** The {@code Idempotency-Key} the send used. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }
}

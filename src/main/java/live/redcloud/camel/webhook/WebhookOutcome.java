package live.redcloud.camel.webhook;

/**
 * What the webhook consumer answers Red Cloud, and why. Red Cloud redelivers anything but a 2xx after 1, 5, 15 and 60
 * minutes, so only events that are safely handled (routed, duplicate, filtered out) get a 2xx. Bodies are generic on
 * purpose: nothing from the request or the route is echoed.
 */
public enum WebhookOutcome {
    ACCEPTED(200, "accepted"),
    DUPLICATE(200, "duplicate"),
    IGNORED(200, "ignored"),
    MALFORMED(400, "malformed event"),
    UNAUTHORIZED(401, "invalid signature"),
    TOO_LARGE(413, "payload too large"),
    FAILED(500, "processing failed"),
    IN_PROGRESS(503, "event is being processed");

    private final int status;
    private final String description;

    WebhookOutcome(int status, String description) {
        this.status = status;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public boolean isSuccess() {
        return status < 300;
    }

    /** The JSON answer body. */
    public String body() {
        return isSuccess() ? "{\"status\":\"" + description + "\"}" : "{\"error\":\"" + description + "\"}";
    }
}

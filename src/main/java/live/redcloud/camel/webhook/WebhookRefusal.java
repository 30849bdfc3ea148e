package live.redcloud.camel.webhook;

/**
 * Why a webhook request was refused before its route ran, in the words an operator needs: which answer Red Cloud got
 * and what to check. Never anything from the request itself (no header value, no body, no secret).
 */
public enum WebhookRefusal {
    MISSING_HEADER(
            WebhookOutcome.UNAUTHORIZED,
            "the X-RedCloud-Timestamp or X-RedCloud-Signature header is missing (is signing on for this integration?"
                    + " is a proxy dropping headers?)"),
    SIGNATURE_MISMATCH(
            WebhookOutcome.UNAUTHORIZED,
            "the signature does not match (is signingSecret the current signing secret of this integration, or was it"
                    + " rotated? does a proxy rewrite the body?)"),
    STALE_TIMESTAMP(
            WebhookOutcome.UNAUTHORIZED,
            "X-RedCloud-Timestamp is outside the timestampTolerance window (clock skew, or a replayed request)"),
    NOT_JSON(WebhookOutcome.MALFORMED, "the signed body is not valid JSON"),
    NOT_AN_OBJECT(WebhookOutcome.MALFORMED, "the signed body is not a JSON object"),
    DUPLICATE_KEY(
            WebhookOutcome.MALFORMED,
            "the signed body has the same JSON key twice, so which value counts would be a guess"),
    TOO_LARGE(WebhookOutcome.TOO_LARGE, "the body is larger than maxBodySize");

    private final WebhookOutcome outcome;
    private final String description;

    WebhookRefusal(WebhookOutcome outcome, String description) {
        this.outcome = outcome;
        this.description = description;
    }

    /** The answer this refusal gets. */
    public WebhookOutcome outcome() {
        return outcome;
    }

    public String description() {
        return description;
    }
}

package live.redcloud.sandbox;

import java.time.Instant;

/**
 * One try at delivering one webhook event (or the note that there was nowhere to deliver it).
 *
 * @param eventId    the {@code evt_...} id in the body
 * @param eventType  e.g. {@code message.queued}, {@code message.inbound}
 * @param messageId  the message the event is about
 * @param url        the target URL, {@code null} when no webhook was configured
 * @param attempt    1 for the first try, 2..5 for the retries
 * @param statusCode the receiver's HTTP status, {@code null} on an I/O error or timeout
 * @param error      the I/O error or timeout text, {@code null} when an HTTP status came back
 * @param at         when the attempt started (sandbox clock)
 * @param outcome    what the sandbox did with the result
 */
public record WebhookAttempt(
        String eventId,
        String eventType,
        String messageId,
        String url,
        int attempt,
        Integer statusCode,
        String error,
        Instant at,
        Outcome outcome) {

    public enum Outcome {
        /** 2xx: the event is done. */
        DELIVERED,
        /** Non-2xx, I/O error or timeout: another attempt is scheduled (after 1, 5, 15, 60 minutes x retryScale). */
        RETRY_SCHEDULED,
        /** The fifth attempt failed too: no more attempts. */
        FAILED_TERMINALLY,
        /** Neither a per-number override nor an account-level URL was set: the event was skipped. */
        NO_WEBHOOK_CONFIGURED
    }
}

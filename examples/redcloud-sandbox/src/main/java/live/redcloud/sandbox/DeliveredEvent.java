package live.redcloud.sandbox;

import java.time.Instant;

/**
 * A webhook event that a receiver acknowledged with a 2xx.
 *
 * @param eventId     the {@code evt_...} id
 * @param type        e.g. {@code message.delivery}
 * @param messageId   the message the event is about
 * @param sequence    the lifecycle sequence (1, 2, 3), {@code null} for {@code message.inbound}
 * @param url         where it was delivered
 * @param body        the exact JSON body that was signed and sent
 * @param attempts    how many attempts it took
 * @param deliveredAt when the successful attempt started (sandbox clock)
 */
public record DeliveredEvent(
        String eventId,
        String type,
        String messageId,
        Integer sequence,
        String url,
        String body,
        int attempts,
        Instant deliveredAt) {}

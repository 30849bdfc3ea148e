package live.redcloud.sandbox;

import java.time.Instant;

/**
 * A simulated inbound (mobile-originated) message, delivered as a {@code message.inbound} event.
 *
 * @param messageId  the {@code msg_...} id of the inbound message
 * @param eventId    the {@code evt_...} id of its event
 * @param from       the sender, E.164
 * @param to         the receiving Red Cloud number, E.164
 * @param numberId   the receiving numberId
 * @param text       the text
 * @param occurredAt when it arrived (sandbox clock)
 */
public record InboundMessage(
        String messageId, String eventId, String from, String to, String numberId, String text, Instant occurredAt) {}

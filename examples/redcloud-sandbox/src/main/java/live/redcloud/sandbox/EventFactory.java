package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Builds webhook bodies in the working-assumption shapes of redcloud-api.md section 10: a flat JSON object with the
 * event type in {@code type}, an {@code eventId}, the message fields and an ISO-8601 {@code occurredAt}.
 */
final class EventFactory {

    private final Ids ids;
    private final Clock clock;

    EventFactory(Ids ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A lifecycle event ({@code message.queued|sent|delivery|failed}) of an outbound message.
     * {@code sequence} increases per message so receivers can order out-of-order deliveries [WH].
     */
    OutgoingEvent lifecycle(MessageRecord m, LifecycleStep step, String url) {
        String eventId = ids.next("evt_");
        ObjectNode body = Json.object();
        body.put("type", step.type());
        body.put("eventId", eventId);
        body.put("messageId", m.messageId());
        body.put("externalReference", m.externalReference());
        body.put("sequence", step.sequence());
        body.put("status", step.status());
        body.put("to", m.to());
        body.put("numberId", m.sendFrom());
        body.put("occurredAt", now());
        if (step.type().equals(LifecycleStep.DELIVERY)) {
            body.put("providerMessageRef", ids.next("prov_"));
        }
        if (step.type().equals(LifecycleStep.FAILED)) {
            body.put("failureCode", "CARRIER_REJECTED");
            body.put(
                    "failureReason",
                    "The carrier rejected the message (sandbox failure recipient " + MessageLifecycle.FAILURE_RECIPIENT
                            + ")");
        }
        return new OutgoingEvent(eventId, step.type(), m.messageId(), step.sequence(), url, Json.bytes(body));
    }

    /** A {@code message.inbound} event; it has no {@code sequence} (inbound messages have no lifecycle). */
    OutgoingEvent inbound(InboundMessage m, String url) {
        ObjectNode body = Json.object();
        body.put("type", "message.inbound");
        body.put("eventId", m.eventId());
        body.put("messageId", m.messageId());
        body.put("from", m.from());
        body.put("to", m.to());
        body.put("numberId", m.numberId());
        body.put("text", m.text());
        body.put("occurredAt", m.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString());
        return new OutgoingEvent(m.eventId(), "message.inbound", m.messageId(), null, url, Json.bytes(body));
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}

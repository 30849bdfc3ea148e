package live.redcloud.camel.webhook;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import live.redcloud.camel.model.RedCloudEvent;

/** Parses a verified webhook body into a {@link RedCloudEvent}, keeping the raw JSON and every unknown field. */
public final class EventParser {

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * @throws MalformedEventException when the body is not a JSON object, or has a key twice
     */
    public RedCloudEvent parse(byte[] rawBody) {
        JsonNode tree;
        try {
            tree = reader.readTree(rawBody);
        } catch (StreamReadException e) {
            // Jackson keeps the last of two equal keys; a signed body that says "type" twice is refused instead
            throw new MalformedEventException(
                    e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                            ? WebhookRefusal.DUPLICATE_KEY
                            : WebhookRefusal.NOT_JSON);
        } catch (IOException e) {
            throw new MalformedEventException(WebhookRefusal.NOT_JSON);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException(WebhookRefusal.NOT_AN_OBJECT);
        }
        RedCloudEvent event = new RedCloudEvent();
        tree.fields().forEachRemaining(field -> set(event, field.getKey(), field.getValue()));
        if (event.getType() == null) {
            // the envelope key is not documented: accept the two likely alternatives
            event.setType(text(tree, "eventType") != null ? text(tree, "eventType") : text(tree, "event"));
        }
        event.setRawJson(new String(rawBody, StandardCharsets.UTF_8));
        return event;
    }

    /**
     * Copies one field. A documented field whose value is not a plain value (an array where text was expected, say) is
     * kept in the additional properties instead of failing: a verified event must never be refused for its shape.
     */
    private void set(RedCloudEvent event, String name, JsonNode value) {
        if (name.equals("sequence")) {
            // a number (or numeric text) is the sequence; anything else is kept as is
            event.setSequenceValue(mapper.convertValue(value, Object.class));
            return;
        }
        String text = value.isValueNode() && !value.isNull() ? value.asText() : null;
        boolean known = true;
        switch (name) {
            case "type" -> event.setType(text);
            case "eventId" -> event.setEventId(text);
            case "messageId" -> event.setMessageId(text);
            case "externalReference" -> event.setExternalReference(text);
            case "status" -> event.setStatus(text);
            case "from" -> event.setFrom(text);
            case "to" -> event.setTo(text);
            case "numberId" -> event.setNumberId(text);
            case "text" -> event.setText(text);
            case "occurredAt" -> event.setOccurredAt(text);
            case "providerMessageRef" -> event.setProviderMessageRef(text);
            case "failureCode" -> event.setFailureCode(text);
            case "failureReason" -> event.setFailureReason(text);
            default -> known = false;
        }
        if (!known || (text == null && !value.isNull())) {
            event.setAdditionalProperty(name, mapper.convertValue(value, Object.class));
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** The body could not be read as an event: answered with 400. */
    public static final class MalformedEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final WebhookRefusal refusal;

        MalformedEventException(WebhookRefusal refusal) {
            super(refusal.description());
            this.refusal = refusal;
        }

        public WebhookRefusal refusal() {
            return refusal;
        }
    }
}

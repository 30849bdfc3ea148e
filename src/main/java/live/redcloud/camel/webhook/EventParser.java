package live.redcloud.camel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import live.redcloud.camel.model.RedCloudEvent;

/** Parses a verified webhook body into a {@link RedCloudEvent}, keeping the raw JSON and every unknown field. */
public final class EventParser {

    private final ObjectMapper mapper;

    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @throws MalformedEventException when the body is not a JSON object
     */
    public RedCloudEvent parse(byte[] rawBody) {
        JsonNode tree;
        try {
            tree = mapper.readTree(rawBody);
        } catch (IOException e) {
            throw new MalformedEventException("webhook body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("webhook body is not a JSON object");
        }
        RedCloudEvent event;
        try {
            event = mapper.convertValue(tree, RedCloudEvent.class);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("webhook body does not match the event shape");
        }
        if (event.getType() == null) {
            // the envelope key is not documented: accept the two likely alternatives
            event.setType(text(tree, "eventType") != null ? text(tree, "eventType") : text(tree, "event"));
        }
        event.setRawJson(new String(rawBody, StandardCharsets.UTF_8));
        return event;
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** The body could not be read as an event: answered with 400. */
    public static final class MalformedEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEventException(String message) {
            super(message);
        }
    }
}

package live.redcloud.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import live.redcloud.camel.model.SendMessageRequest;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * Builds the JSON of a send from the message: the body (text, {@link SendMessageRequest} or map), then headers, then
 * endpoint options for whatever the body leaves out. Fields are written in a fixed order, so the same exchange always
 * gives the same bytes: a retry or redelivery must repeat the payload exactly, or Red Cloud answers 409.
 */
final class SendPayloadBuilder {

    private static final List<String> FIELD_ORDER =
            List.of("sendFrom", "to", "messageType", "text", "mediaUrls", "externalReference");

    private static final Pattern PHONE_NUMBER = Pattern.compile("\\s*\\+?\\s*\\(?\\d[\\d\\s().-]*");

    private final ObjectMapper mapper;

    SendPayloadBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] build(Message message, RedCloudConfiguration config) {
        Map<String, Object> fields = bodyFields(message);
        fillGap(fields, "sendFrom", message.getHeader(RedCloudConstants.SEND_FROM, String.class), config.getSendFrom());
        fillGap(fields, "to", message.getHeader(RedCloudConstants.TO), config.getTo());
        fillGap(
                fields,
                "messageType",
                message.getHeader(RedCloudConstants.MESSAGE_TYPE, String.class),
                config.getMessageType());
        fillGap(
                fields,
                "externalReference",
                message.getHeader(RedCloudConstants.EXTERNAL_REFERENCE, String.class),
                config.getExternalReference());
        fields.put("to", recipients(fields.get("to")));
        validate(fields);
        try {
            return mapper.writeValueAsBytes(ordered(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The send payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Map<String, Object> bodyFields(Message message) {
        Object body = message.getBody();
        if (body instanceof CharSequence || isRawText(body)) {
            // bytes, streams and files (from HTTP, file consumers, queues) are the text, as Camel's type conversion
            // reads them
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("text", body instanceof CharSequence ? body.toString() : message.getBody(String.class));
            return fields;
        }
        if (body instanceof SendMessageRequest) {
            return mapper.convertValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
        }
        if (body instanceof Map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            ((Map<?, ?>) body).forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        }
        throw new IllegalArgumentException(
                "redcloud:send needs the message text (a String, bytes, a stream or a file), a"
                        + " SendMessageRequest or a Map as body, but the body is "
                        + (body == null ? "empty" : body.getClass().getName()));
    }

    private static boolean isRawText(Object body) {
        return body instanceof byte[]
                || body instanceof InputStream
                || body instanceof Reader
                || body instanceof StreamCache
                || body instanceof WrappedFile;
    }

    /** The precedence of every operation: a body field wins over a header, a header over an endpoint option. */
    static void fillGap(Map<String, Object> fields, String name, Object header, String option) {
        Object current = fields.get(name);
        if (current == null || current instanceof String && ((String) current).isEmpty()) {
            Object value = header != null ? header : option;
            if (value != null) {
                fields.put(name, value);
            } else {
                fields.remove(name);
            }
        }
    }

    private static List<String> recipients(Object to) {
        List<String> list = new ArrayList<>();
        if (to instanceof Object[]) {
            to = Arrays.asList((Object[]) to);
        }
        if (to instanceof Collection) {
            for (Object o : (Collection<?>) to) {
                if (o != null && !o.toString().isBlank()) {
                    list.add(o.toString().trim());
                }
            }
        } else if (to != null) {
            for (String part : to.toString().split(",")) {
                if (!part.isBlank()) {
                    list.add(restorePlus(part));
                }
            }
        }
        return list;
    }

    /**
     * An endpoint URI decodes an unescaped {@code +} to a space, so {@code to=+1555...} arrives as {@code " 1555..."}.
     * E.164 numbers never contain spaces, so a leading space before digits can only have been the plus.
     */
    private static String restorePlus(String recipient) {
        String trimmed = recipient.trim();
        if (recipient.startsWith(" ") && !trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0))) {
            return "+" + trimmed;
        }
        return trimmed;
    }

    private static void validate(Map<String, Object> fields) {
        Object sendFrom = fields.get("sendFrom");
        if (sendFrom == null || sendFrom.toString().isBlank()) {
            throw new IllegalArgumentException("redcloud:send needs a sendFrom numberId: set the sendFrom option, the "
                    + RedCloudConstants.SEND_FROM + " header or the body's sendFrom field");
        }
        if (looksLikePhoneNumber(sendFrom.toString())) {
            throw new IllegalArgumentException("sendFrom must be a Red Cloud numberId (such as num_abc123, from the"
                    + " numbers operation), not the phone number '" + sendFrom
                    + "': Red Cloud rejects phone numbers as sendFrom");
        }
        if (((List<?>) fields.get("to")).isEmpty()) {
            throw new IllegalArgumentException("redcloud:send needs at least one recipient: set the to option, the "
                    + RedCloudConstants.TO + " header or the body's to field");
        }
    }

    /**
     * A phone number in any spelling that reaches us: {@code +1555...}, {@code " 1555..."} (an unescaped {@code +} in a
     * URI or YAML parameter decodes to a space), digits only, or with the usual separators. numberIds are never that.
     */
    static boolean looksLikePhoneNumber(String sendFrom) {
        return PHONE_NUMBER.matcher(sendFrom).matches();
    }

    private static Map<String, Object> ordered(Map<String, Object> fields) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : FIELD_ORDER) {
            if (fields.containsKey(name)) {
                ordered.put(name, fields.get(name));
            }
        }
        fields.forEach(ordered::putIfAbsent);
        return ordered;
    }
}

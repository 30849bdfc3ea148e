package live.redcloud.camel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.secret.Redactor;

/**
 * Turns Red Cloud's two error contracts into typed exceptions: the CORE wrapper
 * ({@code {"error":{"code","message","details"},"requestId"}}) on {@code /api/core/*}, and OAuth's
 * {@code {"error","error_description"}} on the token endpoint. A body in neither shape (an HTML page from a proxy) still
 * gives a typed error with the status and a short excerpt.
 */
final class ErrorDecoder {

    static final int EXCERPT_LENGTH = 200;

    private final ObjectMapper mapper;
    private final Redactor redactor;

    ErrorDecoder(ObjectMapper mapper, Redactor redactor) {
        this.mapper = mapper;
        this.redactor = redactor;
    }

    /** Any text taken from an answer, before it goes into an exception or a log line. */
    String redact(String fromAnswer) {
        return redactor.redact(fromAnswer);
    }

    /** The start of an answer's body, for an error that has nothing better to show. */
    String excerpt(HttpResult result) {
        return redactor.excerpt(result.body(), EXCERPT_LENGTH);
    }

    RedCloudApiException coreError(String operation, HttpResult result) {
        JsonNode root = parse(result);
        JsonNode error = root == null ? null : root.get("error");
        String requestId = text(root, "requestId");
        if (requestId == null) {
            requestId = redact(result.requestIdHeader());
        }
        if (error != null && error.isObject()) {
            Map<String, Object> details = null;
            JsonNode detailsNode = error.get("details");
            if (detailsNode != null && detailsNode.isObject()) {
                details = redactedValues(mapper.convertValue(detailsNode, Map.class));
            }
            return new RedCloudApiException(
                    operation, result.status(), text(error, "code"), text(error, "message"), details, requestId, null);
        }
        return new RedCloudApiException(operation, result.status(), null, null, null, requestId, excerpt(result));
    }

    RedCloudAuthenticationException tokenError(HttpResult result) {
        JsonNode root = parse(result);
        String error = text(root, "error");
        if (error != null) {
            return new RedCloudAuthenticationException(result.status(), error, text(root, "error_description"), null);
        }
        return new RedCloudAuthenticationException(result.status(), null, null, excerpt(result));
    }

    private JsonNode parse(HttpResult result) {
        if (result.body().length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(result.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : redact(value.isValueNode() ? value.asText() : value.toString());
    }

    /** The details map with every string in it (nested too) redacted. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> redactedValues(Map<String, Object> details) {
        details.replaceAll((k, v) -> redactedValue(v));
        return details;
    }

    @SuppressWarnings("unchecked")
    private Object redactedValue(Object value) {
        if (value instanceof String text) {
            return redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            return redactedValues((Map<String, Object>) map);
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(this::redactedValue).toList();
        }
        return value;
    }
}

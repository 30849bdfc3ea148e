package live.redcloud.camel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudAuthenticationException;

/**
 * Turns Red Cloud's two error contracts into typed exceptions: the CORE wrapper
 * ({@code {"error":{"code","message","details"},"requestId"}}) on {@code /api/core/*}, and OAuth's
 * {@code {"error","error_description"}} on the token endpoint. A body in neither shape (an HTML page from a proxy) still
 * gives a typed error with the status and a short excerpt.
 */
final class ErrorDecoder {

    static final int EXCERPT_LENGTH = 200;

    private final ObjectMapper mapper;

    ErrorDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    RedCloudApiException coreError(String operation, HttpResult result) {
        JsonNode root = parse(result);
        JsonNode error = root == null ? null : root.get("error");
        String requestId = text(root, "requestId");
        if (requestId == null) {
            requestId = result.requestIdHeader();
        }
        if (error != null && error.isObject()) {
            Map<String, Object> details = null;
            JsonNode detailsNode = error.get("details");
            if (detailsNode != null && detailsNode.isObject()) {
                details = mapper.convertValue(detailsNode, Map.class);
            }
            return new RedCloudApiException(
                    operation, result.status(), text(error, "code"), text(error, "message"), details, requestId, null);
        }
        return new RedCloudApiException(
                operation, result.status(), null, null, null, requestId, result.excerpt(EXCERPT_LENGTH));
    }

    RedCloudAuthenticationException tokenError(HttpResult result) {
        JsonNode root = parse(result);
        String error = text(root, "error");
        if (error != null) {
            return new RedCloudAuthenticationException(result.status(), error, text(root, "error_description"), null);
        }
        return new RedCloudAuthenticationException(result.status(), null, null, result.excerpt(EXCERPT_LENGTH));
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

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }
}

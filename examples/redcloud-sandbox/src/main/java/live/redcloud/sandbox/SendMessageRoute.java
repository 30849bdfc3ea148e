package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * {@code POST /api/core/messages/send} [SEND][IDEM][ERR]. Order: count, bearer, injected faults, Idempotency-Key,
 * Content-Type, JSON body, then {@link MessageService} (idempotency lookup, validation, creation). 202 on acceptance,
 * also when every recipient was rejected (then {@code results} is empty and {@code errors} lists them).
 */
final class SendMessageRoute implements CoreRoute {

    private static final Logger LOG = Logger.getLogger(SendMessageRoute.class.getName());

    /** Red Cloud's key length limit is not visible; 255 is the sandbox's assumption. */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final BearerAuth auth;
    private final Faults faults;
    private final MessageService messages;
    private final SandboxActivity activity;

    SendMessageRoute(BearerAuth auth, Faults faults, MessageService messages, SandboxActivity activity) {
        this.auth = auth;
        this.faults = faults;
        this.messages = messages;
        this.activity = activity;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        activity.sendRequestReceived();
        String clientId = auth.requireClient(exchange);
        OptionalInt fault = faults.drawSendFailure();
        if (fault.isPresent()) {
            throw injected(fault.getAsInt());
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw ApiException.invalidRequest("Idempotency-Key header is required"); // exact text [ERR]
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ApiException.invalidRequest(
                    "Idempotency-Key must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        if (!HttpIo.hasContentType(exchange, "application/json")) {
            throw ApiException.invalidRequest("Content-Type must be application/json");
        }
        JsonNode body = Json.parse(HttpIo.readBody(exchange))
                .filter(JsonNode::isObject)
                .orElseThrow(() -> ApiException.invalidRequest("Request body must be a JSON object"));

        MessageService.SendResult result = messages.send(clientId, key, body);
        if (!result.replay() && faults.drawDropAfterCommit()) {
            LOG.info("fault injection: send committed under its Idempotency-Key, dropping the connection unanswered");
            HttpIo.drop(exchange);
            return;
        }
        HttpIo.sendJson(exchange, 202, result.body(), Map.of());
    }

    private ApiException injected(int status) {
        if (status == 429) {
            int seconds = faults.retryAfterSeconds();
            // Undocumented by Red Cloud; shape per redcloud-api.md section 10.
            return new ApiException(
                    429,
                    "RATE_LIMITED",
                    "Too many requests; retry after " + seconds + " s",
                    Map.of("Retry-After", Integer.toString(seconds)));
        }
        if (status == 502) {
            return new ApiException(
                    502, "UPSTREAM_ERROR", "Upstream platform dependency error (sandbox fault injection)");
        }
        return new ApiException(status, "SERVER_ERROR", "Internal server error (sandbox fault injection)");
    }
}

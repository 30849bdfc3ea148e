package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's own control endpoints under {@code /sandbox/} (no auth: a loopback test tool, not part of Red Cloud).
 * Updates are partial: a field that is absent stays as it is, a {@code null} URL clears it, an unknown field is a 400.
 * Errors are {@code {"error":"..."}}.
 */
final class AdminHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(AdminHandler.class.getName());

    private static final String NUMBERS_PREFIX = "/sandbox/numbers/";

    private final RedCloudSandbox sandbox;

    AdminHandler(RedCloudSandbox sandbox) {
        this.sandbox = sandbox;
    }

    private static final class AdminError extends RuntimeException {
        final int status;

        AdminError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (AdminError e) {
                error(exchange, e.status, e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                error(exchange, 400, e.getMessage());
            } catch (HttpIo.BodyTooLargeException e) {
                error(exchange, 413, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "sandbox bug in " + exchange.getRequestURI().getPath(),
                        e);
                error(exchange, 500, "Internal sandbox error");
            }
        }
        HttpIo.logOutcome(LOG, exchange, "");
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith(NUMBERS_PREFIX)) {
            expect(method, "POST");
            updateNumber(exchange, path.substring(NUMBERS_PREFIX.length()));
            return;
        }
        switch (path) {
            case "/sandbox/state" -> {
                expect(method, "GET");
                HttpIo.sendJson(exchange, 200, sandbox.admin().state());
            }
            case "/sandbox/inbound" -> {
                expect(method, "POST");
                inbound(exchange);
            }
            case "/sandbox/faults" -> {
                if (method.equals("POST")) {
                    updateFaults(body(
                            exchange,
                            Set.of(
                                    "sendErrorRate",
                                    "sendRateLimitRate",
                                    "retryAfterSeconds",
                                    "dropAfterCommitRate",
                                    "tokenErrorRate",
                                    "failNextSends",
                                    "failNextSendsStatus",
                                    "dropNextSends",
                                    "failNextTokenRequests",
                                    "failNextWebhookDeliveries",
                                    "reset")));
                } else {
                    expect(method, "GET");
                }
                HttpIo.sendJson(exchange, 200, sandbox.faults().toJson());
            }
            case "/sandbox/tokens/revoke" -> {
                expect(method, "POST");
                HttpIo.sendJson(exchange, 200, Json.object().put("revoked", sandbox.revokeAllTokens()));
            }
            case "/sandbox/config" -> {
                if (method.equals("POST")) {
                    updateConfig(body(
                            exchange,
                            Set.of(
                                    "deliveryWebhookUrl",
                                    "inboundWebhookUrl",
                                    "signingSecret",
                                    "tokenLifetimeSeconds",
                                    "retryScale",
                                    "eventDelayMs")));
                } else {
                    expect(method, "GET");
                }
                HttpIo.sendJson(exchange, 200, sandbox.admin().state().get("config"));
            }
            case "/sandbox/reset" -> {
                expect(method, "POST");
                sandbox.admin().clearHistory();
                sandbox.faults().reset();
                HttpIo.sendJson(exchange, 200, Json.object().put("reset", true));
            }
            default -> throw new AdminError(404, "No sandbox route " + method + " " + path);
        }
    }

    private void inbound(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange, Set.of("from", "to", "text"));
        InboundMessage m =
                sandbox.simulateInbound(text(body, "from", true), text(body, "to", true), text(body, "text", false));
        ObjectNode out = Json.object();
        out.put("messageId", m.messageId());
        out.put("eventId", m.eventId());
        out.put("numberId", m.numberId());
        HttpIo.sendJson(exchange, 202, out);
    }

    private void updateFaults(JsonNode b) {
        Faults f = sandbox.faults();
        if (b.path("reset").asBoolean(false)) {
            f.reset();
        }
        if (b.has("sendErrorRate")) {
            f.sendErrorRate(number(b, "sendErrorRate"));
        }
        if (b.has("sendRateLimitRate")) {
            f.sendRateLimitRate(number(b, "sendRateLimitRate"));
        }
        if (b.has("retryAfterSeconds")) {
            f.retryAfterSeconds((int) number(b, "retryAfterSeconds"));
        }
        if (b.has("dropAfterCommitRate")) {
            f.dropAfterCommitRate(number(b, "dropAfterCommitRate"));
        }
        if (b.has("tokenErrorRate")) {
            f.tokenErrorRate(number(b, "tokenErrorRate"));
        }
        if (b.has("failNextSends")) {
            int status = b.has("failNextSendsStatus") ? (int) number(b, "failNextSendsStatus") : 500;
            f.failNextSends((int) number(b, "failNextSends"), status);
        }
        if (b.has("dropNextSends")) {
            f.dropNextSendsAfterCommit((int) number(b, "dropNextSends"));
        }
        if (b.has("failNextTokenRequests")) {
            f.failNextTokenRequests((int) number(b, "failNextTokenRequests"));
        }
        if (b.has("failNextWebhookDeliveries")) {
            f.failNextWebhookDeliveries((int) number(b, "failNextWebhookDeliveries"));
        }
    }

    private void updateConfig(JsonNode b) {
        if (b.has("deliveryWebhookUrl")) {
            sandbox.deliveryWebhookUrl(nullableText(b, "deliveryWebhookUrl"));
        }
        if (b.has("inboundWebhookUrl")) {
            sandbox.inboundWebhookUrl(nullableText(b, "inboundWebhookUrl"));
        }
        if (b.has("signingSecret")) {
            sandbox.signingSecret(nullableText(b, "signingSecret"));
        }
        if (b.has("tokenLifetimeSeconds")) {
            sandbox.tokenLifetime(Duration.ofSeconds((long) number(b, "tokenLifetimeSeconds")));
        }
        if (b.has("retryScale")) {
            sandbox.retryScale(number(b, "retryScale"));
        }
        if (b.has("eventDelayMs")) {
            sandbox.eventDelay(Duration.ofMillis((long) number(b, "eventDelayMs")));
        }
    }

    private void updateNumber(HttpExchange exchange, String numberId) throws IOException {
        SandboxNumber n;
        try {
            n = sandbox.number(numberId);
        } catch (IllegalArgumentException e) {
            throw new AdminError(404, e.getMessage());
        }
        JsonNode b = body(
                exchange,
                Set.of(
                        "webhookDeliveryOverride",
                        "webhookInboundOverride",
                        "campaignRegId",
                        "smsEnabled",
                        "mmsEnabled",
                        "status"));
        if (b.has("webhookDeliveryOverride")) {
            n.webhookDeliveryOverride(nullableText(b, "webhookDeliveryOverride"));
        }
        if (b.has("webhookInboundOverride")) {
            n.webhookInboundOverride(nullableText(b, "webhookInboundOverride"));
        }
        if (b.has("campaignRegId")) {
            n.campaignRegId(nullableText(b, "campaignRegId"));
        }
        if (b.has("smsEnabled")) {
            n.smsEnabled(bool(b, "smsEnabled"));
        }
        if (b.has("mmsEnabled")) {
            n.mmsEnabled(bool(b, "mmsEnabled"));
        }
        if (b.has("status")) {
            n.status(text(b, "status", true));
        }
        HttpIo.sendJson(exchange, 200, n.toJson());
    }

    private static JsonNode body(HttpExchange exchange, Set<String> allowed) throws IOException {
        JsonNode body = Json.parse(HttpIo.readBody(exchange))
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new AdminError(400, "Request body must be a JSON object"));
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new AdminError(400, "Unknown field '" + name + "'; allowed: " + allowed);
            }
        }
        return body;
    }

    private static void expect(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new AdminError(405, "Use " + allowed);
        }
    }

    private static String text(JsonNode b, String field, boolean required) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new AdminError(400, field + " is required");
            }
            return "";
        }
        if (!n.isTextual()) {
            throw new AdminError(400, field + " must be a string");
        }
        return n.asText();
    }

    private static String nullableText(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new AdminError(400, field + " must be a string or null");
        }
        return n.asText();
    }

    private static double number(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (!n.isNumber()) {
            throw new AdminError(400, field + " must be a number");
        }
        return n.asDouble();
    }

    private static boolean bool(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (!n.isBoolean()) {
            throw new AdminError(400, field + " must be true or false");
        }
        return n.asBoolean();
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        HttpIo.sendJson(exchange, status, Json.bytes(Json.object().put("error", message)), Map.of());
    }
}

package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/** {@code GET /api/core/whoami}: the identity fields exactly as documented [EX][OAPI]. */
final class WhoAmIRoute implements CoreRoute {

    static final String CLIENT_NAME = "Sandbox Client";
    static final List<String> CAPABILITIES = List.of("numbers:read", "numbers:search", "numbers:update");

    private final BearerAuth auth;
    private final NumberRegistry numbers;
    private final SandboxSettings settings;

    WhoAmIRoute(BearerAuth auth, NumberRegistry numbers, SandboxSettings settings) {
        this.auth = auth;
        this.numbers = numbers;
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String clientId = auth.requireClient(exchange);
        List<SandboxNumber> owned = numbers.ownedBy(clientId);
        ObjectNode body = Json.object();
        body.put("apiClientId", clientId);
        body.put("apiClientName", CLIENT_NAME);
        body.put("apiClientStatus", "ACTIVE");
        CAPABILITIES.forEach(body.putArray("capabilities")::add);
        ObjectNode assigned = body.putObject("assignedNumbers");
        assigned.put("total", owned.size());
        assigned.put(
                "smsEnabledCount",
                owned.stream().filter(SandboxNumber::smsEnabled).count());
        assigned.put(
                "mmsEnabledCount",
                owned.stream().filter(SandboxNumber::mmsEnabled).count());
        // Account-level URLs only: per-number overrides are visible on GET /api/core/numbers.
        body.put("inboundWebhookConfigured", settings.inboundWebhookUrl() != null);
        body.put("deliveryWebhookConfigured", settings.deliveryWebhookUrl() != null);
        HttpIo.sendJson(exchange, 200, body);
    }
}

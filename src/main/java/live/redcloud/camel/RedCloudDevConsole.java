package live.redcloud.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import live.redcloud.camel.auth.TokenManager;
import live.redcloud.camel.webhook.WebhookOutcome;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * Camel dev console {@code redcloud}: the token cache (expiry and fetch count per token endpoint, never a token or
 * secret) and each webhook consumer's outcome counters.
 */
@DevConsole(
        name = "redcloud",
        group = "camel",
        displayName = "Red Cloud",
        description = "Red Cloud tokens and webhook counters")
public class RedCloudDevConsole extends AbstractDevConsole {

    public RedCloudDevConsole() {
        super("camel", "redcloud", "Red Cloud", "Red Cloud tokens and webhook counters");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        RedCloudComponent component = component();
        if (component == null) {
            return "redcloud component not in use";
        }
        sb.append("Token requests: ").append(component.getTokenFetchCount()).append('\n');
        for (TokenManager.TokenStatus t : component.getTokenManager().status()) {
            sb.append("  ")
                    .append(t.tokenUrl())
                    .append(" (")
                    .append(t.authentication())
                    .append("): expires ")
                    .append(t.expiresAt() == null ? "-" : t.expiresAt())
                    .append(", fetches ")
                    .append(t.fetches())
                    .append('\n');
        }
        for (RedCloudWebhookConsumer consumer : component.getWebhookConsumers()) {
            sb.append("Webhook ").append(consumer.getPath()).append(": ");
            consumer.getCounters()
                    .snapshot()
                    .forEach((outcome, n) -> sb.append(outcome.name().toLowerCase())
                            .append('=')
                            .append(n)
                            .append(' '));
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Map<String, Object> root = new LinkedHashMap<>();
        RedCloudComponent component = component();
        if (component == null) {
            return root;
        }
        root.put("tokenFetchCount", component.getTokenFetchCount());
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (TokenManager.TokenStatus t : component.getTokenManager().status()) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("tokenUrl", t.tokenUrl());
            token.put("clientAuthentication", t.authentication().name());
            token.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
            token.put("fetches", t.fetches());
            tokens.add(token);
        }
        root.put("tokens", tokens);
        List<Map<String, Object>> webhooks = new ArrayList<>();
        for (RedCloudWebhookConsumer consumer : component.getWebhookConsumers()) {
            Map<String, Object> webhook = new LinkedHashMap<>();
            webhook.put("path", consumer.getPath());
            Map<String, Object> counts = new LinkedHashMap<>();
            for (Map.Entry<WebhookOutcome, Long> e :
                    consumer.getCounters().snapshot().entrySet()) {
                counts.put(e.getKey().name().toLowerCase(), e.getValue());
            }
            webhook.put("outcomes", counts);
            webhooks.add(webhook);
        }
        root.put("webhooks", webhooks);
        return root;
    }

    private RedCloudComponent component() {
        return getCamelContext().hasComponent("redcloud") instanceof RedCloudComponent
                ? (RedCloudComponent) getCamelContext().hasComponent("redcloud")
                : null;
    }
}

package live.redcloud.examples.quickstart;

import java.time.Duration;
import java.util.Map;

/**
 * Where the quick start talks to: the embedded sandbox when {@code RC_BASE_URL} is unset, otherwise the Red Cloud named
 * by the {@code RC_*} environment variables.
 */
final class QuickStartSettings {

    static final String SANDBOX_NUMBER_ID = "num_abc123";
    static final String SANDBOX_TO = "+15551234567";
    static final String SANDBOX_INBOUND_FROM = "+15557654321";

    final String baseUrl;
    final String clientId;
    final String clientSecret;
    final String numberId;
    final String to;
    final String signingSecret;
    final int webhookPort;
    final Duration timeout;

    private QuickStartSettings(
            String baseUrl,
            String clientId,
            String clientSecret,
            String numberId,
            String to,
            String signingSecret,
            int webhookPort,
            Duration timeout) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.numberId = numberId;
        this.to = to;
        this.signingSecret = signingSecret;
        this.webhookPort = webhookPort;
        this.timeout = timeout;
    }

    boolean useSandbox() {
        return baseUrl == null;
    }

    static QuickStartSettings fromEnvironment(Map<String, String> env) {
        Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("RC_TIMEOUT_SECONDS", "120")));
        int port = Integer.parseInt(env.getOrDefault("RC_WEBHOOK_PORT", "0"));
        String baseUrl = env.get("RC_BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            return sandbox(port, timeout);
        }
        return new QuickStartSettings(
                baseUrl,
                require(env, "RC_CLIENT_ID"),
                require(env, "RC_CLIENT_SECRET"),
                require(env, "RC_NUMBER_ID"),
                require(env, "RC_TO"),
                require(env, "RC_SIGNING_SECRET"),
                port == 0 ? 8080 : port,
                timeout);
    }

    static QuickStartSettings sandbox(int webhookPort, Duration timeout) {
        return new QuickStartSettings(null, null, null, SANDBOX_NUMBER_ID, SANDBOX_TO, null, webhookPort, timeout);
    }

    QuickStartSettings connectedTo(String sandboxBaseUrl, String id, String secret, String signing, int port) {
        return new QuickStartSettings(sandboxBaseUrl, id, secret, numberId, to, signing, port, timeout);
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set when RC_BASE_URL is set (RC_BASE_URL, RC_CLIENT_ID,"
                    + " RC_CLIENT_SECRET, RC_NUMBER_ID, RC_TO, RC_SIGNING_SECRET)");
        }
        return value;
    }
}

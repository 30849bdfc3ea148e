package live.redcloud.sandbox;

import java.time.Clock;
import java.time.Duration;

/**
 * The sandbox's account configuration. Credentials and the clock are fixed at build time; the rest may change while
 * running (volatile fields, read at the moment they are needed).
 */
final class SandboxSettings {

    final String clientId;
    final String clientSecret;
    final Clock clock;

    private volatile String deliveryWebhookUrl;
    private volatile String inboundWebhookUrl;
    private volatile String signingSecret;
    private volatile Duration tokenLifetime;
    private volatile double retryScale;
    private volatile Duration eventDelay;

    SandboxSettings(String clientId, String clientSecret, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    String deliveryWebhookUrl() {
        return deliveryWebhookUrl;
    }

    void deliveryWebhookUrl(String url) {
        this.deliveryWebhookUrl = WebhookUrls.checked(url);
    }

    String inboundWebhookUrl() {
        return inboundWebhookUrl;
    }

    void inboundWebhookUrl(String url) {
        this.inboundWebhookUrl = WebhookUrls.checked(url);
    }

    /** {@code null} when signing is off: deliveries then carry no signature headers. */
    String signingSecret() {
        return signingSecret;
    }

    void signingSecret(String secret) {
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException("signingSecret must not be empty (use null to disable signing)");
        }
        this.signingSecret = secret;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    void tokenLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        this.tokenLifetime = lifetime;
    }

    double retryScale() {
        return retryScale;
    }

    void retryScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("retryScale must be >= 0, was " + scale);
        }
        this.retryScale = scale;
    }

    Duration eventDelay() {
        return eventDelay;
    }

    void eventDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("eventDelay must be >= 0");
        }
        this.eventDelay = delay;
    }
}

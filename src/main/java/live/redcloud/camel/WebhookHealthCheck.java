package live.redcloud.camel;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of a {@code redcloud:webhook} consumer: is its path served? Red Cloud's deliveries need it. */
final class WebhookHealthCheck extends AbstractHealthCheck {

    private final RedCloudWebhookConsumer consumer;

    WebhookHealthCheck(RedCloudWebhookConsumer consumer) {
        super("camel", "consumer:redcloud-webhook-" + consumer.getPath());
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        // a server that lost its socket does not heal by restarting the JVM's liveness probe target alone
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("redcloud.webhook.path", consumer.getPath());
        String notServing = consumer.notServing();
        if (notServing == null) {
            builder.up();
        } else {
            builder.message("POST " + consumer.getPath() + " is not served: " + notServing);
            builder.down();
        }
    }
}

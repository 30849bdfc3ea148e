package live.redcloud.camel;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import live.redcloud.camel.auth.AccessToken;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a Red Cloud producer: can it obtain a token? A cached, valid token answers at once; otherwise this asks
 * the token endpoint. On failure it reports the HTTP status and OAuth error code (e.g. {@code invalid_client}), never a
 * credential.
 */
public class RedCloudProducerHealthCheck extends AbstractHealthCheck {

    private final RedCloudEndpoint endpoint;
    private final Supplier<RedCloudClient> client;

    public RedCloudProducerHealthCheck(RedCloudEndpoint endpoint, String id, Supplier<RedCloudClient> client) {
        super("camel", "producer:redcloud-" + id);
        this.endpoint = endpoint;
        this.client = client;
    }

    @Override
    public boolean isLiveness() {
        // Red Cloud being unreachable makes us not ready, it does not make the JVM need a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RedCloudConfiguration config = endpoint.getConfiguration();
        builder.details(endpoint.getComponent().startupCheckDetails(endpoint));
        // every attempt of a token fetch, and the pauses between them
        long timeout = config.getConnectTimeout() + config.getRequestTimeout() * (config.getMaxRetries() + 1)
                       + config.getRetryMaxBackoff() * config.getMaxRetries();
        try {
            AccessToken token = client.get().token().get(timeout, TimeUnit.MILLISECONDS);
            builder.detail("redcloud.tokenExpiresAt", token.expiresAt().toString());
            builder.up();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedCloudAuthenticationException) {
                RedCloudAuthenticationException auth = (RedCloudAuthenticationException) cause;
                if (auth.getStatusCode() > 0) {
                    builder.detail(SERVICE_STATUS_CODE, auth.getStatusCode());
                }
                if (auth.getError() != null) {
                    builder.detail(SERVICE_ERROR_CODE, auth.getError());
                }
            }
            builder.message(cause.getMessage());
            builder.error(cause);
            builder.down();
        } catch (TimeoutException e) {
            builder.message("No token from Red Cloud within " + timeout + " ms");
            builder.down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down();
        } catch (RuntimeException e) {
            // e.g. a missing baseUrl or clientSecret
            builder.message(e.getMessage());
            builder.error(e);
            builder.down();
        }
    }
}

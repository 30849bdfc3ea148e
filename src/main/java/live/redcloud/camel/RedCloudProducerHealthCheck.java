package live.redcloud.camel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import live.redcloud.camel.auth.AccessToken;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointAware;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.IdAware;

/**
 * Readiness of a Red Cloud producer: can it obtain a token? It answers within {@code healthCheckTimeout}: a cached
 * token that has not expired answers at once, without any request (a refresh due inside the margin is left to the
 * sends); otherwise it waits that long at most on one token fetch, shared with any send that needs a token too. On
 * failure it reports the HTTP status and OAuth error code (e.g. {@code invalid_client}), never a credential.
 *
 * <p>The id is {@code producer:} followed by the id the user gave the route step that sends to the endpoint
 * ({@code .to("redcloud:send").id("smsOut")} gives {@code producer:smsOut}), else {@code redcloud-<operation>}
 * ({@code producer:redcloud-send}). Further endpoints of the same operation get {@code -2}, {@code -3}, ... in the
 * order their producers start (a named step takes its number too: the step is only found once its route has been
 * added, after the producer started); an endpoint keeps its id when its route restarts.
 */
public class RedCloudProducerHealthCheck extends AbstractHealthCheck {

    /** The ids Camel gives a {@code to} step that the user left unnamed: {@code to1}, {@code to2}, ... */
    private static final Pattern GENERATED_STEP_ID = Pattern.compile("to\\d+");

    private final RedCloudEndpoint endpoint;
    private final Supplier<RedCloudClient> client;
    private final String fallbackId;
    private volatile String resolvedId;

    /**
     * @param client the producer's current client (it changes when the component reconnects its producers)
     */
    public RedCloudProducerHealthCheck(RedCloudEndpoint endpoint, Supplier<RedCloudClient> client) {
        super("camel", fallbackId(endpoint));
        this.endpoint = endpoint;
        this.client = client;
        this.fallbackId = super.getId();
    }

    @Override
    public boolean isLiveness() {
        // Red Cloud being unreachable makes us not ready, it does not make the JVM need a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.details(endpoint.getComponent().startupCheckDetails(endpoint));
        long timeout = endpoint.getConfiguration().getHealthCheckTimeout();
        try {
            RedCloudClient client = this.client.get();
            AccessToken token = client.validCachedToken();
            if (token == null) {
                token = client.token().get(timeout, TimeUnit.MILLISECONDS);
            }
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
            // the fetch goes on (sends may be waiting on it too); the next check sees its outcome
            builder.message("Red Cloud's token endpoint gave no answer within " + timeout + " ms (healthCheckTimeout)");
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

    /**
     * The user's step id, looked up on first use: Camel adds a route to the context only after its producers started,
     * so at construction the step cannot be found yet.
     */
    @Override
    public String getId() {
        String id = resolvedId;
        if (id == null) {
            CamelContext context = endpoint.getCamelContext();
            String stepId = userStepId(context, endpoint);
            id = stepId != null ? "producer:" + stepId : fallbackId;
            if (stepId != null || context.isStarted()) {
                resolvedId = id;
            }
        }
        return id;
    }

    /** {@code producer:redcloud-<operation>}, with a suffix that no other Red Cloud check in the repository has. */
    private static String fallbackId(RedCloudEndpoint endpoint) {
        HealthCheckRepository producers =
                HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers");
        Object lock = producers != null ? producers : endpoint;
        synchronized (lock) {
            Set<String> taken = producers == null
                    ? Set.of()
                    : producers.stream()
                            .filter(c -> c instanceof RedCloudProducerHealthCheck)
                            .map(c -> ((RedCloudProducerHealthCheck) c).fallbackId)
                            .collect(Collectors.toSet());
            String earlier = endpoint.getHealthCheckId();
            if (earlier != null && !taken.contains(earlier)) {
                return earlier;
            }
            String base = "producer:redcloud-" + endpoint.getOperation();
            String id = base;
            for (int n = 2; taken.contains(id); n++) {
                id = base + "-" + n;
            }
            endpoint.setHealthCheckId(id);
            return id;
        }
    }

    /** The id the user gave a route step that sends to {@code endpoint}, if any. */
    private static String userStepId(CamelContext context, RedCloudEndpoint endpoint) {
        for (Route route : context.getRoutes()) {
            for (Processor step : route.filter("*")) {
                if (step instanceof EndpointAware && ((EndpointAware) step).getEndpoint() == endpoint) {
                    String id = ((IdAware) step).getId();
                    if (id != null && !GENERATED_STEP_ID.matcher(id).matches()) {
                        return id;
                    }
                }
            }
        }
        return null;
    }
}

package live.redcloud.camel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import live.redcloud.camel.auth.TokenManager;
import live.redcloud.camel.client.HttpTransport;
import live.redcloud.camel.client.HttpTransportSettings;
import live.redcloud.camel.webhook.WebhookOutcome;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code redcloud:} component. It owns what endpoints share: the token cache, the pooled HTTP clients, the retry
 * timer and the thread pool on which Red Cloud's answers continue the route. All of it lives and dies with this
 * component; nothing is static.
 */
@Component("redcloud")
@ManagedResource(description = "Red Cloud component: token cache and webhook counters")
public class RedCloudComponent extends HealthCheckComponent {

    @Metadata(description = "Component-wide defaults for every option; each endpoint works on its own copy.")
    private RedCloudConfiguration configuration = new RedCloudConfiguration();

    private final Map<HttpTransportSettings, HttpTransport> transports = new ConcurrentHashMap<>();
    private final Set<RedCloudWebhookConsumer> webhookConsumers = ConcurrentHashMap.newKeySet();
    private final ObjectMapper objectMapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private Clock clock = Clock.systemUTC();
    private volatile TokenManager tokenManager;
    private ScheduledExecutorService scheduler;
    private ExecutorService callbackExecutor;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RedCloudOperation operation = RedCloudOperation.fromUri(remaining);
        RedCloudEndpoint endpoint = new RedCloudEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public RedCloudConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RedCloudConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The clock tokens are timed with; tests replace it. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Token cache of this component; one per component, keyed by everything that shapes a token request. */
    public TokenManager getTokenManager() {
        TokenManager tm = tokenManager;
        if (tm == null) {
            synchronized (this) {
                if (tokenManager == null) {
                    tokenManager = new TokenManager(clock);
                }
                tm = tokenManager;
            }
        }
        return tm;
    }

    /** The webhook consumers of this component that are running. */
    public Set<RedCloudWebhookConsumer> getWebhookConsumers() {
        return Collections.unmodifiableSet(webhookConsumers);
    }

    void register(RedCloudWebhookConsumer consumer) {
        webhookConsumers.add(consumer);
    }

    void unregister(RedCloudWebhookConsumer consumer) {
        webhookConsumers.remove(consumer);
    }

    @ManagedAttribute(description = "Token requests made since start (first fetches, refreshes, fetches after a 401)")
    public long getTokenFetchCount() {
        return tokenManager == null ? 0 : tokenManager.fetchCount();
    }

    @ManagedAttribute(description = "Webhook events routed and acknowledged")
    public long getWebhookAcceptedCount() {
        return webhookCount(WebhookOutcome.ACCEPTED);
    }

    @ManagedAttribute(description = "Webhook redeliveries acknowledged without routing them again")
    public long getWebhookDuplicateCount() {
        return webhookCount(WebhookOutcome.DUPLICATE);
    }

    @ManagedAttribute(description = "Webhook requests rejected: bad signature, malformed, too large")
    public long getWebhookRejectedCount() {
        return webhookCount(WebhookOutcome.UNAUTHORIZED) + webhookCount(WebhookOutcome.MALFORMED)
                + webhookCount(WebhookOutcome.TOO_LARGE);
    }

    @ManagedAttribute(description = "Webhook events whose route failed (answered 5xx so Red Cloud redelivers)")
    public long getWebhookFailedCount() {
        return webhookCount(WebhookOutcome.FAILED) + webhookCount(WebhookOutcome.IN_PROGRESS);
    }

    private long webhookCount(WebhookOutcome outcome) {
        return webhookConsumers.stream().mapToLong(c -> c.getCounters().count(outcome)).sum();
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    ScheduledExecutorService getScheduler() {
        return scheduler;
    }

    ExecutorService getCallbackExecutor() {
        return callbackExecutor;
    }

    HttpTransport transport(RedCloudConfiguration config, SSLContext sslContext) {
        HttpTransportSettings settings = new HttpTransportSettings(Duration.ofMillis(config.getConnectTimeout()),
                Duration.ofMillis(config.getRequestTimeout()), config.getMaxConnections(), sslContext);
        return transports.computeIfAbsent(settings, HttpTransport::new);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // retry pauses wait here; the queue is unbounded because a rejected retry would fail an exchange whose request
        // Red Cloud may already have accepted (Camel's default scheduled pools reject beyond 1000 queued tasks)
        scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "RedCloudTimer",
                new ThreadPoolProfileBuilder("RedCloudTimer").poolSize(1).maxQueueSize(-1).build());
        // answers arrive on HttpClient's I/O threads; the route continues here so it can never stall them
        callbackExecutor = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this, "RedCloud");
    }

    @Override
    protected void doStop() throws Exception {
        transports.values().forEach(HttpTransport::close);
        transports.clear();
        if (tokenManager != null) {
            tokenManager.clear();
        }
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdown(scheduler);
            scheduler = null;
        }
        if (callbackExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(callbackExecutor);
            callbackExecutor = null;
        }
        super.doStop();
    }
}

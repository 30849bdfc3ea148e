package live.redcloud.camel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import live.redcloud.camel.auth.TokenManager;
import live.redcloud.camel.client.HttpTransportSettings;
import live.redcloud.camel.client.HttpTransports;
import live.redcloud.camel.secret.Redactor;
import live.redcloud.camel.webhook.WebhookOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The {@code redcloud:} component. It owns what endpoints share: the token cache, the pooled HTTP clients and the retry
 * timer. All of it lives and dies with this component; nothing is static.
 */
@Component("redcloud")
@ManagedResource(description = "Red Cloud component: token cache and webhook counters")
public class RedCloudComponent extends HealthCheckComponent {

    @Metadata(description = "Component-wide defaults for every option; each endpoint works on its own copy.")
    private RedCloudConfiguration configuration = new RedCloudConfiguration();

    private final Set<RedCloudWebhookConsumer> webhookConsumers = ConcurrentHashMap.newKeySet();
    private final List<Runnable> idleTimeoutUndo = new ArrayList<>();
    private int idleTimeoutHolders;
    private final Set<RedCloudProducer> producers = ConcurrentHashMap.newKeySet();
    private volatile PropertyConfigurer suggestingConfigurer;
    private final ObjectMapper objectMapper =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private Clock clock = Clock.systemUTC();
    private volatile TokenManager tokenManager;
    private ScheduledExecutorService scheduler;
    private ExecutorService workerThreads;
    private volatile WorkerPool workerPool;
    private HttpTransports transports;
    private final StartupChecks startupChecks = new StartupChecks(this);
    private final IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
    private final Redactor redactor = new Redactor();

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

    /**
     * The Vert.x idle timeout is server-wide: set by the first webhook that asks, undone when the last of them stops,
     * whichever set it.
     */
    synchronized void holdIdleTimeout(List<Runnable> undo) {
        idleTimeoutUndo.addAll(undo);
        idleTimeoutHolders++;
    }

    synchronized void releaseIdleTimeout() {
        if (--idleTimeoutHolders == 0) {
            idleTimeoutUndo.forEach(Runnable::run);
            idleTimeoutUndo.clear();
        }
    }

    void register(RedCloudWebhookConsumer consumer) {
        webhookConsumers.add(consumer);
    }

    void unregister(RedCloudWebhookConsumer consumer) {
        webhookConsumers.remove(consumer);
    }

    /** Clears texts built from answers of this component's secrets; endpoints add theirs as they start. */
    Redactor redactor() {
        return redactor;
    }

    IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    void register(RedCloudProducer producer) {
        producers.add(producer);
    }

    void unregister(RedCloudProducer producer) {
        producers.remove(producer);
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
        return webhookCount(WebhookOutcome.UNAUTHORIZED)
                + webhookCount(WebhookOutcome.MALFORMED)
                + webhookCount(WebhookOutcome.TOO_LARGE);
    }

    @ManagedAttribute(description = "Webhook events whose route failed (answered 5xx so Red Cloud redelivers)")
    public long getWebhookFailedCount() {
        return webhookCount(WebhookOutcome.FAILED) + webhookCount(WebhookOutcome.IN_PROGRESS);
    }

    private long webhookCount(WebhookOutcome outcome) {
        return webhookConsumers.stream()
                .mapToLong(c -> c.getCounters().count(outcome))
                .sum();
    }

    /** The generated configurer, which also names the closest option for a property that is none (see there). */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        PropertyConfigurer configurer = suggestingConfigurer;
        if (configurer == null) {
            configurer = new SuggestingComponentConfigurer(OptionNames.ofComponent(objectMapper));
            suggestingConfigurer = configurer;
        }
        return configurer;
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    ScheduledExecutorService getScheduler() {
        return scheduler;
    }

    /** Where exchanges continue after a call, for endpoints with the component's pool sizes. */
    WorkerPool getWorkerPool() {
        WorkerPool pool = workerPool;
        if (pool == null) {
            throw new IllegalStateException("The redcloud component is not started");
        }
        return pool;
    }

    /** Whether an endpoint with this configuration continues on the component's pool (same sizes, no pool of its own). */
    boolean hasWorkerPoolSizes(RedCloudConfiguration endpointConfiguration) {
        return endpointConfiguration.getWorkerPoolCoreSize() == configuration.getWorkerPoolCoreSize()
                && endpointConfiguration.getWorkerPoolMaxSize() == configuration.getWorkerPoolMaxSize();
    }

    /**
     * A worker pool through Camel's ExecutorServiceManager, so that a thread pool profile or virtual threads
     * ({@code camel.threads.virtual.enabled}) apply. A direct hand-over (no queue): it grows to {@code maxSize} threads
     * while the steps after a call block, and past that it refuses, which {@link WorkerPool} turns into running on the
     * thread at hand. Idle threads above the core size end after Camel's keep-alive.
     */
    static ExecutorService newWorkerPool(CamelContext context, Object owner, int coreSize, int maxSize) {
        if (coreSize < 0 || maxSize < 1 || maxSize < coreSize) {
            throw new IllegalArgumentException("workerPoolCoreSize (" + coreSize + ") and workerPoolMaxSize (" + maxSize
                    + ") must satisfy 0 <= workerPoolCoreSize <= workerPoolMaxSize and 1 <= workerPoolMaxSize");
        }
        ThreadPoolProfile profile = new ThreadPoolProfile("RedCloudWorker");
        profile.setPoolSize(coreSize);
        profile.setMaxPoolSize(maxSize);
        profile.setMaxQueueSize(0);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return context.getExecutorServiceManager().newThreadPool(owner, "RedCloudWorker", profile);
    }

    /** A hold on the connection pool for these settings; the producer gives it back when it stops. */
    HttpTransports.Lease acquireTransport(HttpTransportSettings settings) {
        HttpTransports t = transports;
        if (t == null) {
            throw new IllegalStateException("The redcloud component is not started");
        }
        return t.acquire(settings);
    }

    /** Red Cloud's bring-up rules, checked once per set of credentials when producers and consumers start. */
    StartupChecks startupChecks() {
        return startupChecks;
    }

    /**
     * What the start-up check found for {@code endpoint} (none, running, ok, or the findings), as health check
     * details; empty when it did not run for that endpoint.
     */
    public Map<String, Object> startupCheckDetails(Endpoint endpoint) {
        return startupChecks.details(endpoint);
    }

    /** How many connection pools are open (for tests and the dev console). */
    int openTransports() {
        HttpTransports t = transports;
        return t == null ? 0 : t.size();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // retry pauses wait here. The queue is unbounded because a refused retry would fail an exchange whose request
        // Red Cloud may already have accepted (Camel's default scheduled pools refuse beyond 1000 queued tasks).
        ThreadPoolProfile profile = new ThreadPoolProfile("RedCloudTimer");
        profile.setPoolSize(1);
        profile.setMaxQueueSize(-1);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        scheduler =
                getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "RedCloudTimer", profile);
        transports = new HttpTransports(scheduler);
        workerThreads = newWorkerPool(
                getCamelContext(), this, configuration.getWorkerPoolCoreSize(), configuration.getWorkerPoolMaxSize());
        workerPool = new WorkerPool(workerThreads, "The redcloud component's worker pool");
        // producers that outlived a stop of this component alone get new connections now
        for (RedCloudProducer producer : producers) {
            if (producer.isStarted()) {
                producer.connect();
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        // producers stopped with the routes have settled their exchanges already. Those still running are a
        // ProducerTemplate's (the context stops components before it stops them) or outlive a stop of this component
        // alone. When the context shuts down, the former get what the routes got: answers that arrive within the
        // shutdown timeout complete their exchanges. Then whatever is left fails, so that dropping the pending retries
        // below cannot leave one hanging.
        ShutdownStrategy shutdown = getCamelContext().getShutdownStrategy();
        if (getCamelContext().isStopping() && !shutdown.hasTimeoutOccurred()) {
            long deadline = System.nanoTime() + shutdown.getTimeUnit().toNanos(shutdown.getTimeout());
            for (RedCloudProducer producer : producers) {
                producer.awaitAnswered(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        producers.forEach(RedCloudProducer::abandonInFlight);
        if (workerThreads != null) {
            // after the last call is settled, and without an interrupt: continuations still queued or running (the
            // abandoned ones included) finish; anything handed over later runs on the thread at hand
            getCamelContext().getExecutorServiceManager().shutdown(workerThreads);
            workerThreads = null;
        }
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        if (transports != null) {
            transports.close();
            transports = null;
        }
        if (tokenManager != null) {
            tokenManager.clear();
        }
        startupChecks.clear();
        super.doStop();
    }
}

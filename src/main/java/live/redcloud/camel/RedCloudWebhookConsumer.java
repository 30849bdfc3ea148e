package live.redcloud.camel;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import live.redcloud.camel.webhook.EventGate;
import live.redcloud.camel.webhook.EventParser;
import live.redcloud.camel.webhook.EventStore;
import live.redcloud.camel.webhook.RecentEvents;
import live.redcloud.camel.webhook.SignatureVerifier;
import live.redcloud.camel.webhook.WebhookCounters;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.spi.BeanIntrospection;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.spi.RestConsumerFactory;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.FileUtil;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code redcloud:webhook}: serves one POST path on the runtime's HTTP server (through Camel's
 * {@link RestConsumerFactory}, platform-http by default) and routes each verified, new event on a fresh exchange. The
 * per-request work is in {@link WebhookProcessor}.
 */
public class RedCloudWebhookConsumer extends DefaultConsumer implements HealthCheckAware {

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudWebhookConsumer.class);

    private final RedCloudEndpoint endpoint;
    private final WebhookCounters counters = new WebhookCounters();
    private IdempotentRepository repository;
    private boolean ownsRepository;
    private volatile EventGate gate;
    private ScheduledFuture<?> pendingRetry;
    /** How often records and releases that failed are tried again. */
    static final Duration RETRY_PENDING = Duration.ofSeconds(5);

    private volatile Consumer httpConsumer;
    /** Vert.x routes of the read deadline (typed Object: Vert.x is optional). */
    private List<?> readDeadlines = List.of();
    /** Whether this consumer counts among the webhooks the Vert.x idle timeout is set for. */
    private boolean holdsIdleTimeout;

    private WebhookHealthCheck healthCheck;

    public RedCloudWebhookConsumer(RedCloudEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    /** The path this consumer serves. */
    public String getPath() {
        return endpoint.getConfiguration().getPath();
    }

    /**
     * The consumer health check (Camel's {@code consumer:<routeId>}): UP while the path is served, DOWN when the HTTP
     * consumer stopped or the server does not listen. Off when the component's healthCheckConsumerEnabled is false.
     */
    @Override
    public synchronized HealthCheck getHealthCheck() {
        if (healthCheck == null) {
            healthCheck = new WebhookHealthCheck(this);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        }
        return healthCheck;
    }

    /** Why the path is not served right now, or {@code null} when it is. */
    String notServing() {
        return WebhookServerCheck.notServing(
                endpoint.getCamelContext(), endpoint.getConfiguration().getHttpComponent(), httpConsumer);
    }

    /** Outcome counts of this consumer's requests. */
    public WebhookCounters getCounters() {
        return counters;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RedCloudConfiguration config = endpoint.getConfiguration();
        SignatureVerifier verifier = null;
        endpoint.registerSecrets();
        if (ObjectHelper.isNotEmpty(config.getSigningSecret())) {
            verifier = new SignatureVerifier(config.getSigningSecret());
        } else if (config.isAllowUnsigned()) {
            LOG.warn(
                    "redcloud:webhook on {} accepts UNSIGNED webhooks (allowUnsigned=true): anyone who can reach"
                            + " this path can inject events. Set signingSecret for production.",
                    config.getPath());
        } else {
            throw new IllegalArgumentException("redcloud:webhook needs the signingSecret option (the webhook signing"
                    + " secret from Red Cloud) to verify X-RedCloud-Signature; set allowUnsigned=true only if signing"
                    + " is off for your integration");
        }
        if (config.getMaxBodySize() < 1) {
            throw new IllegalArgumentException(
                    "redcloud:webhook maxBodySize must be positive, was " + config.getMaxBodySize());
        }
        if (config.getIdleTimeout() < 0 || config.getRequestReadTimeout() < 0) {
            throw new IllegalArgumentException("redcloud:webhook idleTimeout and requestReadTimeout must not be"
                    + " negative (0 turns them off), were " + config.getIdleTimeout() + " and "
                    + config.getRequestReadTimeout());
        }
        if (config.getTimestampTolerance() < 0) {
            throw new IllegalArgumentException("redcloud:webhook timestampTolerance must not be negative (0 turns the"
                    + " check off), was " + config.getTimestampTolerance());
        }
        // with startupCheck=fail a webhook Red Cloud will never call ends the start here, before the path is served
        endpoint.getComponent().startupChecks().onStart(endpoint);
        gate = gate(config);
        // records and releases that failed are retried off the timer, on a worker: the stores may block
        ScheduledExecutorService timer = endpoint.getComponent().getScheduler();
        WorkerPool worker = endpoint.getComponent().getWorkerPool();
        EventGate retried = gate;
        pendingRetry = timer.scheduleWithFixedDelay(
                () -> {
                    // never on the timer itself: a pool that is full or shut down skips this round
                    if (retried.pending() > 0 && !worker.tryExecute(retried::retryPending)) {
                        LOG.debug("Webhook store retries skipped this round: the worker pool is busy");
                    }
                },
                RETRY_PENDING.toMillis(),
                RETRY_PENDING.toMillis(),
                TimeUnit.MILLISECONDS);

        WebhookProcessor handler = new WebhookProcessor(
                this,
                verifier,
                new EventParser(endpoint.getComponent().getObjectMapper()),
                gate,
                counters,
                config.getMaxBodySize(),
                Duration.ofMillis(config.getTimestampTolerance()),
                eventTypes(config));
        CamelContext camelContext = endpoint.getCamelContext();
        RestConsumerFactory factory = restConsumerFactory(camelContext, config.getHttpComponent());
        RestConfiguration rest = CamelContextHelper.getRestConfiguration(camelContext, config.getHttpComponent());
        // no "consumes": a delivery with an unexpected Content-Type must still reach the signature check, not get 415
        httpConsumer = factory.createConsumer(
                camelContext,
                handler,
                "POST",
                config.getPath(),
                null,
                null,
                "application/json",
                rest,
                Collections.emptyMap());
        ServiceHelper.startService(httpConsumer);
        String notServing = WebhookServerCheck.notServing(camelContext, config.getHttpComponent(), httpConsumer);
        if (notServing != null) {
            // fail where the mistake is: a route that "serves" a path nobody can reach must not start
            ServiceHelper.stopAndShutdownService(httpConsumer);
            httpConsumer = null;
            throw new IllegalStateException("redcloud:webhook cannot serve POST " + config.getPath() + " on "
                    + config.getHttpComponent() + ": " + notServing);
        }
        boundConnections(camelContext, config);
        endpoint.getComponent().register(this);
        LOG.info("redcloud:webhook serving POST {} on {}", servedPath(camelContext, config), config.getHttpComponent());
    }

    /** The claim-and-record protocol over the configured stores: one event store, or a pair of repositories. */
    private EventGate gate(RedCloudConfiguration config) throws Exception {
        EventStore eventStore = config.getEventStore();
        if (eventStore != null) {
            if (config.getIdempotentRepository() != null || config.getClaimRepository() != null) {
                throw new IllegalArgumentException("redcloud:webhook on " + config.getPath() + ": set either"
                        + " eventStore or idempotentRepository/claimRepository: the eventStore both claims and"
                        + " records events");
            }
            startEventStore(eventStore);
            return new EventGate(eventStore);
        }
        repository = config.getIdempotentRepository();
        ownsRepository = repository == null;
        if (ownsRepository) {
            repository = new RecentEvents();
        }
        ServiceHelper.startService(repository);
        IdempotentRepository claimRepository = config.getClaimRepository();
        String conflict = EventGate.conflict(repository, claimRepository, this::storeIdentity);
        if (conflict != null) {
            throw new IllegalArgumentException("redcloud:webhook on " + config.getPath() + ": " + conflict
                    + ". The claimRepository must be a store of its own (another table or processorName):"
                    + " an event claimed in the dedup store looks routed, so every event would be answered"
                    + " 'duplicate' and none routed");
        }
        if (claimRepository != null) {
            ServiceHelper.startService(claimRepository);
        }
        return new EventGate(repository, claimRepository);
    }

    /**
     * One owner for a store the webhooks of a context share: the context, whose services stop last, after every route.
     * A store already serving another context is refused; stopping either context would stop it under the other.
     */
    private void startEventStore(EventStore eventStore) throws Exception {
        CamelContext camelContext = endpoint.getCamelContext();
        for (RedCloudWebhookConsumer other : endpoint.getComponent().getWebhookConsumers()) {
            if (other != this && other.endpoint.getConfiguration().getEventStore() == eventStore) {
                // one holder for two gates: a release one of them retries could delete the other's claim of a key
                throw new IllegalArgumentException("redcloud:webhook on "
                        + endpoint.getConfiguration().getPath()
                        + ": the eventStore " + eventStore + " is used by redcloud:webhook on " + other.getPath()
                        + " already; bind one store per webhook (several may share a table and processorName)");
            }
        }
        if (eventStore instanceof CamelContextAware aware) {
            CamelContext owner = aware.getCamelContext();
            if (owner != null && owner != camelContext && ServiceHelper.isStarted(eventStore)) {
                throw new IllegalArgumentException(
                        "redcloud:webhook on " + endpoint.getConfiguration().getPath()
                                + ": the eventStore " + eventStore + " already serves CamelContext " + owner.getName()
                                + "; bind one store per CamelContext");
            }
            aware.setCamelContext(camelContext);
        }
        if (camelContext.hasService(eventStore)) {
            // a route restarted, or the context: the store may have stopped with it
            ServiceHelper.startService(eventStore);
        } else {
            camelContext.addService(eventStore, true, true);
        }
    }

    /** Idle and trickling connections closed after a bound: Vert.x has neither by default (see VertxServers). */
    private void boundConnections(CamelContext camelContext, RedCloudConfiguration config) {
        if (!WebhookServerCheck.isVertx(config.getHttpComponent())) {
            return;
        }
        if (config.getIdleTimeout() > 0) {
            List<String> notApplied = new java.util.ArrayList<>();
            endpoint.getComponent()
                    .holdIdleTimeout(VertxServers.applyIdleTimeout(camelContext, config.getIdleTimeout(), notApplied));
            holdsIdleTimeout = true;
            for (String reason : notApplied) {
                LOG.warn(
                        "redcloud:webhook could not set an idle timeout on the Vert.x HTTP server on {}. Idle"
                                + " connections stay open until the client closes them; a reverse proxy in front"
                                + " bounds them.",
                        reason);
            }
        }
        if (config.getRequestReadTimeout() > 0) {
            readDeadlines = VertxServers.cutTrickledRequests(
                    camelContext, servedPath(camelContext, config), config.getRequestReadTimeout());
        }
    }

    /**
     * What makes two repositories one store: camel-sql's JDBC repositories (the plain and the orphan-lock one) share
     * rows when data source, table and processor name are the same. Read as bean properties, so camel-sql stays
     * optional.
     */
    private String storeIdentity(IdempotentRepository repository) {
        BeanIntrospection beans = PluginHelper.getBeanIntrospection(endpoint.getCamelContext());
        Object dataSource = property(beans, repository, "dataSource");
        Object table = property(beans, repository, "tableName");
        Object processor = property(beans, repository, "processorName");
        if (dataSource == null || table == null || processor == null) {
            return null;
        }
        return "table " + table + ", processorName " + processor + ", data source "
                + dataSource.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(dataSource));
    }

    private static Object property(BeanIntrospection beans, Object target, String name) {
        try {
            return beans.getOrElseProperty(target, name, null, false);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The path the HTTP server really serves: platform-http puts the REST configuration's context path in front of
     * the configured one. Red Cloud's webhook URL, the read deadline and the start-up check must use this one.
     */
    static String servedPath(CamelContext camelContext, RedCloudConfiguration config) {
        String path = config.getPath();
        String contextPath;
        try {
            contextPath = CamelContextHelper.getRestConfiguration(camelContext, config.getHttpComponent())
                    .getContextPath();
        } catch (IllegalArgumentException otherComponentsConfiguration) {
            return path;
        }
        String prefix = contextPath == null
                ? ""
                : FileUtil.stripLeadingSeparator(FileUtil.stripTrailingSeparator(contextPath.trim()));
        return prefix.isEmpty() ? path : "/" + prefix + "/" + FileUtil.stripLeadingSeparator(path);
    }

    /**
     * Records and releases still pending get one last try: nobody retries them after this. A record that still fails
     * keeps its claim (with an event store, until the store stops): the event was routed and is not routed again.
     */
    private void settlePending() {
        EventGate stopping = gate;
        if (stopping != null && stopping.pending() > 0) {
            stopping.retryPending();
            if (stopping.pending() > 0) {
                LOG.warn(
                        "redcloud:webhook on {} stops with {} webhook events it could not record or release; their"
                                + " claims expire after their lease, or, for events routed here, when the store stops",
                        getPath(),
                        stopping.pending());
            }
        }
    }

    /** For tests and the dev console: the gate of this consumer while it runs. */
    EventGate gate() {
        return gate;
    }

    @Override
    protected void doStop() throws Exception {
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
            pendingRetry = null;
        }
        endpoint.getComponent().unregister(this);
        ServiceHelper.stopService(httpConsumer);
        httpConsumer = null;
        settlePending();
        readDeadlines.forEach(route -> ((io.vertx.ext.web.Route) route).remove());
        readDeadlines = List.of();
        if (holdsIdleTimeout) {
            holdsIdleTimeout = false;
            endpoint.getComponent().releaseIdleTimeout();
        }
        if (ownsRepository) {
            ServiceHelper.stopService(repository);
        }
        super.doStop();
    }

    private static Set<String> eventTypes(RedCloudConfiguration config) {
        if (ObjectHelper.isEmpty(config.getEventTypes())) {
            return Collections.emptySet();
        }
        return Arrays.stream(config.getEventTypes().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static RestConsumerFactory restConsumerFactory(CamelContext context, String name) {
        Component component = context.getComponent(name, true);
        if (!(component instanceof RestConsumerFactory)) {
            throw new IllegalArgumentException("redcloud:webhook needs an HTTP server component: '" + name + "' "
                    + (component == null
                            ? "is not on the classpath (add camel-platform-http-vertx, or"
                                    + " camel-platform-http-starter under Spring Boot)"
                            : "cannot serve REST consumers"));
        }
        return (RestConsumerFactory) component;
    }
}

package live.redcloud.camel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import live.redcloud.camel.auth.ClientAuthentication;
import live.redcloud.camel.client.HttpTransports;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.model.RedCloudNumber;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.secret.Redactor;
import org.apache.camel.Endpoint;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of one component ({@code startupCheck}): when the first producer or webhook consumer of an
 * endpoint starts, fetch a token, whoami and numbers once per set of credentials (base URL, token URL, client id,
 * secret, auth mode), log one INFO line and one WARN line per finding, and keep the findings for the health check.
 *
 * <p>{@code warn} never waits: start-up goes on and the lines come when Red Cloud answers. {@code fail} waits for the
 * answer on the thread that starts the route, so that a misconfiguration fails that start (and with it the
 * application's) where the mistake is, before any message is routed. Either way the answer is awaited at most
 * {@link #BOUND} after the first endpoint with these credentials started; then Red Cloud counts as unreachable, which
 * is only a WARN: a deploy during a Red Cloud outage must not crash-loop a fleet.
 */
final class StartupChecks {

    /**
     * How long start-up may wait for Red Cloud. A token and two small GETs take well under a second on a working link;
     * five seconds leave room for a slow one and a retry, and are short against any orchestrator's start-up probe. A
     * constant, not an option: a longer wait only delays the WARN an outage gets anyway.
     */
    static final Duration BOUND = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    private final RedCloudComponent component;
    private final Map<Key, CompletableFuture<Snapshot>> snapshots = new ConcurrentHashMap<>();
    private final Map<Endpoint, CompletableFuture<List<BringUpFinding>>> results = new ConcurrentHashMap<>();

    StartupChecks(RedCloudComponent component) {
        this.component = component;
    }

    /** Everything that decides which API client Red Cloud sees; never printed (it holds the secret). */
    private record Key(
            String baseUrl,
            String tokenUrl,
            String clientId,
            String clientSecret,
            ClientAuthentication authentication) {
        @Override
        public String toString() {
            return "Key[" + baseUrl + "]";
        }
    }

    /** What Red Cloud answered for one key, or why it did not ({@code failure}). */
    private record Snapshot(
            WhoAmI whoAmI, List<RedCloudNumber> numbers, BringUpFinding failure, List<BringUpFinding> clientFindings) {
        static Snapshot failed(BringUpFinding failure) {
            return new Snapshot(null, List.of(), failure, List.of());
        }

        Snapshot redacted(Redactor redactor) {
            return new Snapshot(
                    whoAmI,
                    numbers,
                    failure == null ? null : failure.redacted(redactor),
                    clientFindings.stream().map(f -> f.redacted(redactor)).toList());
        }
    }

    /**
     * Checks {@code endpoint} once (a restart of its route does not check again). With {@code startupCheck=fail},
     * waits for the answer and throws on a definite finding.
     */
    void onStart(RedCloudEndpoint endpoint) {
        RedCloudConfiguration cfg = endpoint.getConfiguration();
        StartupCheckMode mode = cfg.getStartupCheck() == null ? StartupCheckMode.warn : cfg.getStartupCheck();
        if (mode == StartupCheckMode.off) {
            return;
        }
        if (ObjectHelper.isEmpty(cfg.getBaseUrl())
                || ObjectHelper.isEmpty(cfg.getClientId())
                || ObjectHelper.isEmpty(cfg.getClientSecret())) {
            // a webhook-only application need not have credentials; a producer fails on its own without them
            LOG.debug(
                    "Red Cloud start-up check skipped for redcloud:{}: no baseUrl, clientId or clientSecret",
                    endpoint.getOperation());
            return;
        }
        results.computeIfAbsent(endpoint, e -> check(endpoint));
        if (mode == StartupCheckMode.fail) {
            failOnDefinite(endpoint);
        }
    }

    private static boolean checked(RedCloudEndpoint endpoint) {
        RedCloudConfiguration cfg = endpoint.getConfiguration();
        return cfg.getStartupCheck() != StartupCheckMode.off
                && ObjectHelper.isNotEmpty(cfg.getBaseUrl())
                && ObjectHelper.isNotEmpty(cfg.getClientId())
                && ObjectHelper.isNotEmpty(cfg.getClientSecret());
    }

    /**
     * Fails the start on every definite finding at once: those of {@code starting} and of every other endpoint of the
     * component in {@code fail} mode, which Camel has created before it starts the first route. A user fixing a
     * misconfiguration then sees all of them in one start, not one per restart.
     */
    private void failOnDefinite(RedCloudEndpoint starting) {
        Map<RedCloudEndpoint, CompletableFuture<List<BringUpFinding>>> checks = new LinkedHashMap<>();
        checks.put(starting, results.get(starting));
        for (RedCloudEndpoint other : endpoints()) {
            if (other != starting
                    && other.getConfiguration().getStartupCheck() == StartupCheckMode.fail
                    && checked(other)) {
                checks.put(other, results.computeIfAbsent(other, e -> check(other)));
            }
        }
        Set<String> definite = new java.util.LinkedHashSet<>();
        for (Map.Entry<RedCloudEndpoint, CompletableFuture<List<BringUpFinding>>> check : checks.entrySet()) {
            List<BringUpFinding> found;
            try {
                // the snapshots complete within BOUND by themselves; the extra second only guards against a bug here
                found = check.getValue().get(BOUND.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn(
                        "Red Cloud start-up check of redcloud:{} did not complete; start-up goes on",
                        check.getKey().getOperation());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            found.stream()
                    .filter(BringUpFinding::definite)
                    .map(f -> f.message() + (f.option() == null ? "" : " [fix: " + f.option() + "]"))
                    .forEach(definite::add);
        }
        if (!definite.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("redcloud:" + starting.getOperation()
                    + " does not start: Red Cloud's bring-up rules are not met (startupCheck=fail; set"
                    + " startupCheck=warn to start anyway). " + definite.size() + " finding(s):\n  - "
                    + String.join("\n  - ", definite));
            // each finding is its own WARN line already; the trace of this thread says nothing about them
            failure.setStackTrace(new StackTraceElement[0]);
            throw failure;
        }
    }

    /** The redcloud endpoints of this component in the context. */
    private List<RedCloudEndpoint> endpoints() {
        List<RedCloudEndpoint> endpoints = new ArrayList<>();
        if (component.getCamelContext() != null) {
            for (Endpoint e : component.getCamelContext().getEndpoints()) {
                if (e instanceof RedCloudEndpoint rc && rc.getComponent() == component) {
                    endpoints.add(rc);
                }
            }
        }
        return endpoints;
    }

    private CompletableFuture<List<BringUpFinding>> check(RedCloudEndpoint endpoint) {
        Key key = key(endpoint.getConfiguration());
        BringUpCheck.Use use = use(endpoint, servedPaths());
        // runs where the snapshot completed: an HttpClient I/O thread, the retry timer or the JDK's delay thread; the
        // work is a few comparisons and log lines, never a wait
        return snapshots.computeIfAbsent(key, k -> fetch(endpoint, k)).thenApply(s -> {
            if (s.failure() != null) {
                return List.of(s.failure());
            }
            List<BringUpFinding> found = new ArrayList<>(s.clientFindings());
            List<BringUpFinding> own = BringUpCheck.endpoint(s.whoAmI(), s.numbers(), use, numbersInUse(key)).stream()
                    .map(f -> f.redacted(component.redactor()))
                    .toList();
            own.forEach(f -> LOG.warn(f.line()));
            found.addAll(own);
            return List.copyOf(found);
        });
    }

    private CompletableFuture<Snapshot> fetch(RedCloudEndpoint endpoint, Key key) {
        String where = where(key.baseUrl());
        CompletableFuture<Snapshot> calls;
        HttpTransports.Lease lease = null;
        try {
            lease = component.acquireTransport(endpoint.transportSettings());
            RedCloudClient client = endpoint.newClient(lease.transport());
            calls = client.token()
                    .thenCompose(token -> client.whoami()
                            .thenCombine(
                                    client.numbers(),
                                    (who, numbers) -> new Snapshot(
                                            who.body(), numbers.body(), null, BringUpCheck.client(who.body()))))
                    .exceptionally(e -> Snapshot.failed(BringUpCheck.failure(e, where)));
        } catch (RuntimeException e) {
            // e.g. a base URL that is no URL
            calls = CompletableFuture.completedFuture(Snapshot.failed(BringUpCheck.failure(e, where)));
        }
        HttpTransports.Lease held = lease;
        calls.whenComplete((s, e) -> release(held));
        return calls.thenApply(s -> s)
                .completeOnTimeout(
                        Snapshot.failed(BringUpFinding.unreachable("Red Cloud at " + where + " did not"
                                + " answer the start-up check within " + BOUND.toSeconds()
                                + " s; start-up goes on, the first"
                                + " calls will tell")),
                        BOUND.toMillis(),
                        TimeUnit.MILLISECONDS)
                .thenApply(answered -> {
                    // findings quote Red Cloud's answers: the component's secrets come out before anything is shown
                    Snapshot s = answered.redacted(component.redactor());
                    if (s.failure() != null) {
                        LOG.warn(s.failure().line());
                    } else {
                        LOG.info(component
                                .redactor()
                                .redact(BringUpCheck.summary(s.whoAmI(), s.numbers(), numbersInUse(key), where)));
                        s.clientFindings().forEach(f -> LOG.warn(f.line()));
                    }
                    return s;
                });
    }

    /**
     * Gives the connection pool back on the component's timer: the calls complete on an HttpClient I/O thread, and
     * closing the last lease from there would make the client wait for its own thread.
     */
    private void release(HttpTransports.Lease lease) {
        if (lease == null) {
            return;
        }
        ScheduledExecutorService timer = component.getScheduler();
        try {
            if (timer == null) {
                lease.close();
            } else {
                timer.execute(lease::close);
            }
        } catch (RejectedExecutionException e) {
            // the component is stopping: it closes every pool itself
            lease.close();
        }
    }

    /** The sendFrom of every send endpoint of this component with these credentials, as far as the context knows. */
    private Set<String> numbersInUse(Key key) {
        Set<String> inUse = new TreeSet<>();
        if (component.getCamelContext() == null) {
            return inUse;
        }
        for (Endpoint e : component.getCamelContext().getEndpoints()) {
            if (e instanceof RedCloudEndpoint rc
                    && rc.getComponent() == component
                    && rc.getRedCloudOperation() == RedCloudOperation.send
                    && ObjectHelper.isNotEmpty(rc.getConfiguration().getSendFrom())
                    && key.equals(key(rc.getConfiguration()))) {
                inUse.add(rc.getConfiguration().getSendFrom());
            }
        }
        return inUse;
    }

    /** For the producer health check: the outcome of this endpoint's start-up check, if it ran. */
    Map<String, Object> details(Endpoint endpoint) {
        CompletableFuture<List<BringUpFinding>> result = results.get(endpoint);
        if (result == null) {
            return Collections.emptyMap();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        List<BringUpFinding> found = result.getNow(null);
        if (found == null) {
            details.put("redcloud.startupCheck", "running");
        } else if (found.isEmpty()) {
            details.put("redcloud.startupCheck", "ok");
        } else {
            details.put("redcloud.startupCheck", found.size() + " finding(s)");
            details.put(
                    "redcloud.startupCheck.findings",
                    found.stream().map(BringUpFinding::line).collect(Collectors.joining("\n")));
        }
        return details;
    }

    /** The findings of {@code endpoint}'s check, when it ran (for tests and the health check). */
    CompletableFuture<List<BringUpFinding>> result(Endpoint endpoint) {
        return results.get(endpoint);
    }

    void clear() {
        snapshots.clear();
        results.clear();
    }

    private static Key key(RedCloudConfiguration cfg) {
        return new Key(
                cfg.getBaseUrl(),
                RedCloudEndpoint.tokenUrl(cfg),
                cfg.getClientId(),
                cfg.getClientSecret(),
                cfg.getClientAuthentication());
    }

    /** The paths the redcloud:webhook endpoints of this component serve. */
    private Set<String> servedPaths() {
        Set<String> paths = new TreeSet<>();
        if (component.getCamelContext() != null) {
            for (Endpoint e : component.getCamelContext().getEndpoints()) {
                if (e instanceof RedCloudEndpoint rc
                        && rc.getComponent() == component
                        && rc.getRedCloudOperation() == RedCloudOperation.webhook) {
                    paths.add(RedCloudWebhookConsumer.servedPath(component.getCamelContext(), rc.getConfiguration()));
                }
            }
        }
        return paths;
    }

    private static BringUpCheck.Use use(RedCloudEndpoint endpoint, Set<String> servedPaths) {
        RedCloudConfiguration cfg = endpoint.getConfiguration();
        String name = "redcloud:" + endpoint.getOperation();
        switch (endpoint.getRedCloudOperation()) {
            case send:
                return BringUpCheck.Use.send(name, cfg.getSendFrom(), cfg.getMessageType());
            case webhook:
                Set<String> types = ObjectHelper.isEmpty(cfg.getEventTypes())
                        ? Set.of()
                        : Arrays.stream(cfg.getEventTypes().split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toUnmodifiableSet());
                return BringUpCheck.Use.webhook(
                        name, RedCloudWebhookConsumer.servedPath(endpoint.getCamelContext(), cfg), types, servedPaths);
            default:
                return BringUpCheck.Use.other(name);
        }
    }

    /** Host and port of the base URL: where, without anything that could be secret. */
    private static String where(String baseUrl) {
        try {
            URI uri = new URI(Objects.requireNonNull(baseUrl));
            return uri.getHost() == null ? baseUrl : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (Exception e) {
            return String.valueOf(baseUrl);
        }
    }
}

package live.redcloud.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Red Cloud CORE API: OAuth client-credentials tokens, whoami, numbers, number search, sends with
 * idempotency, signed lifecycle webhooks with Red Cloud's retry schedule, simulated inbound messages, and fault
 * injection. Runs on the JDK's built-in HTTP server; embed it in tests or run it with {@link SandboxMain}.
 *
 * <pre>{@code
 * try (RedCloudSandbox sandbox = RedCloudSandbox.builder().deliveryWebhookUrl(hookUrl).retryScale(0.001).build().start()) {
 *     String base = sandbox.baseUrl(); // http://127.0.0.1:PORT
 *     ...
 *     assertThat(sandbox.admin().messages()).hasSize(1);
 * }
 * }</pre>
 *
 * Settings marked "runtime" may be changed while running, from any thread.
 */
public final class RedCloudSandbox implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "rc_test_client_123";
    public static final String DEFAULT_CLIENT_SECRET = "rc_secret_abc123";
    public static final String DEFAULT_SIGNING_SECRET = "whsec_sandbox_secret";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(3600);
    public static final Duration DEFAULT_EVENT_DELAY = Duration.ofMillis(200);

    /** Sends to this recipient are accepted, then go {@code message.queued} -> {@code message.failed}. */
    public static final String FAILURE_RECIPIENT = MessageLifecycle.FAILURE_RECIPIENT;

    /** The seed numbers. */
    public static final String NUMBER_SMS_MMS = "num_abc123";

    public static final String NUMBER_SMS_ONLY = "num_sms_only";
    public static final String NUMBER_NO_CAMPAIGN = "num_no_campaign";
    /** Exists, but belongs to another API client: sending from it is a 403. Not listed by {@code GET /api/core/numbers}. */
    public static final String NUMBER_OTHER_CLIENT = NumberRegistry.OTHER_CLIENT_NUMBER;

    private static final int SERVER_THREADS = 8;

    private final String host;
    private final int requestedPort;
    private final SandboxSettings settings;
    private final Ids ids;
    private final Faults faults;
    private final TokenStore tokens;
    private final NumberRegistry numbers;
    private final IdempotencyStore idempotency;
    private final SandboxActivity activity = new SandboxActivity();
    private final SandboxAdmin admin;
    private final EventFactory events;

    private HttpServer server;
    private ExecutorService serverExecutor;
    private ScheduledExecutorService scheduler;
    private ExecutorService clientExecutor;
    private WebhookDispatcher dispatcher;
    private volatile boolean running;
    private boolean closed;

    private RedCloudSandbox(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.settings = new SandboxSettings(b.clientId, b.clientSecret, b.clock);
        settings.deliveryWebhookUrl(b.deliveryWebhookUrl);
        settings.inboundWebhookUrl(b.inboundWebhookUrl);
        settings.signingSecret(b.signingSecret);
        settings.tokenLifetime(b.tokenLifetime);
        settings.retryScale(b.retryScale);
        settings.eventDelay(b.eventDelay);
        long seed = b.seed != null ? b.seed : new SecureRandom().nextLong();
        // Separate streams: ids never shift fault decisions, so a seeded fault scenario stays the same.
        this.ids = new Ids(seed ^ 0x5DEECE66DL);
        this.faults = new Faults(seed);
        faults.sendErrorRate(b.sendErrorRate)
                .sendRateLimitRate(b.sendRateLimitRate)
                .retryAfterSeconds(b.retryAfterSeconds)
                .dropAfterCommitRate(b.dropAfterCommitRate)
                .tokenErrorRate(b.tokenErrorRate);
        this.tokens = new TokenStore(b.clock, ids);
        this.numbers = new NumberRegistry(b.clientId);
        this.idempotency = new IdempotencyStore(b.clock);
        this.admin = new SandboxAdmin(activity, tokens, idempotency, settings, faults, numbers);
        this.events = new EventFactory(ids, b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving. Returns {@code this}.
     *
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized RedCloudSandbox start() {
        if (running || closed) {
            throw new IllegalStateException(closed ? "sandbox is closed" : "sandbox already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + host + ":" + requestedPort, e);
        }
        serverExecutor = Executors.newFixedThreadPool(SERVER_THREADS, daemon("redcloud-sandbox-http"));
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(2, daemon("redcloud-sandbox-scheduler"));
        stpe.setRemoveOnCancelPolicy(true);
        scheduler = stpe;
        clientExecutor = Executors.newFixedThreadPool(4, daemon("redcloud-sandbox-webhooks"));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(WebhookDispatcher.ATTEMPT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(clientExecutor)
                .build();
        dispatcher = new WebhookDispatcher(client, scheduler, settings, activity, faults);
        MessageLifecycle lifecycle = new MessageLifecycle(scheduler, settings, numbers, events, dispatcher, activity);
        MessageService messages =
                new MessageService(idempotency, new SendValidator(numbers), activity, lifecycle, ids, settings.clock);
        BearerAuth auth = new BearerAuth(tokens);
        NotFoundHandler notFound = new NotFoundHandler(ids);

        server.createContext("/", notFound);
        server.createContext(TokenHandler.PATH, new TokenHandler(settings, tokens, faults, notFound));
        server.createContext(
                "/api/core/",
                new CoreApiHandler(
                        Map.of(
                                "/api/core/whoami",
                                new CoreApiHandler.Route("GET", new WhoAmIRoute(auth, numbers, settings)),
                                "/api/core/numbers",
                                new CoreApiHandler.Route("GET", new ListNumbersRoute(auth, numbers)),
                                "/api/core/numbers/search",
                                new CoreApiHandler.Route("POST", new SearchNumbersRoute(auth, new NumberInventory())),
                                "/api/core/messages/send",
                                new CoreApiHandler.Route(
                                        "POST", new SendMessageRoute(auth, faults, messages, activity))),
                        ids));
        server.createContext("/sandbox/", new AdminHandler(this));
        server.setExecutor(serverExecutor);
        server.start();
        running = true;
        return this;
    }

    /** Stops serving and stops webhook delivery (pending retries are dropped). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        if (server == null) {
            return;
        }
        dispatcher.close();
        server.stop(0);
        serverExecutor.shutdownNow();
        scheduler.shutdownNow();
        clientExecutor.shutdownNow();
    }

    public boolean isRunning() {
        return running;
    }

    /** The bound port (the real one when built with port 0). */
    public int port() {
        requireRunning();
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} (the host it was bound to; a wildcard host gives 127.0.0.1). No trailing slash. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
    }

    /** {@code baseUrl() + "/api/auth/token"}. */
    public String tokenUrl() {
        return baseUrl() + TokenHandler.PATH;
    }

    public String clientId() {
        return settings.clientId;
    }

    public String clientSecret() {
        return settings.clientSecret;
    }

    /** Runtime. The account-level URL for lifecycle events; {@code null} unsets it. */
    public RedCloudSandbox deliveryWebhookUrl(String url) {
        settings.deliveryWebhookUrl(url);
        return this;
    }

    public String deliveryWebhookUrl() {
        return settings.deliveryWebhookUrl();
    }

    /** Runtime. The account-level URL for {@code message.inbound}; {@code null} unsets it. */
    public RedCloudSandbox inboundWebhookUrl(String url) {
        settings.inboundWebhookUrl(url);
        return this;
    }

    public String inboundWebhookUrl() {
        return settings.inboundWebhookUrl();
    }

    /** Runtime. The webhook signing secret; {@code null} turns signing off (no signature headers are sent). */
    public RedCloudSandbox signingSecret(String secret) {
        settings.signingSecret(secret);
        return this;
    }

    public boolean signingEnabled() {
        return settings.signingSecret() != null;
    }

    /** Runtime. Lifetime of tokens issued from now on ({@code expires_in}). */
    public RedCloudSandbox tokenLifetime(Duration lifetime) {
        settings.tokenLifetime(lifetime);
        return this;
    }

    public Duration tokenLifetime() {
        return settings.tokenLifetime();
    }

    /** Runtime. Multiplier of the webhook retry delays (1.0 = 1, 5, 15, 60 minutes; 0.001 = 60, 300, 900, 3600 ms). */
    public RedCloudSandbox retryScale(double scale) {
        settings.retryScale(scale);
        return this;
    }

    public double retryScale() {
        return settings.retryScale();
    }

    /** Runtime. Delay before each lifecycle event of a message (queued, sent, delivery/failed). */
    public RedCloudSandbox eventDelay(Duration delay) {
        settings.eventDelay(delay);
        return this;
    }

    public Duration eventDelay() {
        return settings.eventDelay();
    }

    /**
     * A number by numberId, e.g. to set its per-number webhook overrides:
     * {@code sandbox.number("num_abc123").webhookDeliveryOverride(url)}. Works before and after start.
     *
     * @throws IllegalArgumentException for an unknown numberId
     */
    public SandboxNumber number(String numberId) {
        return numbers.find(numberId).orElseThrow(() -> new IllegalArgumentException("unknown numberId: " + numberId));
    }

    /** All numbers, including {@link #NUMBER_OTHER_CLIENT}. */
    public List<SandboxNumber> numbers() {
        return numbers.all();
    }

    /** Runtime fault injection. */
    public Faults faults() {
        return faults;
    }

    /** What the sandbox did: tokens, messages, idempotency, webhook attempts. */
    public SandboxAdmin admin() {
        return admin;
    }

    /** Revokes every issued token: the next CORE call with any of them is a 401. Returns how many were live. */
    public int revokeAllTokens() {
        return tokens.revokeAll();
    }

    /** Revokes one token; true if it was known. */
    public boolean revokeToken(String accessToken) {
        return tokens.revoke(accessToken);
    }

    /** Issues a token for the configured client without an HTTP call (counts as issued). */
    public String issueToken() {
        return tokens.issue(settings.clientId, settings.tokenLifetime());
    }

    /**
     * Simulates a message from a handset to one of the client's numbers: a {@code message.inbound} event goes to the
     * number's {@code webhookInboundOverride}, else the account-level inbound URL (signed, retried like lifecycle events).
     *
     * @param from an E.164 phone number
     * @param to   a numberId of the client (e.g. {@code num_abc123}) or its E.164 number
     * @throws IllegalArgumentException when {@code from} is not E.164 or {@code to} is not a number of this client
     * @throws IllegalStateException when not running
     */
    public InboundMessage simulateInbound(String from, String to, String text) {
        requireRunning();
        if (from == null || !SendValidator.E164.matcher(from).matches()) {
            throw new IllegalArgumentException("from must be an E.164 phone number, was " + from);
        }
        SandboxNumber number = numbers.find(to == null ? "" : to)
                .or(() -> numbers.findByE164(to == null ? "" : to))
                .filter(n -> n.ownerClientId().equals(settings.clientId))
                .orElseThrow(() -> new IllegalArgumentException(
                        "to must be a numberId or E.164 number of " + settings.clientId + ", was " + to));
        InboundMessage message = new InboundMessage(
                ids.next("msg_"),
                ids.next("evt_"),
                from,
                number.e164(),
                number.numberId(),
                text == null ? "" : text,
                settings.clock.instant().truncatedTo(ChronoUnit.MILLIS));
        activity.inboundReceived(message);
        String override = number.webhookInboundOverride();
        dispatcher.enqueue(events.inbound(message, override != null ? override : settings.inboundWebhookUrl()));
        return message;
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("sandbox is not running: call start()");
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds a {@link RedCloudSandbox}; every setting has a default (listed in the module README). */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private String signingSecret = DEFAULT_SIGNING_SECRET;
        private String deliveryWebhookUrl;
        private String inboundWebhookUrl;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private double retryScale = 1.0;
        private Duration eventDelay = DEFAULT_EVENT_DELAY;
        private Long seed;
        private Clock clock = Clock.systemUTC();
        private double sendErrorRate;
        private double sendRateLimitRate;
        private int retryAfterSeconds = 1;
        private double dropAfterCommitRate;
        private double tokenErrorRate;

        private Builder() {}

        /** Interface to bind; default {@code 127.0.0.1} (loopback only). */
        public Builder host(String host) {
            this.host = requireText(host, "host");
            return this;
        }

        /** Port to bind; default 0 = a free port (read it back with {@link RedCloudSandbox#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = requireText(clientId, "clientId");
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = requireText(clientSecret, "clientSecret");
            return this;
        }

        /** Webhook signing secret; default {@value RedCloudSandbox#DEFAULT_SIGNING_SECRET}; {@code null} = unsigned. */
        public Builder signingSecret(String signingSecret) {
            this.signingSecret = signingSecret;
            return this;
        }

        /** Deliver webhooks without signature headers. */
        public Builder noSigning() {
            this.signingSecret = null;
            return this;
        }

        public Builder deliveryWebhookUrl(String url) {
            this.deliveryWebhookUrl = WebhookUrls.checked(url);
            return this;
        }

        public Builder inboundWebhookUrl(String url) {
            this.inboundWebhookUrl = WebhookUrls.checked(url);
            return this;
        }

        /** {@code expires_in} of issued tokens; default 3600 s. Tokens really stop working afterwards. */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        /** Webhook retry delay multiplier; default 1.0 (1, 5, 15, 60 minutes). */
        public Builder retryScale(double scale) {
            this.retryScale = scale;
            return this;
        }

        /** Delay before each lifecycle event; default 200 ms. */
        public Builder eventDelay(Duration delay) {
            this.eventDelay = delay;
            return this;
        }

        /** Seed of the fault draws and generated ids; default random. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The sandbox's "now" for token expiry, idempotency retention and timestamps; default the system UTC clock.
         * Use {@link MutableClock} to expire tokens without waiting.
         */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sendErrorRate(double rate) {
            this.sendErrorRate = rate;
            return this;
        }

        public Builder sendRateLimitRate(double rate) {
            this.sendRateLimitRate = rate;
            return this;
        }

        public Builder retryAfterSeconds(int seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        public Builder dropAfterCommitRate(double rate) {
            this.dropAfterCommitRate = rate;
            return this;
        }

        public Builder tokenErrorRate(double rate) {
            this.tokenErrorRate = rate;
            return this;
        }

        /** Builds a sandbox that is not yet started (numbers and faults may be configured before {@code start()}). */
        public RedCloudSandbox build() {
            return new RedCloudSandbox(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}

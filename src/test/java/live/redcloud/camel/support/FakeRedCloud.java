package live.redcloud.camel.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.StartupCheckMode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A scriptable Red Cloud for MockWebServer: issues real, revocable tokens, checks bearer tokens on /api/core/*, answers
 * with documented shapes by default, and lets a test queue any response per path. Every request is recorded.
 */
public final class FakeRedCloud extends Dispatcher {

    public static final String CLIENT_ID = "rc_test_client_123";
    public static final String CLIENT_SECRET = "rc_secret_abc123";
    public static final String TOKEN_PATH = "/api/auth/token";
    public static final String SEND_PATH = "/api/core/messages/send";

    private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final Map<String, String[]> sendsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger answersToDrop = new AtomicInteger();
    public static final String DEFAULT_WHOAMI =
            "{\"apiClientId\":\"" + CLIENT_ID + "\",\"apiClientName\":\"Test client\","
                    + "\"apiClientStatus\":\"ACTIVE\",\"capabilities\":[\"numbers:read\",\"numbers:search\"],"
                    + "\"assignedNumbers\":{\"total\":1,\"smsEnabledCount\":1,\"mmsEnabledCount\":1},"
                    + "\"inboundWebhookConfigured\":true,\"deliveryWebhookConfigured\":false,\"tier\":\"gold\"}";
    public static final String DEFAULT_NUMBERS = "{\"numbers\":[{\"numberId\":\"num_abc123\",\"e164\":\"+15551234567\","
            + "\"status\":\"ACTIVE\",\"campaignRegId\":\"A1B2C3\",\"smsEnabled\":true,\"mmsEnabled\":true,"
            + "\"webhookInboundOverride\":\"https://example.com/webhooks/inbound\","
            + "\"webhookDeliveryOverride\":null,\"label\":\"main\"}]}";

    private volatile String whoamiBody = DEFAULT_WHOAMI;
    private volatile String numbersBody = DEFAULT_NUMBERS;
    private volatile long expiresIn = 3600;
    private volatile long tokenDelayMillis;
    private volatile long sendDelayMillis;

    private volatile String dropOnceContaining;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        Deque<MockResponse> queue = scripted.get(path);
        MockResponse next = queue == null ? null : queue.poll();
        if (next != null) {
            return next;
        }
        if (TOKEN_PATH.equals(path)) {
            return issueToken(request);
        }
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
            return coreError(401, "UNAUTHORIZED", "Invalid or missing bearer token", "req_auth_001");
        }
        switch (path) {
            case "/api/core/whoami":
                return json(200, whoamiBody);
            case "/api/core/numbers":
                return json(200, numbersBody);
            case "/api/core/numbers/search":
                return json(
                        200,
                        "{\"groups\":[{\"rateCenter\":\"AUSTIN\",\"city\":\"Austin\",\"state\":\"TX\","
                                + "\"npa\":\"555\",\"nxx\":\"123\",\"numbers\":[{\"e164\":\"+15551230001\"}]}],"
                                + "\"nextPage\":null}");
            case SEND_PATH:
                return accepted(request);
            default:
                return coreError(404, "NOT_FOUND", "No route " + path, "req_404");
        }
    }

    private MockResponse issueToken(RecordedRequest request) {
        String token = "rc_tok_" + tokensIssued.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
        validTokens.add(token);
        MockResponse.Builder builder = new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
                        + "}");
        if (tokenDelayMillis > 0) {
            builder.headersDelay(tokenDelayMillis, TimeUnit.MILLISECONDS);
        }
        return builder.build();
    }

    /**
     * Red Cloud's idempotency rule: the first request with a key creates the messages, the same key with the same
     * payload gets the stored answer again, the same key with another payload a 409.
     */
    private MockResponse accepted(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        String key = request.getHeaders().get("Idempotency-Key");
        if (key == null) {
            return coreError(400, "INVALID_REQUEST", "Idempotency-Key header is required", "req_send_001");
        }
        String[] stored = sendsByKey.computeIfAbsent(key, k -> new String[] {body, newMessages(body)});
        if (!stored[0].equals(body)) {
            return coreError(409, "CONFLICT", "Idempotency-Key reused with a different payload", "req_409");
        }
        MockResponse.Builder answer = new MockResponse.Builder()
                .code(202)
                .setHeader("Content-Type", "application/json")
                .body(stored[1]);
        if (sendDelayMillis > 0) {
            answer.headersDelay(sendDelayMillis, TimeUnit.MILLISECONDS);
        }
        boolean dropMarked = false;
        synchronized (this) {
            if (dropOnceContaining != null && body.contains(dropOnceContaining)) {
                dropOnceContaining = null;
                dropMarked = true;
            }
        }
        if (dropMarked || answersToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // committed, but the answer never reaches the client
            answer.onResponseStart(new mockwebserver3.SocketEffect.CloseSocket());
        }
        return answer.build();
    }

    private String newMessages(String body) {
        // one result per recipient found in the JSON "to" array; good enough for a scripted fake
        int start = body.indexOf("\"to\":[");
        int end = start < 0 ? -1 : body.indexOf(']', start);
        String results = "";
        if (start >= 0 && end > start) {
            results = java.util.Arrays.stream(body.substring(start + 6, end).split(","))
                    .map(s -> s.trim().replace("\"", ""))
                    .filter(s -> !s.isEmpty())
                    .map(to -> "{\"to\":\"" + to + "\",\"messageId\":\"msg_" + messageIds.incrementAndGet()
                            + "\",\"status\":\"QUEUED\"}")
                    .collect(Collectors.joining(","));
        }
        return "{\"results\":[" + results + "],\"errors\":[]}";
    }

    /** A MockWebServer on a free port answering with this fake. */
    public MockWebServer start() throws java.io.IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(this);
        server.start();
        return server;
    }

    /**
     * A component pointed at {@code server} with this fake's credentials, fast retries, a default sendFrom and
     * startupCheck=off (its calls at start would consume scripted answers and add to request counts).
     */
    public RedCloudComponent component(MockWebServer server) {
        RedCloudComponent component = new RedCloudComponent();
        component.getConfiguration().setBaseUrl("http://127.0.0.1:" + server.getPort());
        component.getConfiguration().setClientId(CLIENT_ID);
        component.getConfiguration().setClientSecret(CLIENT_SECRET);
        component.getConfiguration().setRetryBackoff(10);
        component.getConfiguration().setRetryMaxBackoff(2000);
        component.getConfiguration().setSendFrom("num_abc123");
        // the suite counts and scripts requests: only the start-up check's own tests turn it on
        component.getConfiguration().setStartupCheck(StartupCheckMode.off);
        return component;
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse coreError(int code, String errorCode, String message, String requestId) {
        return json(
                code,
                "{\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"" + message
                        + "\",\"details\":{}},\"requestId\":\"" + requestId + "\"}");
    }

    /** Answers the next request on {@code path} with {@code response}, before the defaults. */
    public FakeRedCloud script(String path, MockResponse response) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(response);
        return this;
    }

    /** Drops the answers still scripted for {@code path}: its requests get the defaults again. */
    public FakeRedCloud unscript(String path) {
        scripted.remove(path);
        return this;
    }

    /** Replaces the default answer of every later whoami (a scripted answer still comes first). */
    public FakeRedCloud whoami(String json) {
        this.whoamiBody = json;
        return this;
    }

    /** Replaces the default answer of every later numbers call, the {@code {"numbers":[...]}} envelope included. */
    public FakeRedCloud numbers(String json) {
        this.numbersBody = json;
        return this;
    }

    public FakeRedCloud expiresIn(long seconds) {
        this.expiresIn = seconds;
        return this;
    }

    /** Delays every default send answer (after the message was created) by {@code millis}. */
    public FakeRedCloud sendDelay(long millis) {
        this.sendDelayMillis = millis;
        return this;
    }

    /** The next {@code count} sends are committed, then their connection is closed before the answer. */
    public FakeRedCloud dropAnswersAfterCommit(int count) {
        answersToDrop.set(count);
        return this;
    }

    /** Sends that created messages: distinct Idempotency-Keys accepted (replays not counted). */
    /** The next answer to a send whose body contains {@code marker} is lost after the messages were created. */
    public FakeRedCloud dropFirstAnswerContaining(String marker) {
        this.dropOnceContaining = marker;
        return this;
    }

    public int messagesCreated() {
        return sendsByKey.size();
    }

    /** Whether a send with this key created messages. */
    public boolean accepted(String idempotencyKey) {
        return sendsByKey.containsKey(idempotencyKey);
    }

    public FakeRedCloud tokenDelay(long millis) {
        this.tokenDelayMillis = millis;
        return this;
    }

    /** Makes every token issued so far invalid, as Red Cloud does when a token expires early or is revoked. */
    public void revokeTokens() {
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public Set<String> issuedTokenValues() {
        return Set.copyOf(validTokens);
    }

    public List<RecordedRequest> requests(String path) {
        return requests.stream()
                .filter(r -> path.equals(r.getUrl().encodedPath()))
                .collect(Collectors.toList());
    }

    public List<RecordedRequest> allRequests() {
        return List.copyOf(requests);
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}

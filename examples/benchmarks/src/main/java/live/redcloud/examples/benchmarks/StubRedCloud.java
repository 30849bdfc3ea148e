package live.redcloud.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fast stub of the two Red Cloud calls a send needs, on 127.0.0.1 only, so that the server is never what limits the
 * clients being compared. It runs on one Vert.x event loop (no thread per request, no blocking) and answers with a
 * small constant body. An optional fixed latency models a network round trip: the answer is written from a Vert.x
 * timer, so no server thread waits meanwhile.
 *
 * <ul>
 * <li>{@code POST /api/auth/token}: form {@code grant_type=client_credentials}, HTTP Basic {@code clientId:secret}
 * (any client id, the secret {@link #CLIENT_SECRET}) -> 200 {@code {"access_token","token_type":"bearer",
 * "expires_in":3600}}. Token requests are counted per client id.</li>
 * <li>{@code POST /api/core/messages/send}: requires a bearer token this stub issued, a non-blank
 * {@code Idempotency-Key} and a JSON content type -> 202 {@code {"results":[{"to","messageId":"msg_N","status":
 * "QUEUED"}],"errors":[]}}; 401, 400 or 415 otherwise (counted as rejected).</li>
 * </ul>
 *
 * With {@link #failFirstAttemptOfMarkedSends()} (the redelivery measurement), a send whose body holds
 * {@link #FAIL_ONCE_MARKER} followed by digits is answered 500 the first time that marker is seen, and accepted like
 * any other send after that.
 *
 * <p>In {@linkplain #strict strict} mode (the smoke test) the send body is parsed and must have the documented shape
 * ({@code sendFrom}, non-empty {@code to[]}, {@code messageType}, {@code text}), and every Idempotency-Key must be new.
 */
public final class StubRedCloud implements AutoCloseable {

    public static final String CLIENT_SECRET = "bench-secret";
    public static final String TOKEN_PATH = "/api/auth/token";
    public static final String SEND_PATH = "/api/core/messages/send";
    /** Followed by digits in a send's text: see {@link #failFirstAttemptOfMarkedSends()}. */
    public static final String FAIL_ONCE_MARKER = "bench-fail-once-";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long latencyMillis;
    private final boolean strict;
    private final int eventLoops;
    private final Map<String, LongAdder> tokenRequests = new ConcurrentHashMap<>();
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acceptedByClient = new ConcurrentHashMap<>();
    private final Set<String> seenKeys = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicReference<String> firstRejection = new AtomicReference<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final LongAdder markedRetries = new LongAdder();
    private volatile boolean failMarkedOnce;
    private Vertx vertx;
    private HttpServer server;

    private StubRedCloud(long latencyMillis, boolean strict, int eventLoops) {
        this.latencyMillis = latencyMillis;
        this.strict = strict;
        this.eventLoops = eventLoops;
    }

    /** A stub answering after {@code latencyMillis} (0: at once), started on a free port of 127.0.0.1. */
    public static StubRedCloud start(long latencyMillis, boolean strict) {
        return start(latencyMillis, strict, 1);
    }

    public static StubRedCloud start(long latencyMillis, boolean strict, int eventLoops) {
        StubRedCloud stub = new StubRedCloud(latencyMillis, strict, eventLoops);
        stub.doStart();
        return stub;
    }

    private void doStart() {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setTcpNoDelay(true)
                .setIdleTimeout(60));
        server.requestHandler(this::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The stub Red Cloud could not start: " + e, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    public String sendUrl() {
        return baseUrl() + SEND_PATH;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    /** Token requests this stub answered (successfully or not) for the client id. */
    public long tokenRequests(String clientId) {
        LongAdder n = tokenRequests.get(clientId);
        return n == null ? 0 : n.sum();
    }

    public long acceptedSends() {
        return accepted.sum();
    }

    /** Sends accepted (202) with a token issued to the client id. */
    public long acceptedSends(String clientId) {
        LongAdder n = acceptedByClient.get(clientId);
        return n == null ? 0 : n.sum();
    }

    public long rejectedRequests() {
        return rejected.sum();
    }

    /** Why the first request was rejected, or {@code null}. */
    public String firstRejection() {
        return firstRejection.get();
    }

    /**
     * From now on, answer the first attempt of each marked send (its body holds {@link #FAIL_ONCE_MARKER} and digits)
     * with 500, and accept its later attempts. Off by default: then no body is searched for the marker.
     */
    public void failFirstAttemptOfMarkedSends() {
        failMarkedOnce = true;
    }

    /** The marker for a text: the send with it fails once. */
    public static String failOnceMarker(int id) {
        return FAIL_ONCE_MARKER + id;
    }

    /** Marked sends whose first attempt was answered 500. */
    public int firstAttemptsFailed() {
        return failedOnce.size();
    }

    /** Later attempts of marked sends (answered like any other send). */
    public long markedRetries() {
        return markedRetries.sum();
    }

    /** Names of the threads this stub runs on: their allocations are the server's, not the client's. */
    public static boolean isStubThread(String threadName) {
        return threadName.startsWith("vert.x-") || threadName.startsWith("vertx-");
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            reject(request, 405, "method " + request.method());
            return;
        }
        String path = request.path();
        if (SEND_PATH.equals(path)) {
            request.body().onSuccess(body -> send(request, body)).onFailure(e -> reject(request, 400, e.toString()));
        } else if (TOKEN_PATH.equals(path)) {
            request.body().onSuccess(body -> token(request, body)).onFailure(e -> reject(request, 400, e.toString()));
        } else {
            reject(request, 404, "path " + path);
        }
    }

    private void token(HttpServerRequest request, Buffer body) {
        String clientId = basicUser(request.getHeader("Authorization"));
        tokenRequests
                .computeIfAbsent(clientId == null ? "" : clientId, k -> new LongAdder())
                .increment();
        if (clientId == null) {
            reject(
                    request,
                    401,
                    "token request without valid Basic credentials",
                    "{\"error\":\"invalid_client\",\"error_description\":\"bad client credentials\"}");
            return;
        }
        if (!body.toString(StandardCharsets.UTF_8).contains("grant_type=client_credentials")) {
            reject(
                    request,
                    400,
                    "token request without grant_type=client_credentials",
                    "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String token = "tok-" + clientId + "-" + messageIds.incrementAndGet();
        issuedTokens.put(token, clientId);
        respond(request, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
    }

    private void send(HttpServerRequest request, Buffer body) {
        String authorization = request.getHeader("Authorization");
        String clientId = authorization == null || !authorization.startsWith("Bearer ")
                ? null
                : issuedTokens.get(authorization.substring(7));
        if (clientId == null) {
            reject(
                    request,
                    401,
                    "send without a bearer token issued here",
                    "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid token\"}}");
            return;
        }
        String key = request.getHeader("Idempotency-Key");
        if (key == null || key.isBlank()) {
            reject(request, 400, "send without Idempotency-Key");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            reject(request, 415, "send with Content-Type " + contentType);
            return;
        }
        if (body.length() == 0 || body.getByte(0) != '{') {
            reject(request, 400, "send body is not a JSON object");
            return;
        }
        if (failMarkedOnce) {
            String marker = marker(body);
            if (marker != null) {
                if (failedOnce.add(marker)) {
                    respond(
                            request,
                            500,
                            "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"first attempt of a marked send\"}}");
                    return;
                }
                markedRetries.increment();
            }
        }
        String to = Payload.TO;
        if (strict) {
            String problem = checkShape(body);
            if (problem == null && !seenKeys.add(key)) {
                problem = "Idempotency-Key used twice: " + key;
            }
            if (problem != null) {
                reject(request, 400, problem);
                return;
            }
        }
        accepted.increment();
        acceptedByClient.computeIfAbsent(clientId, k -> new LongAdder()).increment();
        respond(
                request,
                202,
                "{\"results\":[{\"to\":\"" + to + "\",\"messageId\":\"msg_" + messageIds.incrementAndGet()
                        + "\",\"status\":\"QUEUED\"}],\"errors\":[]}");
    }

    private static String marker(Buffer body) {
        String s = body.toString(StandardCharsets.UTF_8);
        int at = s.indexOf(FAIL_ONCE_MARKER);
        if (at < 0) {
            return null;
        }
        int end = at + FAIL_ONCE_MARKER.length();
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return s.substring(at, end);
    }

    private static String checkShape(Buffer body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body.getBytes());
        } catch (Exception e) {
            return "send body is not JSON: " + e.getMessage();
        }
        if (!root.path("sendFrom").isTextual()
                || !Payload.SEND_FROM.equals(root.path("sendFrom").asText())) {
            return "sendFrom missing or wrong: " + root;
        }
        JsonNode to = root.path("to");
        if (!to.isArray() || to.size() != 1 || !Payload.TO.equals(to.get(0).asText())) {
            return "to[] missing or wrong: " + root;
        }
        if (!Payload.MESSAGE_TYPE.equals(root.path("messageType").asText())) {
            return "messageType missing or wrong: " + root;
        }
        if (!Payload.TEXT.equals(root.path("text").asText())) {
            return "text missing or wrong: " + root;
        }
        return null;
    }

    private static String basicUser(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String pair;
        try {
            pair = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon < 1 || !CLIENT_SECRET.equals(pair.substring(colon + 1))) {
            return null;
        }
        return pair.substring(0, colon);
    }

    private void reject(HttpServerRequest request, int status, String why) {
        reject(request, status, why, "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"rejected by the stub\"}}");
    }

    private void reject(HttpServerRequest request, int status, String why, String body) {
        rejected.increment();
        firstRejection.compareAndSet(null, status + " " + request.method() + " " + request.path() + ": " + why);
        respond(request, status, body);
    }

    private void respond(HttpServerRequest request, int status, String body) {
        if (latencyMillis <= 0) {
            write(request, status, body);
        } else {
            vertx.setTimer(latencyMillis, t -> write(request, status, body));
        }
    }

    private static void write(HttpServerRequest request, int status, String body) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}

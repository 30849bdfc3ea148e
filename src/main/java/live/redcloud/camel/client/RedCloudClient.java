package live.redcloud.camel.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import live.redcloud.camel.auth.AccessToken;
import live.redcloud.camel.auth.TokenManager;
import live.redcloud.camel.auth.TokenRequest;
import live.redcloud.camel.model.NumberList;
import live.redcloud.camel.model.NumberSearchResult;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudNumber;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.model.WhoAmI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel-free client for Red Cloud's CORE API. It owns no threads or pools of its own: the transport, token manager
 * and timer are shared, and belong to whoever built them (the Camel component).
 *
 * <p>Every call gets a bearer token from the {@link TokenManager}; a 401 evicts exactly that token and the call is sent
 * once more with a new one. Failures that {@link RetryPolicy} deems safe are retried with the same bytes.
 */
public final class RedCloudClient {

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudClient.class);
    private static final String JSON = "application/json";

    private final URI baseUrl;
    private final TokenRequest tokenRequest;
    private final Duration tokenRefreshMargin;
    private final TokenManager tokens;
    private final TokenEndpoint tokenEndpoint;
    private final HttpTransport transport;
    private final RetryingCaller retrying;
    private final ObjectMapper mapper;
    private final ErrorDecoder errors;

    public RedCloudClient(URI baseUrl, TokenRequest tokenRequest, Duration tokenRefreshMargin, TokenManager tokens,
            HttpTransport transport, RetryPolicy retryPolicy, ScheduledExecutorService scheduler, ObjectMapper mapper) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.tokenRequest = Objects.requireNonNull(tokenRequest, "tokenRequest");
        this.tokenRefreshMargin = tokenRefreshMargin;
        this.tokens = tokens;
        this.transport = transport;
        this.tokenEndpoint = new TokenEndpoint(transport, retryPolicy, scheduler, mapper);
        this.retrying = new RetryingCaller(retryPolicy, scheduler);
        this.mapper = mapper;
        this.errors = new ErrorDecoder(mapper);
    }

    /** {@code GET /api/core/whoami}. */
    public CompletableFuture<ApiResult<WhoAmI>> whoami() {
        return call("whoami", get("/api/core/whoami"), mapper.constructType(WhoAmI.class));
    }

    /** {@code GET /api/core/numbers}, unwrapped from its {@code numbers} envelope. */
    public CompletableFuture<ApiResult<List<RedCloudNumber>>> numbers() {
        return this.<NumberList>call("numbers", get("/api/core/numbers"), mapper.constructType(NumberList.class))
                .thenApply(r -> new ApiResult<>(r.status(), r.body().getNumbers(), r.requestId()));
    }

    /** {@code POST /api/core/numbers/search} with the criteria as JSON (a {@code NumberSearchCriteria} or a map). */
    public CompletableFuture<ApiResult<NumberSearchResult>> searchNumbers(Object criteria) {
        return call("search-numbers", post("/api/core/numbers/search", json(criteria), Map.of()),
                mapper.constructType(NumberSearchResult.class));
    }

    /**
     * {@code POST /api/core/messages/send}. The payload is sent as given, byte for byte, on every attempt, with the
     * same {@code Idempotency-Key}.
     */
    public CompletableFuture<ApiResult<SendMessageResponse>> send(byte[] payload, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("An Idempotency-Key is required for every Red Cloud send");
        }
        return call("send", post("/api/core/messages/send", payload, Map.of("Idempotency-Key", idempotencyKey)),
                mapper.constructType(SendMessageResponse.class));
    }

    /** Obtains a token (from the cache if valid): what a health check needs to know. */
    public CompletableFuture<AccessToken> token() {
        return tokens.token(tokenRequest, tokenRefreshMargin, tokenEndpoint);
    }

    private <T> CompletableFuture<ApiResult<T>> call(String operation, HttpRequestSpec spec, JavaType type) {
        AtomicBoolean reauthenticated = new AtomicBoolean();
        return retrying.call("Red Cloud " + operation, () -> authorized(spec, reauthenticated))
                .thenApply(result -> decode(operation, result, type));
    }

    private CompletableFuture<HttpResult> authorized(HttpRequestSpec spec, AtomicBoolean reauthenticated) {
        return tokens.token(tokenRequest, tokenRefreshMargin, tokenEndpoint).thenCompose(token -> withBearer(spec, token)
                .thenCompose(result -> {
                    // Red Cloud: on UNAUTHORIZED get a new token and retry the call once
                    if (result.status() == 401 && reauthenticated.compareAndSet(false, true)) {
                        LOG.debug("Red Cloud refused the token for {}; fetching a new one and retrying once", spec);
                        tokens.invalidate(tokenRequest, token);
                        return tokens.token(tokenRequest, tokenRefreshMargin, tokenEndpoint).thenCompose(fresh -> withBearer(spec, fresh));
                    }
                    return CompletableFuture.completedFuture(result);
                }));
    }

    private CompletableFuture<HttpResult> withBearer(HttpRequestSpec spec, AccessToken token) {
        return transport.execute(spec.withHeader("Authorization", "Bearer " + token.value()));
    }

    private <T> ApiResult<T> decode(String operation, HttpResult result, JavaType type) {
        if (!result.isSuccess()) {
            RedCloudApiException error = errors.coreError(operation, result);
            LOG.debug("Red Cloud {} answered HTTP {} {} (requestId {})", operation, result.status(),
                    error.getErrorCode(), error.getRequestId());
            throw error;
        }
        try {
            JsonNode root = mapper.readTree(result.body());
            T body = mapper.convertValue(root, type);
            String requestId = result.requestIdHeader();
            if (requestId == null && root != null && root.hasNonNull("requestId")) {
                requestId = root.get("requestId").asText();
            }
            return new ApiResult<>(result.status(), body, requestId);
        } catch (IOException | IllegalArgumentException e) {
            throw new RedCloudApiException(operation, result.status(), null, "response is not the expected JSON",
                    null, result.requestIdHeader(), result.excerpt(ErrorDecoder.EXCERPT_LENGTH));
        }
    }

    private HttpRequestSpec get(String path) {
        return new HttpRequestSpec("GET", URI.create(baseUrl + path), null, null, Map.of("Accept", JSON));
    }

    private HttpRequestSpec post(String path, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", JSON);
        headers.putAll(extraHeaders);
        return new HttpRequestSpec("POST", URI.create(baseUrl + path), JSON, body, headers);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: " + e, e);
        }
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}

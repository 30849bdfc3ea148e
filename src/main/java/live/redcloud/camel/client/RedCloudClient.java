package live.redcloud.camel.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import live.redcloud.camel.auth.AccessToken;
import live.redcloud.camel.auth.TokenManager;
import live.redcloud.camel.auth.TokenRequest;
import live.redcloud.camel.model.ExtensibleModel;
import live.redcloud.camel.model.NumberList;
import live.redcloud.camel.model.NumberSearchResult;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudNumber;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.secret.Redactor;
import org.apache.hc.core5.http.ContentType;
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
    private static final ContentType JSON_CONTENT = ContentType.create(JSON);
    private static final Map<String, String> ACCEPT_JSON = Map.of("Accept", JSON);

    private final HttpRequestSpec whoamiRequest;
    private final HttpRequestSpec numbersRequest;
    private final URI searchUri;
    private final URI sendUri;
    private final TokenRequest tokenRequest;
    private final Duration tokenRefreshMargin;
    private final TokenManager tokens;
    private final TokenEndpoint tokenEndpoint;
    private final HttpTransport transport;
    private final AttemptLimits limits;
    private final RetryingCaller retrying;
    private final ObjectMapper mapper;
    private final ErrorDecoder errors;

    public RedCloudClient(
            URI baseUrl,
            TokenRequest tokenRequest,
            Duration tokenRefreshMargin,
            TokenManager tokens,
            HttpTransport transport,
            AttemptLimits limits,
            RetryPolicy retryPolicy,
            ScheduledExecutorService scheduler,
            ObjectMapper mapper,
            Redactor redactor) {
        String base =
                stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl").toString());
        // built once: every call to the same operation reuses them
        this.whoamiRequest = new HttpRequestSpec("GET", URI.create(base + "/api/core/whoami"), null, null, ACCEPT_JSON);
        this.numbersRequest =
                new HttpRequestSpec("GET", URI.create(base + "/api/core/numbers"), null, null, ACCEPT_JSON);
        this.searchUri = URI.create(base + "/api/core/numbers/search");
        this.sendUri = URI.create(base + "/api/core/messages/send");
        this.tokenRequest = Objects.requireNonNull(tokenRequest, "tokenRequest");
        this.tokenRefreshMargin = tokenRefreshMargin;
        this.tokens = tokens;
        this.transport = transport;
        this.limits = limits;
        this.tokenEndpoint = new TokenEndpoint(transport, limits, retryPolicy, scheduler, mapper, redactor);
        this.retrying = new RetryingCaller(retryPolicy, scheduler, redactor);
        this.mapper = mapper;
        this.errors = new ErrorDecoder(mapper, redactor);
    }

    /** {@code GET /api/core/whoami}. */
    public CompletableFuture<ApiResult<WhoAmI>> whoami() {
        return call("whoami", whoamiRequest, null, mapper.constructType(WhoAmI.class));
    }

    /** {@code GET /api/core/numbers}, unwrapped from its {@code numbers} envelope. */
    public CompletableFuture<ApiResult<List<RedCloudNumber>>> numbers() {
        return this.<NumberList>call("numbers", numbersRequest, null, mapper.constructType(NumberList.class))
                .thenApply(r -> new ApiResult<>(r.status(), r.body().getNumbers(), r.requestId()));
    }

    /** {@code POST /api/core/numbers/search} with the criteria as JSON (a {@code NumberSearchCriteria} or a map). */
    public CompletableFuture<ApiResult<NumberSearchResult>> searchNumbers(Object criteria) {
        return call(
                "search-numbers",
                post(searchUri, json(criteria), null),
                null,
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
        return call(
                "send",
                post(sendUri, payload, idempotencyKey),
                idempotencyKey,
                mapper.constructType(SendMessageResponse.class));
    }

    /** The cached token if it has not expired, without asking Red Cloud (not even for a refresh); else {@code null}. */
    public AccessToken validCachedToken() {
        return tokens.validToken(tokenRequest);
    }

    /** Obtains a token (from the cache if valid): what a health check needs to know. */
    public CompletableFuture<AccessToken> token() {
        return tokens.token(tokenRequest, tokenRefreshMargin, tokenEndpoint);
    }

    private <T> CompletableFuture<ApiResult<T>> call(
            String operation, HttpRequestSpec spec, String idempotencyKey, JavaType type) {
        AtomicBoolean reauthenticated = new AtomicBoolean();
        return retrying.call(operation, spec.uri(), idempotencyKey, () -> authorized(spec, reauthenticated))
                .thenApply(result -> decode(operation, result, type));
    }

    private CompletableFuture<HttpResult> authorized(HttpRequestSpec spec, AtomicBoolean reauthenticated) {
        return tokens.token(tokenRequest, tokenRefreshMargin, tokenEndpoint)
                .thenCompose(token -> withBearer(spec, token).thenCompose(result -> {
                    // Red Cloud: on UNAUTHORIZED get a new token and retry the call once
                    if (result.status() == 401 && reauthenticated.compareAndSet(false, true)) {
                        LOG.debug("Red Cloud refused the token for {}; fetching a new one and retrying once", spec);
                        tokens.invalidate(tokenRequest, token);
                        return tokens.token(tokenRequest, tokenRefreshMargin, tokenEndpoint)
                                .thenCompose(fresh -> withBearer(spec, fresh));
                    }
                    return CompletableFuture.completedFuture(result);
                }));
    }

    private CompletableFuture<HttpResult> withBearer(HttpRequestSpec spec, AccessToken token) {
        return transport.execute(spec, "Bearer " + token.value(), limits);
    }

    private <T> ApiResult<T> decode(String operation, HttpResult result, JavaType type) {
        if (!result.isSuccess()) {
            RedCloudApiException error = errors.coreError(operation, result);
            LOG.debug(
                    "Red Cloud {} answered HTTP {} {} (requestId {})",
                    operation,
                    result.status(),
                    error.getErrorCode(),
                    error.getRequestId());
            throw error;
        }
        try {
            T body = mapper.readValue(result.body(), type);
            if (body == null) {
                throw new IllegalArgumentException("null body");
            }
            String requestId = result.requestIdHeader();
            if (requestId == null && body instanceof ExtensibleModel) {
                Object fromBody =
                        ((ExtensibleModel) body).getAdditionalProperties().get("requestId");
                requestId = fromBody == null ? null : fromBody.toString();
            }
            return new ApiResult<>(result.status(), body, requestId);
        } catch (IOException | IllegalArgumentException e) {
            throw new RedCloudApiException(
                    operation,
                    result.status(),
                    null,
                    "response is not the expected JSON",
                    null,
                    errors.redact(result.requestIdHeader()),
                    errors.excerpt(result));
        }
    }

    private static HttpRequestSpec post(URI uri, byte[] body, String idempotencyKey) {
        Map<String, String> headers =
                idempotencyKey == null ? ACCEPT_JSON : Map.of("Accept", JSON, "Idempotency-Key", idempotencyKey);
        return new HttpRequestSpec("POST", uri, JSON_CONTENT, body, headers);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot write " + value.getClass().getName() + " as JSON: " + e, e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

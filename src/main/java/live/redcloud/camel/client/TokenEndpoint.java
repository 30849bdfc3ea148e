package live.redcloud.camel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import live.redcloud.camel.auth.ClientAuthentication;
import live.redcloud.camel.auth.TokenFetcher;
import live.redcloud.camel.auth.TokenGrant;
import live.redcloud.camel.auth.TokenRequest;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.model.RedCloudException;
import live.redcloud.camel.secret.Redactor;
import org.apache.hc.core5.http.ContentType;

/**
 * {@code POST /api/auth/token} with {@code grant_type=client_credentials}. 5xx, 429 and I/O failures are retried with
 * backoff as Red Cloud advises; any other refusal ({@code invalid_client} above all) is reported at once, since asking
 * again with the same credentials cannot succeed.
 */
final class TokenEndpoint implements TokenFetcher {

    /** Used only when a token response leaves out {@code expires_in}: Red Cloud documents 3600 s. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3600);

    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded");

    private final HttpTransport transport;
    private final AttemptLimits limits;
    private final RetryingCaller retrying;
    private final ObjectMapper mapper;
    private final ErrorDecoder errors;
    private final Redactor redactor;

    TokenEndpoint(
            HttpTransport transport,
            AttemptLimits limits,
            RetryPolicy policy,
            ScheduledExecutorService scheduler,
            ObjectMapper mapper,
            Redactor redactor) {
        this.transport = transport;
        this.limits = limits;
        this.retrying = new RetryingCaller(policy, scheduler, redactor);
        this.mapper = mapper;
        this.errors = new ErrorDecoder(mapper, redactor);
        this.redactor = redactor;
    }

    @Override
    public CompletableFuture<TokenGrant> fetch(TokenRequest request) {
        HttpRequestSpec spec = toHttpRequest(request);
        return retrying.call("token request", request.tokenUrl(), null, () -> transport.execute(spec, null, limits))
                .handle((result, failure) -> {
                    if (failure != null) {
                        Throwable cause = RetryPolicy.unwrap(failure);
                        // typed by RetryingCaller (connection, oversized answer); anything else is a bug of ours
                        throw cause instanceof RedCloudException
                                ? (RedCloudException) cause
                                : new RedCloudException(
                                        "Red Cloud token request to " + request.tokenUrl() + " failed: "
                                                + redactor.redact(String.valueOf(cause)),
                                        redactor.redacted(cause));
                    }
                    if (!result.isSuccess()) {
                        throw errors.tokenError(result);
                    }
                    return grant(result);
                });
    }

    static HttpRequestSpec toHttpRequest(TokenRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (request.authentication() == ClientAuthentication.basic) {
            // as Red Cloud's samples (curl -u id:secret): base64 of the raw "id:secret", UTF-8
            String pair = request.clientId() + ":" + request.clientSecret();
            headers.put(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", request.clientId());
            form.put("client_secret", request.clientSecret());
        }
        return new HttpRequestSpec("POST", request.tokenUrl(), FORM, formEncode(form), headers);
    }

    private static byte[] formEncode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private TokenGrant grant(HttpResult result) {
        JsonNode root;
        try {
            root = mapper.readTree(result.body());
        } catch (IOException e) {
            root = null;
        }
        JsonNode token = root == null ? null : root.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            throw new RedCloudAuthenticationException(
                    result.status(),
                    null,
                    null,
                    "token response without access_token (" + result.body().length + " bytes)");
        }
        JsonNode tokenType = root.get("token_type");
        if (tokenType != null && !"bearer".equalsIgnoreCase(tokenType.asText())) {
            throw new RedCloudAuthenticationException(
                    result.status(), null, null, "unsupported token_type " + errors.redact(tokenType.asText()));
        }
        JsonNode expiresIn = root.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong())
                : DEFAULT_LIFETIME;
        // known before anyone can use it: an answer that echoes it from now on shows it masked
        redactor.token(token.asText(), lifetime);
        return new TokenGrant(token.asText(), lifetime);
    }
}

package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/auth/token}, client_credentials only [AUTH]. The client authenticates with HTTP Basic (body
 * {@code grant_type} only) or with {@code client_id}/{@code client_secret} in the form body, never both.
 * Errors are OAuth style {@code {"error","error_description"}}; statuses are the conventional OAuth ones
 * (400 invalid_request / unsupported_grant_type, 401 invalid_client, 500 server_error), since the docs do not show them.
 */
final class TokenHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(TokenHandler.class.getName());

    static final String PATH = "/api/auth/token";

    private final SandboxSettings settings;
    private final TokenStore tokens;
    private final Faults faults;
    private final NotFoundHandler notFound;

    TokenHandler(SandboxSettings settings, TokenStore tokens, Faults faults, NotFoundHandler notFound) {
        this.settings = settings;
        this.tokens = tokens;
        this.faults = faults;
        this.notFound = notFound;
    }

    /** Credentials as presented, and whether they came by HTTP Basic. */
    private record Credentials(String clientId, String clientSecret, boolean basic) {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                notFound.handle(exchange);
                return;
            }
            try {
                issue(exchange);
            } catch (OAuthException e) {
                HttpIo.sendOAuthError(exchange, e);
            } catch (HttpIo.BodyTooLargeException e) {
                HttpIo.sendOAuthError(exchange, new OAuthException(413, "invalid_request", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sandbox bug in the token endpoint", e);
                HttpIo.sendOAuthError(exchange, new OAuthException(500, "server_error", "Internal sandbox error"));
            }
        }
        HttpIo.logOutcome(LOG, exchange, "");
    }

    private void issue(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new OAuthException(405, "invalid_request", "Use POST", Map.of("Allow", "POST"));
        }
        if (faults.drawTokenFailure()) {
            throw new OAuthException(500, "server_error", "Internal server error (sandbox fault injection)");
        }
        // The docs call form encoding "the current implementation contract" [AUTH]; JSON is refused.
        if (!HttpIo.hasContentType(exchange, "application/x-www-form-urlencoded")) {
            throw new OAuthException(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = FormBody.parse(HttpIo.readBody(exchange));
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw new OAuthException(400, "invalid_request", "grant_type is required");
        }
        if (!grantType.equals("client_credentials")) {
            throw new OAuthException(400, "unsupported_grant_type", "Only client_credentials is supported");
        }
        Credentials credentials = credentials(exchange, form);
        if (!matches(credentials)) {
            throw new OAuthException(
                    401,
                    "invalid_client",
                    "Client authentication failed",
                    credentials.basic() ? Map.of("WWW-Authenticate", "Basic realm=\"redcloud\"") : Map.of());
        }
        long lifetime = settings.tokenLifetime().toSeconds();
        ObjectNode body = Json.object();
        body.put("access_token", tokens.issue(credentials.clientId(), settings.tokenLifetime()));
        body.put("token_type", "bearer");
        body.put("expires_in", lifetime);
        // RFC 6749 section 5.1: token responses must not be cached.
        HttpIo.sendJson(exchange, 200, Json.bytes(body), Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
    }

    private static Credentials credentials(HttpExchange exchange, Map<String, String> form) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            String id = form.get("client_id");
            String secret = form.get("client_secret");
            if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
                throw required();
            }
            return new Credentials(id, secret, false);
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new OAuthException(
                    401,
                    "invalid_client",
                    "Client authentication failed",
                    Map.of("WWW-Authenticate", "Basic realm=\"redcloud\""));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(400, "invalid_request", "Malformed HTTP Basic credentials");
        }
        int colon = decoded.indexOf(':');
        String id = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        if (id.isEmpty() || secret.isEmpty()) {
            throw required();
        }
        // RFC 6749 section 2.3: one client authentication method per request.
        if (form.containsKey("client_secret")) {
            throw new OAuthException(
                    400, "invalid_request", "Use either HTTP Basic or client_id/client_secret in the body, not both");
        }
        if (form.containsKey("client_id") && !form.get("client_id").equals(id)) {
            throw new OAuthException(400, "invalid_request", "client_id in the body does not match HTTP Basic");
        }
        return new Credentials(id, secret, true);
    }

    private boolean matches(Credentials c) {
        // constant time, so response timing does not leak how much of the secret was right
        return MessageDigest.isEqual(bytes(c.clientId()), bytes(settings.clientId))
                & MessageDigest.isEqual(bytes(c.clientSecret()), bytes(settings.clientSecret));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static OAuthException required() {
        return new OAuthException(
                400, "invalid_request", "client_id and client_secret are required"); // exact text [ERR]
    }
}

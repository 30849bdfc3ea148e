package live.redcloud.sandbox;

import com.sun.net.httpserver.HttpExchange;

/** The bearer check of every {@code /api/core/*} route: a live token or 401 {@code UNAUTHORIZED} [ERR][AUTH]. */
final class BearerAuth {

    private final TokenStore tokens;

    BearerAuth(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The API client of the request's bearer token. Missing, malformed, unknown, revoked and expired all look the same. */
    String requireClient(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            throw ApiException.unauthorized();
        }
        String h = header.trim();
        if (h.length() <= 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized();
        }
        return tokens.clientFor(h.substring(7).trim()).orElseThrow(ApiException::unauthorized);
    }
}

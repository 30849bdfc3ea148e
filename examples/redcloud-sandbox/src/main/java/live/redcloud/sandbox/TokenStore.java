package live.redcloud.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opaque bearer tokens with a real expiry. The docs' example token is opaque ({@code rc_token_example}) even though
 * the OpenAPI says {@code bearerFormat: JWT}, so the sandbox issues opaque {@code rc_tok_...} strings: a client that
 * tries to parse them as JWTs finds out here, not in production.
 */
final class TokenStore {

    private record Token(String clientId, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Clock clock;
    private final Ids ids;

    TokenStore(Clock clock, Ids ids) {
        this.clock = clock;
        this.ids = ids;
    }

    String issue(String clientId, Duration lifetime) {
        String token = ids.next("rc_tok_", 32);
        tokens.put(token, new Token(clientId, clock.instant().plus(lifetime)));
        issued.incrementAndGet();
        return token;
    }

    /** The client a token belongs to, if the token is known, not revoked and not expired. */
    Optional<String> clientFor(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Token t = tokens.get(token);
        if (t == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(t.expiresAt())) {
            tokens.remove(token, t);
            return Optional.empty();
        }
        return Optional.of(t.clientId());
    }

    int issuedCount() {
        return issued.get();
    }

    int activeCount() {
        Instant now = clock.instant();
        tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        return tokens.size();
    }

    /** Revokes every token; the next CORE call with any of them is a 401. Returns how many were live. */
    int revokeAll() {
        int live = activeCount();
        tokens.clear();
        return live;
    }

    boolean revoke(String token) {
        return token != null && tokens.remove(token) != null;
    }
}

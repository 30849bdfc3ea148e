package live.redcloud.camel.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Red Cloud bearer tokens, cached per {@link TokenRequest}. One instance belongs to one component (no JVM-wide state:
 * camel-http's static cache once leaked tokens across routes).
 *
 * <ul>
 * <li>Concurrent callers share one in-flight fetch (single flight).</li>
 * <li>A token is replaced a margin before it expires, so a call never starts with a token about to lapse.</li>
 * <li>{@link #invalidate} evicts only the token that failed: callers that saw a 401 on the same stale token trigger one
 * new fetch between them, and a caller holding an older token cannot evict a newer one.</li>
 * <li>A failed fetch is not cached: the next caller tries again.</li>
 * </ul>
 */
public final class TokenManager {

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    private final Clock clock;
    private final Map<TokenRequest, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();

    public TokenManager(Clock clock) {
        this.clock = clock;
    }

    /**
     * A valid token for the request, fetched with {@code fetcher} only when none is cached or the cached one is within
     * {@code refreshMargin} of its expiry.
     */
    public CompletableFuture<AccessToken> token(TokenRequest request, Duration refreshMargin, TokenFetcher fetcher) {
        Slot slot = slots.get(request);
        if (slot == null) {
            slot = slots.computeIfAbsent(request, r -> new Slot());
        }
        return slot.get(request, refreshMargin, fetcher);
    }

    /** Evicts {@code failed} if it is still the cached token for the request (after a 401 from Red Cloud). */
    public void invalidate(TokenRequest request, AccessToken failed) {
        Slot slot = slots.get(request);
        if (slot != null) {
            slot.invalidate(failed);
        }
    }

    /** How many token fetches have been started since this manager was created. */
    public long fetchCount() {
        return fetches.get();
    }

    /** The expiry of the cached token for the request, or {@code null}. */
    public Instant cachedExpiry(TokenRequest request) {
        Slot slot = slots.get(request);
        return slot == null ? null : slot.expiry();
    }

    public void clear() {
        slots.clear();
    }

    /** Red Cloud documents 3600 s; anything outside a second to a day is treated as the nearest bound. */
    private static Duration clamp(Duration expiresIn) {
        if (expiresIn.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return expiresIn.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : expiresIn;
    }

    /** What is cached, per token request, for operations views. Never includes a token or secret. */
    public List<TokenStatus> status() {
        List<TokenStatus> status = new ArrayList<>();
        slots.forEach((request, slot) -> status.add(slot.status(request)));
        return status;
    }

    /** The state of one cache entry. */
    public static final class TokenStatus {
        private final String tokenUrl;
        private final ClientAuthentication authentication;
        private final Instant expiresAt;
        private final long fetches;

        TokenStatus(String tokenUrl, ClientAuthentication authentication, Instant expiresAt, long fetches) {
            this.tokenUrl = tokenUrl;
            this.authentication = authentication;
            this.expiresAt = expiresAt;
            this.fetches = fetches;
        }

        public String tokenUrl() {
            return tokenUrl;
        }

        public ClientAuthentication authentication() {
            return authentication;
        }

        /** Expiry of the cached token, or {@code null} when none is cached. */
        public Instant expiresAt() {
            return expiresAt;
        }

        /** Token fetches made for this entry (first fetch, refreshes, fetches after a 401). */
        public long fetches() {
            return fetches;
        }
    }

    /** The state of one cache key. Guarded by its own monitor; the monitor is never held across I/O. */
    private final class Slot {
        /** The cached token as a completed future; read without the lock on the hot path. */
        private volatile CompletableFuture<AccessToken> ready;
        private AccessToken token;
        private CompletableFuture<AccessToken> inFlight;
        private long fetchCount;

        CompletableFuture<AccessToken> get(TokenRequest request, Duration refreshMargin, TokenFetcher fetcher) {
            CompletableFuture<AccessToken> cached = ready;
            if (cached != null && !cached.join().needsRefresh(clock.instant(), refreshMargin)) {
                return cached;
            }
            CompletableFuture<AccessToken> fetch;
            synchronized (this) {
                Instant now = clock.instant();
                if (token != null && !token.needsRefresh(now, refreshMargin)) {
                    return CompletableFuture.completedFuture(token);
                }
                if (inFlight != null) {
                    return inFlight;
                }
                fetch = new CompletableFuture<>();
                inFlight = fetch;
                fetchCount++;
            }
            fetches.incrementAndGet();
            LOG.debug("Requesting a Red Cloud access token from {}", request.tokenUrl());
            Instant requestedAt = clock.instant();
            CompletableFuture<TokenGrant> grant;
            try {
                // started outside the monitor: the fetcher may complete synchronously on this thread
                grant = fetcher.fetch(request);
            } catch (RuntimeException e) {
                grant = CompletableFuture.failedFuture(e);
            }
            grant.whenComplete((g, error) -> complete(fetch, requestedAt, g, error));
            return fetch;
        }

        /** Always clears the in-flight fetch and completes it, whatever the grant holds: waiters must never hang. */
        private void complete(CompletableFuture<AccessToken> fetch, Instant requestedAt, TokenGrant grant,
                Throwable error) {
            AccessToken fresh = null;
            Throwable failure = error;
            if (failure == null) {
                try {
                    // the lifetime counts from when we asked, so time spent on the wire never stretches it
                    fresh = new AccessToken(grant.value(), requestedAt,
                            requestedAt.plus(clamp(grant.expiresIn())));
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            AccessToken stillValid = null;
            synchronized (this) {
                if (inFlight == fetch) {
                    inFlight = null;
                }
                if (fresh != null) {
                    token = fresh;
                    ready = CompletableFuture.completedFuture(fresh);
                } else if (token != null && clock.instant().isBefore(token.expiresAt())) {
                    // a refresh inside the margin failed, but the cached token has not expired: keep using it
                    stillValid = token;
                }
            }
            if (fresh != null) {
                LOG.debug("Obtained a Red Cloud access token expiring at {}", fresh.expiresAt());
                fetch.complete(fresh);
            } else if (stillValid != null) {
                LOG.debug("Refreshing the Red Cloud access token failed ({}); the current one is valid until {}",
                        failure.toString(), stillValid.expiresAt());
                fetch.complete(stillValid);
            } else {
                fetch.completeExceptionally(failure);
            }
        }

        synchronized void invalidate(AccessToken failed) {
            if (token == failed) {
                LOG.debug("Evicting a Red Cloud access token that was refused");
                token = null;
                ready = null;
            }
        }

        synchronized Instant expiry() {
            return token == null ? null : token.expiresAt();
        }

        synchronized TokenStatus status(TokenRequest request) {
            return new TokenStatus(request.tokenUrl().toString(), request.authentication(), expiry(), fetchCount);
        }
    }
}

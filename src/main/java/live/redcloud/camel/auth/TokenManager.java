package live.redcloud.camel.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * <li>A token is replaced a margin before it expires, by a refresh in the background: while the cached token is
 * still valid no caller waits on the token endpoint, however slow it is. Callers wait on a fetch only when no valid
 * token exists (first use, expired, or evicted after a 401).</li>
 * <li>A failed refresh is retried after a pause ({@link #refreshBackoff}), not by every call.</li>
 * <li>{@link #invalidate} evicts only the token that failed: callers that saw a 401 on the same stale token trigger one
 * new fetch between them, and a caller holding an older token cannot evict a newer one.</li>
 * <li>A failed fetch is not cached: the next caller without a valid token tries again.</li>
 * </ul>
 */
public final class TokenManager {

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    static final Duration FIRST_REFRESH_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_REFRESH_BACKOFF = Duration.ofSeconds(30);

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

    /** The cached token for the request if it has not expired yet, else {@code null}; never starts a fetch. */
    public AccessToken validToken(TokenRequest request) {
        Slot slot = slots.get(request);
        return slot == null ? null : slot.valid();
    }

    /** The expiry of the cached token for the request, or {@code null}. */
    public Instant cachedExpiry(TokenRequest request) {
        Slot slot = slots.get(request);
        return slot == null ? null : slot.expiry();
    }

    public void clear() {
        slots.clear();
    }

    /**
     * The pause after the {@code failures}-th failed fetch in a row before a still-valid token is refreshed again: 1 s,
     * doubling, capped at a quarter of the margin or 30 s, whichever is smaller, so that several attempts fit inside
     * the margin before the token expires. Callers without a valid token never wait for it.
     */
    static Duration refreshBackoff(int failures, Duration refreshMargin) {
        Duration cap = refreshMargin.dividedBy(4);
        if (cap.compareTo(MAX_REFRESH_BACKOFF) > 0) {
            cap = MAX_REFRESH_BACKOFF;
        }
        Duration pause = FIRST_REFRESH_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 20));
        return pause.compareTo(cap) < 0 ? pause : cap;
    }

    private static Throwable rootOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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

    /**
     * The state of one cache key. Guarded by its own monitor; the monitor is never held across I/O. No thread is started
     * or put to sleep here: a background refresh is a fetch whose future no caller waits on, and the backoff is an
     * instant that callers compare with the clock.
     */
    private final class Slot {
        /** The cached token as a completed future, while it needs no refresh; read without the lock on the hot path. */
        private volatile CompletableFuture<AccessToken> ready;

        private AccessToken token;
        private CompletableFuture<AccessToken> inFlight;
        private long fetchCount;
        /** Refreshes failed in a row, and the earliest instant the next refresh of a still-valid token may start. */
        private int failedInARow;

        private Instant refreshNotBefore = Instant.MIN;

        CompletableFuture<AccessToken> get(TokenRequest request, Duration refreshMargin, TokenFetcher fetcher) {
            CompletableFuture<AccessToken> cached = ready;
            if (cached != null && !cached.join().needsRefresh(clock.instant(), refreshMargin)) {
                return cached;
            }
            CompletableFuture<AccessToken> fetch;
            CompletableFuture<AccessToken> valid = null;
            synchronized (this) {
                Instant now = clock.instant();
                if (token != null && now.isBefore(token.expiresAt())) {
                    // still valid: the caller never waits, whatever the refresh does
                    valid = CompletableFuture.completedFuture(token);
                    if (!token.needsRefresh(now, refreshMargin) || inFlight != null || now.isBefore(refreshNotBefore)) {
                        return valid;
                    }
                } else if (inFlight != null) {
                    return inFlight;
                }
                fetch = new CompletableFuture<>();
                inFlight = fetch;
                fetchCount++;
            }
            start(request, refreshMargin, fetcher, fetch);
            return valid != null ? valid : fetch;
        }

        private void start(
                TokenRequest request,
                Duration refreshMargin,
                TokenFetcher fetcher,
                CompletableFuture<AccessToken> fetch) {
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
            // runs where the grant completes (an HttpClient I/O thread or the retry timer): it holds the monitor only
            // briefly and never blocks, and a background refresh has no waiters to hand on
            grant.whenComplete((g, error) -> complete(fetch, requestedAt, refreshMargin, g, error));
        }

        /** Always clears the in-flight fetch and completes it, whatever the grant holds: waiters must never hang. */
        private void complete(
                CompletableFuture<AccessToken> fetch,
                Instant requestedAt,
                Duration refreshMargin,
                TokenGrant grant,
                Throwable error) {
            AccessToken fresh = null;
            Throwable failure = error;
            if (failure == null) {
                try {
                    // the lifetime counts from when we asked, so time spent on the wire never stretches it
                    fresh = new AccessToken(grant.value(), requestedAt, requestedAt.plus(clamp(grant.expiresIn())));
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            AccessToken stillValid = null;
            Instant retryAt;
            synchronized (this) {
                if (inFlight == fetch) {
                    inFlight = null;
                }
                Instant now = clock.instant();
                if (fresh != null) {
                    token = fresh;
                    ready = CompletableFuture.completedFuture(fresh);
                    failedInARow = 0;
                    refreshNotBefore = Instant.MIN;
                } else {
                    failedInARow++;
                    refreshNotBefore = now.plus(refreshBackoff(failedInARow, refreshMargin));
                    if (token != null && now.isBefore(token.expiresAt())) {
                        stillValid = token;
                    }
                }
                retryAt = refreshNotBefore;
            }
            if (fresh != null) {
                LOG.debug("Obtained a Red Cloud access token expiring at {}", fresh.expiresAt());
                fetch.complete(fresh);
                return;
            }
            if (stillValid != null) {
                // nobody waited on this refresh: say so here, without a stack trace, since no caller will
                LOG.warn(
                        "Refreshing the Red Cloud access token failed ({}); the current one stays in use until {},"
                                + " next refresh not before {}",
                        rootOf(failure).toString(),
                        stillValid.expiresAt(),
                        retryAt);
            }
            fetch.completeExceptionally(failure);
        }

        synchronized void invalidate(AccessToken failed) {
            if (token == failed) {
                LOG.debug("Evicting a Red Cloud access token that was refused");
                token = null;
                ready = null;
            }
        }

        synchronized AccessToken valid() {
            return token != null && clock.instant().isBefore(token.expiresAt()) ? token : null;
        }

        synchronized Instant expiry() {
            return token == null ? null : token.expiresAt();
        }

        synchronized TokenStatus status(TokenRequest request) {
            return new TokenStatus(request.tokenUrl().toString(), request.authentication(), expiry(), fetchCount);
        }
    }
}

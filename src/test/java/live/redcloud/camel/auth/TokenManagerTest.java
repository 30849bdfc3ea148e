package live.redcloud.camel.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import live.redcloud.camel.support.RedCloudTestSupport.MutableClock;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final TokenRequest REQUEST = new TokenRequest(
            URI.create("https://api.example.com/api/auth/token"),
            "rc_test_client_123",
            "rc_secret_abc123",
            ClientAuthentication.basic);

    private final MutableClock clock = new MutableClock();
    private final TokenManager tokens = new TokenManager(clock);
    private final List<CompletableFuture<TokenGrant>> fetches = new ArrayList<>();
    private final TokenFetcher fetcher = request -> {
        CompletableFuture<TokenGrant> f = new CompletableFuture<>();
        fetches.add(f);
        return f;
    };

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        List<CompletableFuture<AccessToken>> callers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            callers.add(tokens.token(REQUEST, MARGIN, fetcher));
        }
        assertThat(fetches).hasSize(1);
        assertThat(callers).allMatch(c -> !c.isDone());

        fetches.get(0).complete(new TokenGrant("t1", Duration.ofSeconds(3600)));

        for (CompletableFuture<AccessToken> c : callers) {
            assertThat(c.get().value()).isEqualTo("t1");
        }
        assertThat(tokens.token(REQUEST, MARGIN, fetcher).get().value()).isEqualTo("t1");
        assertThat(fetches).hasSize(1);
        assertThat(tokens.fetchCount()).isEqualTo(1);
        TokenManager.TokenStatus status = tokens.status().get(0);
        assertThat(status.fetches()).isEqualTo(1);
        assertThat(status.tokenUrl()).isEqualTo("https://api.example.com/api/auth/token");
        assertThat(status.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
    }

    @Test
    void insideTheMarginCallersKeepTheValidTokenWhileOneRefreshRuns() throws Exception {
        AccessToken first = grant("t1", 3600);
        clock.advance(Duration.ofSeconds(3539));
        assertThat(tokens.token(REQUEST, MARGIN, fetcher).get().value()).isEqualTo("t1");
        assertThat(fetches).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            CompletableFuture<AccessToken> caller = tokens.token(REQUEST, MARGIN, fetcher);
            assertThat(caller).as("nobody waits on the refresh").isDone();
            assertThat(caller.get()).isSameAs(first);
        }
        assertThat(fetches).as("one background refresh").hasSize(2);

        fetches.get(1).complete(new TokenGrant("t2", Duration.ofSeconds(3600)));
        assertThat(tokens.token(REQUEST, MARGIN, fetcher).get().value()).isEqualTo("t2");
        assertThat(tokens.cachedExpiry(REQUEST)).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(fetches).hasSize(2);
    }

    @Test
    void failedRefreshesBackOffDoublingFromOneSecondUpToAQuarterOfTheMargin() throws Exception {
        AccessToken first = grant("t1", 3600);
        clock.advance(Duration.ofSeconds(3545));
        // 60 s margin: pauses of 1, 2, 4 and 8 s, then 15 s (margin / 4) instead of 16
        long[] pauses = {1, 2, 4, 8, 15, 15};
        for (int attempt = 0; attempt < pauses.length; attempt++) {
            assertThat(immediately()).isSameAs(first);
            assertThat(fetches).hasSize(attempt + 2);
            fetches.get(attempt + 1).completeExceptionally(new IllegalStateException("token endpoint down"));

            clock.advance(Duration.ofMillis(pauses[attempt] * 1000 - 1));
            for (int i = 0; i < 5; i++) {
                assertThat(immediately()).isSameAs(first);
            }
            assertThat(fetches)
                    .as("no refresh inside the %d s pause", pauses[attempt])
                    .hasSize(attempt + 2);
            clock.advance(Duration.ofMillis(1));
        }
        tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(fetches.size() - 1).complete(new TokenGrant("t2", Duration.ofSeconds(3600)));
        assertThat(immediately().value()).isEqualTo("t2");

        // a success resets the backoff: the next failed refresh pauses 1 s again
        clock.advance(Duration.ofSeconds(3545));
        int before = fetches.size();
        tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(before).completeExceptionally(new IllegalStateException("token endpoint down"));
        clock.advance(Duration.ofSeconds(1));
        tokens.token(REQUEST, MARGIN, fetcher);
        assertThat(fetches).hasSize(before + 2);
    }

    @Test
    void anEvictedTokenIsFetchedAtOnceEvenInsideTheBackoffWindow() throws Exception {
        AccessToken first = grant("t1", 3600);
        clock.advance(Duration.ofSeconds(3550));
        tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(1).completeExceptionally(new IllegalStateException("token endpoint down"));

        tokens.invalidate(REQUEST, first);
        CompletableFuture<AccessToken> a = tokens.token(REQUEST, MARGIN, fetcher);
        CompletableFuture<AccessToken> b = tokens.token(REQUEST, MARGIN, fetcher);
        assertThat(a).isNotDone();
        assertThat(fetches)
                .as("one fetch shared by the callers that saw the 401")
                .hasSize(3);
        fetches.get(2).complete(new TokenGrant("t2", Duration.ofSeconds(3600)));
        assertThat(a.get().value()).isEqualTo("t2");
        assertThat(b.get().value()).isEqualTo("t2");
    }

    @Test
    void aTokenShorterThanTheMarginIsKeptForHalfItsLife() throws Exception {
        grant("short", 30);
        clock.advance(Duration.ofSeconds(14));
        assertThat(tokens.token(REQUEST, MARGIN, fetcher).get().value()).isEqualTo("short");
        assertThat(fetches).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.token(REQUEST, MARGIN, fetcher);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void invalidateEvictsOnlyTheTokenThatFailed() throws Exception {
        AccessToken first = grant("t1", 3600);
        tokens.invalidate(REQUEST, first);
        CompletableFuture<AccessToken> next = tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(1).complete(new TokenGrant("t2", Duration.ofSeconds(3600)));
        AccessToken second = next.get();

        // a late caller that still holds t1 must not throw away t2
        tokens.invalidate(REQUEST, first);
        assertThat(tokens.token(REQUEST, MARGIN, fetcher).get()).isSameAs(second);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void aFailedFetchFailsItsWaitersAndIsNotCached() {
        CompletableFuture<AccessToken> a = tokens.token(REQUEST, MARGIN, fetcher);
        CompletableFuture<AccessToken> b = tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(0).completeExceptionally(new IllegalStateException("refused"));

        assertThatThrownBy(a::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("refused");
        assertThatThrownBy(b::get).isInstanceOf(ExecutionException.class);
        tokens.token(REQUEST, MARGIN, fetcher);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void aFailedRefreshKeepsUsingTheTokenUntilItReallyExpires() throws Exception {
        AccessToken first = grant("t1", 3600);
        clock.advance(Duration.ofSeconds(3550));
        CompletableFuture<AccessToken> refreshing = tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(1).completeExceptionally(new IllegalStateException("token endpoint down"));
        assertThat(refreshing.get()).isSameAs(first);

        clock.advance(Duration.ofSeconds(60));
        CompletableFuture<AccessToken> expired = tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(2).completeExceptionally(new IllegalStateException("token endpoint down"));
        assertThatThrownBy(expired::get).hasRootCauseMessage("token endpoint down");
    }

    @Test
    void anAbsurdLifetimeOrAThrowingFetcherNeverLeavesWaitersHanging() throws Exception {
        CompletableFuture<AccessToken> huge = tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(0).complete(new TokenGrant("t1", Duration.ofSeconds(Long.MAX_VALUE / 2)));
        assertThat(huge.get().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));

        TokenRequest other = new TokenRequest(REQUEST.tokenUrl(), "other", "secret", ClientAuthentication.body);
        CompletableFuture<AccessToken> thrown = tokens.token(other, MARGIN, r -> {
            throw new IllegalStateException("fetcher bug");
        });
        assertThat(thrown).isCompletedExceptionally();
        // not stuck: the next caller starts a new fetch
        tokens.token(other, MARGIN, fetcher);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void differentCredentialsNeverShareATokenAndNothingPrintsTheSecret() throws Exception {
        grant("t1", 3600);
        TokenRequest other =
                new TokenRequest(REQUEST.tokenUrl(), REQUEST.clientId(), "another_secret", ClientAuthentication.basic);
        tokens.token(other, MARGIN, fetcher);
        assertThat(fetches).hasSize(2);
        TokenRequest bodyMode = new TokenRequest(
                REQUEST.tokenUrl(), REQUEST.clientId(), REQUEST.clientSecret(), ClientAuthentication.body);
        assertThat(bodyMode).isNotEqualTo(REQUEST);

        assertThat(REQUEST.toString()).doesNotContain("rc_secret_abc123");
        assertThat(tokens.token(REQUEST, MARGIN, fetcher).get().toString()).doesNotContain("t1");
        assertThat(new TokenGrant("t1", Duration.ZERO).toString()).doesNotContain("t1");
    }

    /** The token a caller gets without waiting on any fetch. */
    private AccessToken immediately() {
        CompletableFuture<AccessToken> caller = tokens.token(REQUEST, MARGIN, fetcher);
        assertThat(caller).as("answered without waiting on a fetch").isDone();
        return caller.join();
    }

    private AccessToken grant(String value, long seconds) throws Exception {
        CompletableFuture<AccessToken> f = tokens.token(REQUEST, MARGIN, fetcher);
        fetches.get(fetches.size() - 1).complete(new TokenGrant(value, Duration.ofSeconds(seconds)));
        Instant now = clock.instant();
        AccessToken token = f.get();
        assertThat(token.expiresAt()).isEqualTo(now.plusSeconds(seconds));
        return token;
    }
}

package live.redcloud.camel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.support.RedCloudTestSupport.MutableClock;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final MutableClock clock = new MutableClock();

    private RetryPolicy policy(double random) {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), () -> random, clock);
    }

    @Test
    void retriesOnlyTransientStatuses() {
        RetryPolicy p = policy(0);
        assertThat(p.isRetryable(429)).isTrue();
        assertThat(p.isRetryable(500)).isTrue();
        assertThat(p.isRetryable(502)).isTrue();
        assertThat(p.isRetryable(503)).isTrue();
        for (int status : new int[] {200, 202, 400, 401, 403, 404, 409, 422, 501, 505}) {
            assertThat(p.isRetryable(status)).as("HTTP " + status).isFalse();
        }
    }

    @Test
    void retriesIoFailuresButNotConfigurationOrApiErrors() {
        RetryPolicy p = policy(0);
        assertThat(p.isRetryable(new ConnectException("refused"))).isTrue();
        assertThat(p.isRetryable(new SocketTimeoutException("slow"))).isTrue();
        assertThat(p.isRetryable(new ConnectionClosedException("dropped"))).isTrue();
        assertThat(p.isRetryable(new CompletionException(new IOException("wrapped"))))
                .isTrue();
        assertThat(p.isRetryable(new UnknownHostException("nope.example"))).isFalse();
        assertThat(p.isRetryable(new SSLHandshakeException("bad cert"))).isFalse();
        assertThat(p.isRetryable(new RedCloudAuthenticationException(401, "invalid_client", "x", null)))
                .isFalse();
        assertThat(p.isRetryable(new IllegalStateException())).isFalse();
    }

    @Test
    void backoffIsExponentialWithEqualJitterAndCapped() {
        assertThat(policy(0).delay(1, null)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy(0.999).delay(1, null)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(policy(0).delay(3, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy(0.999).delay(30, null)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(policy(0).delay(30, null)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void retryAfterInSecondsOrAsHttpDateWinsButIsCapped() {
        RetryPolicy p = policy(0);
        assertThat(p.delay(1, "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delay(1, "86400")).isEqualTo(Duration.ofSeconds(5));
        // a negative value, a date in the past or garbage never turns the backoff off: the normal backoff applies
        assertThat(p.delay(1, "-3")).isEqualTo(Duration.ofMillis(50));
        assertThat(p.delay(1, "99999999999999999999")).isEqualTo(Duration.ofSeconds(5));
        // clock is 2026-11-27T12:00:00Z
        assertThat(p.delay(1, "Fri, 27 Nov 2026 12:00:03 GMT")).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.delay(1, "Fri, 27 Nov 2026 11:00:00 GMT")).isEqualTo(Duration.ofMillis(50));
        assertThat(p.delay(1, "soon")).isEqualTo(Duration.ofMillis(50));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    }
}

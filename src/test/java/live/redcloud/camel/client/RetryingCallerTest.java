package live.redcloud.camel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.model.RedCloudConnectionException;
import live.redcloud.camel.model.RedCloudSendOutcomeUnknownException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

class RetryingCallerTest {

    private static final URI TARGET = URI.create("http://127.0.0.1:8089/api/core/messages/send");

    @Test
    void aRetryRefusedBecauseTheComponentStopsFailsWithTheLastAttemptsFailureNotTheTimersRefusal() throws Exception {
        // the component's timer, already shut down: what a call sees when its first attempt fails during the stop
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.shutdown();
        AtomicInteger attempts = new AtomicInteger();
        RetryingCaller caller = new RetryingCaller(
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10)),
                timer,
                new live.redcloud.camel.secret.Redactor());

        CompletableFuture<HttpResult> outcome = caller.call("send", TARGET, "key-1", () -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
        });

        Throwable failure = failureOf(outcome);
        assertThat(attempts).hasValue(1);
        assertThat(failure)
                .isInstanceOf(RedCloudConnectionException.class)
                .hasMessageContaining("127.0.0.1:8089")
                .hasMessageContaining("the retry was refused: the component is stopping");
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
        assertThat(failure.getCause().getCause()).isInstanceOf(ConnectException.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t).isNotInstanceOf(RejectedExecutionException.class);
        }
    }

    @Test
    void aRetryableFailureIsRetriedOnTheTimerUntilAnAttemptSucceeds() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger attempts = new AtomicInteger();
            RetryingCaller caller = new RetryingCaller(
                    new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10)),
                    timer,
                    new live.redcloud.camel.secret.Redactor());
            HttpResult accepted = new HttpResult(202, "application/json", null, null, new byte[0]);

            CompletableFuture<HttpResult> outcome = caller.call(
                    "send",
                    TARGET,
                    "key-1",
                    () -> attempts.incrementAndGet() < 3
                            ? CompletableFuture.failedFuture(new ConnectException("Connection refused"))
                            : CompletableFuture.completedFuture(accepted));

            assertThat(outcome.get(5, TimeUnit.SECONDS)).isSameAs(accepted);
            assertThat(attempts).hasValue(3);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aSendWhoseLastAttemptTimedOutIsOutcomeUnknownWithItsKey() throws Exception {
        Throwable failure = failureAfter("key-1", new SocketTimeoutException("no complete answer"));

        assertThat(failure)
                .isInstanceOf(RedCloudSendOutcomeUnknownException.class)
                .isInstanceOf(RedCloudConnectionException.class)
                .hasMessageContaining("key-1")
                .hasMessageContaining("127.0.0.1:8089")
                .hasMessageContaining("after 3 attempts");
        assertThat(((RedCloudSendOutcomeUnknownException) failure).getIdempotencyKey())
                .isEqualTo("key-1");
        assertThat(((RedCloudSendOutcomeUnknownException) failure).getAttempts())
                .isEqualTo(3);
    }

    @Test
    void aSendThatMayHaveArrivedOnceStaysOutcomeUnknownWhenLaterAttemptsAreRefused() throws Exception {
        Throwable failure = failureAfter(
                "key-2",
                new ConnectionClosedException("connection reset after the request was written"),
                new ConnectException("Connection refused"),
                new ConnectException("Connection refused"));

        assertThat(failure).isInstanceOf(RedCloudSendOutcomeUnknownException.class);
        assertThat(failure.getCause()).isInstanceOf(ConnectException.class);
    }

    @Test
    void nothingSentIsAPlainConnectionFailureAndACallWithoutKeyIsNeverOutcomeUnknown() throws Exception {
        // refused, no pooled connection in time, the token unobtainable: no request of the send went out
        assertThat(failureAfter(
                        "key-3",
                        new ConnectException("Connection refused"),
                        new TimeoutException("no connection within connectTimeout"),
                        new RedCloudConnectionException(
                                "Red Cloud token request", "127.0.0.1:8089", 3, new IOException())))
                .isExactlyInstanceOf(RedCloudConnectionException.class);
        assertThat(failureAfter(null, new SocketTimeoutException("no complete answer")))
                .isExactlyInstanceOf(RedCloudConnectionException.class);
    }

    /** The outcome of a call with 2 retries whose attempts fail with {@code failures} (the last repeats). */
    private static Throwable failureAfter(String key, Exception... failures) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger attempts = new AtomicInteger();
            RetryingCaller caller = new RetryingCaller(
                    new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                    timer,
                    new live.redcloud.camel.secret.Redactor());
            return failureOf(caller.call("send", TARGET, key, () -> {
                int i = Math.min(attempts.getAndIncrement(), failures.length - 1);
                return CompletableFuture.failedFuture(failures[i]);
            }));
        } finally {
            timer.shutdownNow();
        }
    }

    private static Throwable failureOf(CompletableFuture<?> outcome) throws Exception {
        try {
            outcome.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }
}

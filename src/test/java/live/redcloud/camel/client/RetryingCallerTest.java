package live.redcloud.camel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.model.RedCloudConnectionException;
import org.junit.jupiter.api.Test;

class RetryingCallerTest {

    private static final URI TARGET = URI.create("http://127.0.0.1:8089/api/core/messages/send");

    @Test
    void aRetryRefusedBecauseTheComponentStopsFailsWithTheLastAttemptsFailureNotTheTimersRefusal() throws Exception {
        // the component's timer, already shut down: what a call sees when its first attempt fails during the stop
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.shutdown();
        AtomicInteger attempts = new AtomicInteger();
        RetryingCaller caller =
                new RetryingCaller(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10)), timer);

        CompletableFuture<HttpResult> outcome = caller.call("send", TARGET, () -> {
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
            RetryingCaller caller =
                    new RetryingCaller(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10)), timer);
            HttpResult accepted = new HttpResult(202, "application/json", null, null, new byte[0]);

            CompletableFuture<HttpResult> outcome = caller.call(
                    "send",
                    TARGET,
                    () -> attempts.incrementAndGet() < 3
                            ? CompletableFuture.failedFuture(new ConnectException("Connection refused"))
                            : CompletableFuture.completedFuture(accepted));

            assertThat(outcome.get(5, TimeUnit.SECONDS)).isSameAs(accepted);
            assertThat(attempts).hasValue(3);
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

package live.redcloud.camel.client;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an HTTP call and, as {@link RetryPolicy} allows, runs it again after a pause scheduled on a timer: no thread
 * sleeps while a retry waits. A failure left after the last attempt is reported as a typed error: a
 * {@link RedCloudConnectionException} for anything on the network, naming host, port and attempts.
 */
final class RetryingCaller {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingCaller.class);

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;

    RetryingCaller(RetryPolicy policy, ScheduledExecutorService scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /**
     * @param operation the call in Red Cloud's words ({@code send}, {@code token request}), for messages
     * @param target    where the call goes, for messages
     * @param attempt   starts one attempt; must send the same request each time
     * @return the last result (successful or not) or the last failure
     */
    CompletableFuture<HttpResult> call(String operation, URI target, Supplier<CompletableFuture<HttpResult>> attempt) {
        CompletableFuture<HttpResult> outcome = new CompletableFuture<>();
        new Run(operation, target, attempt, outcome).attempt(0);
        return outcome;
    }

    private final class Run {
        private final String operation;
        private final URI target;
        private final Supplier<CompletableFuture<HttpResult>> attempt;
        private final CompletableFuture<HttpResult> outcome;

        Run(
                String operation,
                URI target,
                Supplier<CompletableFuture<HttpResult>> attempt,
                CompletableFuture<HttpResult> outcome) {
            this.operation = operation;
            this.target = target;
            this.attempt = attempt;
            this.outcome = outcome;
        }

        void attempt(int retriesDone) {
            CompletableFuture<HttpResult> current;
            try {
                current = attempt.get();
            } catch (RuntimeException e) {
                fail(e, retriesDone + 1);
                return;
            }
            current.whenComplete((result, failure) -> {
                boolean retriesLeft = retriesDone < policy.maxRetries();
                if (failure != null) {
                    if (retriesLeft && policy.isRetryable(failure)) {
                        Throwable cause = RetryPolicy.unwrap(failure);
                        retryLater(retriesDone, null, cause.getClass().getSimpleName(), cause);
                    } else {
                        fail(failure, retriesDone + 1);
                    }
                } else if (retriesLeft && policy.isRetryable(result.status())) {
                    retryLater(retriesDone, result.retryAfter(), "HTTP " + result.status(), null);
                } else {
                    outcome.complete(result);
                }
            });
        }

        private void retryLater(int retriesDone, String retryAfter, String reason, Throwable lastFailure) {
            long delayMillis = policy.delay(retriesDone + 1, retryAfter).toMillis();
            LOG.debug(
                    "Red Cloud {} failed ({}); retry {} of {} in {} ms",
                    operation,
                    reason,
                    retriesDone + 1,
                    policy.maxRetries(),
                    delayMillis);
            try {
                scheduler.schedule(() -> attempt(retriesDone + 1), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                // the component is stopping: report the failure we have instead of losing the exchange. The timer's
                // RejectedExecutionException says nothing about Red Cloud, so it is not the cause; the last attempt's
                // failure is.
                fail(
                        new IOException(reason + ", and the retry was refused: the component is stopping", lastFailure),
                        retriesDone + 1);
            }
        }

        private void fail(Throwable failure, int attempts) {
            Throwable cause = RetryPolicy.unwrap(failure);
            if (cause instanceof ResponseTooLargeException) {
                ResponseTooLargeException tooLarge = (ResponseTooLargeException) cause;
                cause = new RedCloudApiException(
                        operation, tooLarge.status(), null, tooLarge.getMessage(), null, null, null);
            } else if (cause instanceof IOException || cause instanceof TimeoutException) {
                cause = new RedCloudConnectionException("Red Cloud " + operation, hostAndPort(target), attempts, cause);
            }
            outcome.completeExceptionally(cause);
        }
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}

package live.redcloud.camel.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an HTTP call and, as {@link RetryPolicy} allows, runs it again after a pause scheduled on a timer: no thread
 * sleeps while a retry waits.
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
     * @param what    the call, for log lines
     * @param attempt starts one attempt; must send the same request each time
     * @return the last result (successful or not) or the last failure
     */
    CompletableFuture<HttpResult> call(String what, Supplier<CompletableFuture<HttpResult>> attempt) {
        CompletableFuture<HttpResult> outcome = new CompletableFuture<>();
        run(what, attempt, 0, outcome);
        return outcome;
    }

    private void run(String what, Supplier<CompletableFuture<HttpResult>> attempt, int retriesDone,
            CompletableFuture<HttpResult> outcome) {
        CompletableFuture<HttpResult> current;
        try {
            current = attempt.get();
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return;
        }
        current.whenComplete((result, failure) -> {
            boolean retriesLeft = retriesDone < policy.maxRetries();
            if (failure != null) {
                if (retriesLeft && policy.isRetryable(failure)) {
                    retryLater(what, attempt, retriesDone, outcome, null,
                            RetryPolicy.unwrap(failure).getClass().getSimpleName());
                } else {
                    outcome.completeExceptionally(RetryPolicy.unwrap(failure));
                }
            } else if (retriesLeft && policy.isRetryable(result.status())) {
                retryLater(what, attempt, retriesDone, outcome, result.retryAfter(), "HTTP " + result.status());
            } else {
                outcome.complete(result);
            }
        });
    }

    private void retryLater(String what, Supplier<CompletableFuture<HttpResult>> attempt, int retriesDone,
            CompletableFuture<HttpResult> outcome, String retryAfter, String reason) {
        long delayMillis = policy.delay(retriesDone + 1, retryAfter).toMillis();
        LOG.debug("{} failed ({}); retry {} of {} in {} ms", what, reason, retriesDone + 1, policy.maxRetries(),
                delayMillis);
        try {
            scheduler.schedule(() -> run(what, attempt, retriesDone + 1, outcome), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            // the component is stopping: report the failure we have instead of losing the exchange
            outcome.completeExceptionally(new java.io.IOException(what + " failed (" + reason
                    + ") and could not be retried: the component is stopping", rejected));
        }
    }
}

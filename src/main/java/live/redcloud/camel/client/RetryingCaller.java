package live.redcloud.camel.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudConnectionException;
import live.redcloud.camel.model.RedCloudException;
import live.redcloud.camel.model.RedCloudSendOutcomeUnknownException;
import live.redcloud.camel.secret.Redactor;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an HTTP call and, as {@link RetryPolicy} allows, runs it again after a pause scheduled on a timer: no thread
 * sleeps while a retry waits. A failure left after the last attempt is reported as a typed error: a
 * {@link RedCloudConnectionException} for anything on the network, naming host, port and attempts; for a send after
 * an attempt that may have reached Red Cloud, a {@link RedCloudSendOutcomeUnknownException} with its key.
 *
 * <p>Threads: an attempt starts on the caller's thread, or on the timer after a retry pause; its outcome is handled on
 * the thread that completed it (an I/O thread, or the timer when a deadline ended it). Nothing here blocks, and the
 * exchange never continues here: the producer hands over.
 */
final class RetryingCaller {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingCaller.class);

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Redactor redactor;

    RetryingCaller(RetryPolicy policy, ScheduledExecutorService scheduler, Redactor redactor) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.redactor = redactor;
    }

    /**
     * @param operation the call in Red Cloud's words ({@code send}, {@code token request}), for messages
     * @param target    where the call goes, for messages
     * @param idempotencyKey the key of a send, {@code null} for calls that change nothing
     * @param attempt   starts one attempt; must send the same request each time
     * @return the last result (successful or not) or the last failure
     */
    CompletableFuture<HttpResult> call(
            String operation, URI target, String idempotencyKey, Supplier<CompletableFuture<HttpResult>> attempt) {
        CompletableFuture<HttpResult> outcome = new CompletableFuture<>();
        new Run(operation, target, idempotencyKey, attempt, outcome).attempt(0);
        return outcome;
    }

    /**
     * Whether the request of a failed attempt may have reached Red Cloud: not when the failure says no connection was
     * made (refused, unreachable, unknown host, connect timeout, TLS handshake, no pooled connection in time) or when
     * it came before the request (a token that could not be had, a typed {@link RedCloudException}).
     */
    static boolean mayHaveArrived(Throwable failure) {
        Throwable cause = RetryPolicy.unwrap(failure);
        if (cause instanceof RedCloudException
                || cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || cause instanceof ConnectTimeoutException
                || cause instanceof SSLHandshakeException
                || cause instanceof RequestNotExecutedException
                || cause instanceof ResponseTooLargeException) {
            return false;
        }
        // a TimeoutException (not an IOException) is "no pooled connection free in time"
        return cause instanceof IOException;
    }

    private final class Run {
        private final String operation;
        private final URI target;
        private final String idempotencyKey;
        private final Supplier<CompletableFuture<HttpResult>> attempt;
        private final CompletableFuture<HttpResult> outcome;
        /** Set once an attempt failed after its request may have been written; read on the next attempt's thread. */
        private volatile boolean mayHaveArrived;

        Run(
                String operation,
                URI target,
                String idempotencyKey,
                Supplier<CompletableFuture<HttpResult>> attempt,
                CompletableFuture<HttpResult> outcome) {
            this.operation = operation;
            this.target = target;
            this.idempotencyKey = idempotencyKey;
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
                if (failure != null && mayHaveArrived(failure)) {
                    mayHaveArrived = true;
                }
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
                // an I/O failure can quote what the server sent (a malformed header line, a proxy's refusal)
                cause = redactor.redacted(cause);
                RedCloudConnectionException failed =
                        new RedCloudConnectionException("Red Cloud " + operation, hostAndPort(target), attempts, cause);
                cause = idempotencyKey != null && mayHaveArrived
                        ? new RedCloudSendOutcomeUnknownException(idempotencyKey, failed)
                        : failed;
            }
            outcome.completeExceptionally(cause);
        }
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}

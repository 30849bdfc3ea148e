package live.redcloud.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Delivers webhook events: signed POSTs, retried on non-2xx, I/O errors and timeouts after 1, 5, 15 and 60 minutes
 * (each times {@code retryScale}, counted from the end of the previous attempt), then given up [WH].
 *
 * <p>Events of one message go out strictly one after another: the next waits until the previous one was delivered
 * or failed terminally, so a receiver never sees {@code message.sent} before {@code message.queued} was settled.
 * Different messages are delivered in parallel.
 */
final class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    /** Delays before attempts 2, 3, 4 and 5 [WH]. */
    static final List<Duration> RETRY_DELAYS =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60));

    static final int MAX_ATTEMPTS = RETRY_DELAYS.size() + 1;

    /** Red Cloud's response timeout is not documented; 5 s keeps a hung receiver from stalling tests. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final SandboxSettings settings;
    private final SandboxActivity activity;
    private final Faults faults;

    /** Per-message queues; a message's entry exists while it has an event in flight. Guarded by itself. */
    private final Map<String, ArrayDeque<OutgoingEvent>> lanes = new HashMap<>();

    private volatile boolean closed;

    WebhookDispatcher(
            HttpClient client,
            ScheduledExecutorService scheduler,
            SandboxSettings settings,
            SandboxActivity activity,
            Faults faults) {
        this.client = client;
        this.scheduler = scheduler;
        this.settings = settings;
        this.activity = activity;
        this.faults = faults;
    }

    void enqueue(OutgoingEvent event) {
        boolean idle;
        synchronized (lanes) {
            ArrayDeque<OutgoingEvent> lane = lanes.computeIfAbsent(event.messageId(), id -> new ArrayDeque<>());
            idle = lane.isEmpty();
            lane.addLast(event);
        }
        if (idle) {
            attempt(event, 1);
        }
    }

    void close() {
        closed = true;
    }

    private void settled(OutgoingEvent event) {
        OutgoingEvent next;
        synchronized (lanes) {
            ArrayDeque<OutgoingEvent> lane = lanes.get(event.messageId());
            lane.pollFirst();
            next = lane.peekFirst();
            if (next == null) {
                lanes.remove(event.messageId());
            }
        }
        if (next != null) {
            attempt(next, 1);
        }
    }

    private void attempt(OutgoingEvent event, int attempt) {
        if (closed) {
            return;
        }
        Instant at = settings.clock.instant();
        if (event.url() == null) {
            activity.attempted(new WebhookAttempt(
                    event.eventId(),
                    event.type(),
                    event.messageId(),
                    null,
                    attempt,
                    null,
                    "no webhook configured",
                    at,
                    WebhookAttempt.Outcome.NO_WEBHOOK_CONFIGURED));
            LOG.fine(() -> "no webhook configured for " + event.type() + " of " + event.messageId() + ": skipped");
            settled(event);
            return;
        }
        if (faults.drawWebhookFailure()) {
            onResult(event, attempt, at, null, new java.io.IOException("injected fault: receiver unreachable"));
            return;
        }
        HttpRequest request;
        try {
            request = request(event);
        } catch (RuntimeException e) {
            onResult(event, attempt, at, null, e);
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> onResult(event, attempt, at, response, error));
    }

    /** Timestamp and signature are made per attempt, so a retry carries a fresh timestamp over the same body. */
    private HttpRequest request(OutgoingEvent event) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(event.url()))
                .timeout(ATTEMPT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "RedCloud-Sandbox-Webhooks/1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()));
        String secret = settings.signingSecret();
        if (secret != null) {
            String timestamp = Long.toString(settings.clock.instant().getEpochSecond());
            b.header(WebhookSigner.TIMESTAMP_HEADER, timestamp);
            b.header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, event.body()));
        }
        return b.build();
    }

    private void onResult(OutgoingEvent event, int attempt, Instant at, HttpResponse<Void> response, Throwable error) {
        Integer status = response == null ? null : response.statusCode();
        String errorText = error == null ? null : describe(error);
        if (status != null && status >= 200 && status < 300) {
            activity.attempted(new WebhookAttempt(
                    event.eventId(),
                    event.type(),
                    event.messageId(),
                    event.url(),
                    attempt,
                    status,
                    null,
                    at,
                    WebhookAttempt.Outcome.DELIVERED));
            activity.delivered(new DeliveredEvent(
                    event.eventId(),
                    event.type(),
                    event.messageId(),
                    event.sequence(),
                    event.url(),
                    new String(event.body(), java.nio.charset.StandardCharsets.UTF_8),
                    attempt,
                    at));
            LOG.fine(() -> event.type() + " of " + event.messageId() + " delivered to " + safe(event.url())
                    + " (attempt " + attempt + ")");
            settled(event);
            return;
        }
        String what = status != null ? "HTTP " + status : errorText;
        if (attempt < MAX_ATTEMPTS && !closed) {
            activity.attempted(new WebhookAttempt(
                    event.eventId(),
                    event.type(),
                    event.messageId(),
                    event.url(),
                    attempt,
                    status,
                    errorText,
                    at,
                    WebhookAttempt.Outcome.RETRY_SCHEDULED));
            long delayNanos = scaled(RETRY_DELAYS.get(attempt - 1));
            LOG.info(() -> event.type() + " of " + event.messageId() + " to " + safe(event.url()) + " failed (" + what
                    + ", attempt " + attempt + "); retrying in "
                    + Duration.ofNanos(delayNanos).toMillis() + " ms");
            try {
                scheduler.schedule(() -> attempt(event, attempt + 1), delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                // the sandbox is closing
            }
            return;
        }
        activity.attempted(new WebhookAttempt(
                event.eventId(),
                event.type(),
                event.messageId(),
                event.url(),
                attempt,
                status,
                errorText,
                at,
                WebhookAttempt.Outcome.FAILED_TERMINALLY));
        LOG.warning(() -> event.type() + " of " + event.messageId() + " to " + safe(event.url()) + " failed (" + what
                + ") after " + attempt + " attempts: terminal failure");
        settled(event);
    }

    private long scaled(Duration delay) {
        return (long) (delay.toNanos() * settings.retryScale());
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** URLs are logged without their query string, which may carry a receiver's secret. */
    private static String safe(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }
}

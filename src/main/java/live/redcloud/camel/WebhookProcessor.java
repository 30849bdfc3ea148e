package live.redcloud.camel;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.webhook.DedupKeys;
import live.redcloud.camel.webhook.EventGate;
import live.redcloud.camel.webhook.EventParser;
import live.redcloud.camel.webhook.RefusalLog;
import live.redcloud.camel.webhook.SignatureVerifier;
import live.redcloud.camel.webhook.WebhookCounters;
import live.redcloud.camel.webhook.WebhookOutcome;
import live.redcloud.camel.webhook.WebhookRefusal;
import live.redcloud.camel.webhook.WebhookTimestamps;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one webhook request, in the order Red Cloud's contract demands: raw bytes (capped), both signature headers,
 * constant-time signature check, optional timestamp window, only then JSON; then dedup and routing of the event on a
 * fresh exchange. The HTTP answer is 2xx only once the route has succeeded, so a failure makes Red Cloud redeliver.
 */
final class WebhookProcessor extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);
    static final String TIMESTAMP_HEADER = "X-RedCloud-Timestamp";
    static final String SIGNATURE_HEADER = "X-RedCloud-Signature";

    private final RedCloudWebhookConsumer consumer;
    private final SignatureVerifier verifier;
    private final EventParser parser;
    private final EventGate gate;

    private final WebhookCounters counters;
    private final int maxBodySize;
    private final Duration timestampTolerance;
    private final Set<String> eventTypes;
    private final String path;
    private final RefusalLog refusals;
    private final Clock clock = Clock.systemUTC();

    WebhookProcessor(
            RedCloudWebhookConsumer consumer,
            SignatureVerifier verifier,
            EventParser parser,
            EventGate gate,
            WebhookCounters counters,
            int maxBodySize,
            Duration timestampTolerance,
            Set<String> eventTypes) {
        this.consumer = consumer;
        this.verifier = verifier;
        this.parser = parser;
        this.gate = gate;
        this.counters = counters;
        this.maxBodySize = maxBodySize;
        this.timestampTolerance = timestampTolerance;
        this.eventTypes = eventTypes;
        this.path = consumer.getPath();
        this.refusals = new RefusalLog(path, clock);
    }

    @Override
    public boolean process(Exchange http, AsyncCallback callback) {
        try {
            return handle(http, callback);
        } catch (RuntimeException e) {
            // e.g. the idempotent repository is down: Red Cloud must retry, and the exchange must still complete
            consumerError(
                    null,
                    "Could not handle a webhook request on POST " + path + "; answering 500 so Red Cloud redelivers it",
                    e);
            return answer(http, WebhookOutcome.FAILED, callback);
        }
    }

    /**
     * A failure of the consumer itself, not of the route: the consumer's exceptionHandler decides what happens (logs it
     * by default; with bridgeErrorHandler=true the route's error handler gets it, on a fresh exchange that carries the
     * event when it is known, never the HTTP request).
     */
    private void consumerError(RedCloudEvent event, String message, RuntimeException e) {
        Exchange exchange = null;
        if (event != null) {
            exchange = consumer.createExchange(false);
            exchange.getMessage().setBody(event);
            setIfPresent(exchange.getMessage(), RedCloudConstants.EVENT_TYPE, event.getType());
            setIfPresent(exchange.getMessage(), RedCloudConstants.MESSAGE_ID, event.getMessageId());
        }
        consumer.getExceptionHandler().handleException(message, exchange, e);
    }

    private boolean refuse(Exchange http, WebhookRefusal refusal, AsyncCallback callback) {
        refusals.refused(refusal);
        return answer(http, refusal.outcome(), callback);
    }

    private boolean handle(Exchange http, AsyncCallback callback) {
        Message request = http.getMessage();
        String timestamp = request.getHeader(TIMESTAMP_HEADER, String.class);
        String signature = request.getHeader(SIGNATURE_HEADER, String.class);

        byte[] raw = readCapped(request);
        if (raw == null) {
            return refuse(http, WebhookRefusal.TOO_LARGE, callback);
        }
        if (verifier != null) {
            if (isEmpty(timestamp) || isEmpty(signature)) {
                return refuse(http, WebhookRefusal.MISSING_HEADER, callback);
            }
            if (!verifier.verify(timestamp, raw, signature)) {
                return refuse(http, WebhookRefusal.SIGNATURE_MISMATCH, callback);
            }
        }
        if (!timestampTolerance.isZero()
                && !WebhookTimestamps.isWithin(timestamp, clock.instant(), timestampTolerance)) {
            return refuse(http, WebhookRefusal.STALE_TIMESTAMP, callback);
        }
        RedCloudEvent event;
        try {
            event = parser.parse(raw);
        } catch (EventParser.MalformedEventException e) {
            return refuse(http, e.refusal(), callback);
        }
        if (!eventTypes.isEmpty() && (event.getType() == null || !eventTypes.contains(event.getType()))) {
            return answer(http, WebhookOutcome.IGNORED, callback);
        }
        String key = DedupKeys.keyFor(event, raw);
        EventGate.Admission admission;
        try {
            admission = gate.enter(key);
        } catch (RuntimeException e) {
            consumerError(
                    event,
                    "Could not look up or claim webhook event " + key + " in the idempotentRepository"
                            + " or claimRepository; answering 500 so Red Cloud redelivers it",
                    e);
            return answer(http, WebhookOutcome.FAILED, callback);
        }
        if (admission.refusal() == EventGate.Refusal.DUPLICATE) {
            return answer(http, WebhookOutcome.DUPLICATE, callback);
        }
        if (admission.refusal() == EventGate.Refusal.BUSY) {
            return answer(http, WebhookOutcome.IN_PROGRESS, callback);
        }
        return route(http, event, key, timestamp, admission.entry(), callback);
    }

    private boolean route(
            Exchange http,
            RedCloudEvent event,
            String key,
            String timestamp,
            EventGate.Entry entry,
            AsyncCallback callback) {
        // a fresh exchange: no header of the HTTP request reaches the route
        Exchange exchange = consumer.createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(event);
        setIfPresent(message, RedCloudConstants.EVENT_TYPE, event.getType());
        setIfPresent(message, RedCloudConstants.MESSAGE_ID, event.getMessageId());
        setIfPresent(message, RedCloudConstants.EXTERNAL_REFERENCE, event.getExternalReference());
        setIfPresent(message, RedCloudConstants.SEQUENCE, event.getSequence());
        setIfPresent(message, RedCloudConstants.PROVIDER_MESSAGE_REF, event.getProviderMessageRef());
        setIfPresent(message, RedCloudConstants.WEBHOOK_TIMESTAMP, timestamp);
        message.setHeader(RedCloudConstants.EVENT_KEY, key);
        AtomicBoolean answered = new AtomicBoolean();
        try {
            return consumer.getAsyncProcessor().process(exchange, doneSync -> {
                if (!answered.compareAndSet(false, true)) {
                    return;
                }
                WebhookOutcome outcome;
                try {
                    outcome = finish(exchange, key, entry);
                } finally {
                    consumer.releaseExchange(exchange, false);
                }
                answer(http, outcome, null);
                callback.done(doneSync);
            });
        } catch (RuntimeException e) {
            if (!answered.compareAndSet(false, true)) {
                // the route already completed and answered: completing again would call the callback twice
                LOG.warn("Webhook event {} was answered, then its processor threw", key, e);
                return true;
            }
            entry.failed();
            consumerError(
                    event, "Routing webhook event " + key + " failed; answering 500 so Red Cloud redelivers it", e);
            return answer(http, WebhookOutcome.FAILED, callback);
        }
    }

    private WebhookOutcome finish(Exchange exchange, String key, EventGate.Entry entry) {
        if (exchange.isFailed() || exchange.isRollbackOnly()) {
            // not marked as seen: Red Cloud's redelivery will be routed again. No stack trace here: the route's error
            // handler has already logged the failure its own way (or was told not to)
            LOG.warn(
                    "The route failed for webhook event {} ({}); answering 500 so Red Cloud redelivers it",
                    key,
                    exchange.getException() != null ? exchange.getException().toString() : "rollback only");
            entry.failed();
            return WebhookOutcome.FAILED;
        }
        // accepted whatever the stores do now: a routed event is never routed again because its record failed
        entry.succeeded();
        return WebhookOutcome.ACCEPTED;
    }

    /**
     * The body, or {@code null} when it is larger than {@code maxBodySize}. A declared Content-Length over the cap is
     * refused without touching the body, and a stream is never read past the cap; but the HTTP server may already have
     * read the whole request (Vert.x does), so a hard limit belongs on the server or proxy too (see the webhooks docs).
     */
    private byte[] readCapped(Message request) {
        Long declared = request.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBodySize) {
            return null;
        }
        Object body = request.getBody();
        if (body instanceof InputStream) {
            try (InputStream in = (InputStream) body) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBodySize + 1L));
                return bytes.length > maxBodySize ? null : bytes;
            } catch (IOException e) {
                return new byte[0];
            }
        }
        byte[] bytes = body == null ? new byte[0] : request.getBody(byte[].class);
        if (bytes == null) {
            bytes = new byte[0];
        }
        return bytes.length > maxBodySize ? null : bytes;
    }

    private boolean answer(Exchange http, WebhookOutcome outcome, AsyncCallback callback) {
        counters.record(outcome);
        Message response = http.getMessage();
        // nothing from the request is echoed back as a response header
        response.getHeaders().clear();
        response.setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.status());
        response.setHeader(Exchange.CONTENT_TYPE, "application/json");
        response.setBody(outcome.body());
        if (callback != null) {
            callback.done(true);
        }
        return true;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}

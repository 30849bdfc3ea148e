package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only inspection of what the sandbox did, for assertions in tests (the same data as {@code GET /sandbox/state}).
 * Every list is a snapshot in the order things happened.
 */
public final class SandboxAdmin {

    private final SandboxActivity activity;
    private final TokenStore tokens;
    private final IdempotencyStore idempotency;
    private final SandboxSettings settings;
    private final Faults faults;
    private final NumberRegistry numbers;

    SandboxAdmin(
            SandboxActivity activity,
            TokenStore tokens,
            IdempotencyStore idempotency,
            SandboxSettings settings,
            Faults faults,
            NumberRegistry numbers) {
        this.activity = activity;
        this.tokens = tokens;
        this.idempotency = idempotency;
        this.settings = settings;
        this.faults = faults;
        this.numbers = numbers;
    }

    /** Successful token responses so far. */
    public int tokensIssued() {
        return tokens.issuedCount();
    }

    /** Tokens neither expired nor revoked. */
    public int activeTokens() {
        return tokens.activeCount();
    }

    /** Every {@code POST /api/core/messages/send} received, whatever its outcome (401, 4xx, faults, replays included). */
    public int sendRequestCount() {
        return activity.sendRequests();
    }

    /** Sends answered from the idempotency store (same key, same payload). */
    public int replayCount() {
        return activity.replays();
    }

    /** Accepted messages, one per accepted recipient, oldest first. */
    public List<MessageRecord> messages() {
        return activity.messages();
    }

    public Optional<MessageRecord> message(String messageId) {
        return activity.message(messageId);
    }

    public List<MessageRecord> messagesForIdempotencyKey(String idempotencyKey) {
        return messages().stream()
                .filter(m -> m.idempotencyKey().equals(idempotencyKey))
                .toList();
    }

    /** How many messages each Idempotency-Key created; a duplicate send shows up as a count above the recipient count. */
    public Map<String, Integer> messageCountsByIdempotencyKey() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        messages().forEach(m -> counts.merge(m.idempotencyKey(), 1, Integer::sum));
        return counts;
    }

    public List<WebhookAttempt> webhookAttempts() {
        return activity.attempts();
    }

    public List<WebhookAttempt> webhookAttemptsFor(String messageId) {
        return webhookAttempts().stream()
                .filter(a -> a.messageId().equals(messageId))
                .toList();
    }

    public List<DeliveredEvent> deliveredEvents() {
        return activity.delivered();
    }

    public List<DeliveredEvent> deliveredEventsFor(String messageId) {
        return deliveredEvents().stream()
                .filter(e -> e.messageId().equals(messageId))
                .toList();
    }

    public List<InboundMessage> inboundMessages() {
        return activity.inbound();
    }

    /**
     * Forgets recorded activity and stored idempotency keys (tokens and settings stay), so one sandbox can serve
     * several tests. Deliveries already scheduled still happen and are recorded afresh.
     */
    public void clearHistory() {
        activity.clear();
        idempotency.clear();
    }

    /** The JSON served by {@code GET /sandbox/state}. Never contains secrets or tokens. */
    public String stateJson() {
        return Json.string(state());
    }

    ObjectNode state() {
        ObjectNode s = Json.object();
        ObjectNode config = s.putObject("config");
        config.put("clientId", settings.clientId);
        config.put("deliveryWebhookUrl", settings.deliveryWebhookUrl());
        config.put("inboundWebhookUrl", settings.inboundWebhookUrl());
        config.put("signingEnabled", settings.signingSecret() != null);
        config.put("tokenLifetimeSeconds", settings.tokenLifetime().toSeconds());
        config.put("retryScale", settings.retryScale());
        config.put("eventDelayMs", settings.eventDelay().toMillis());
        s.set("faults", faults.toJson());
        ArrayNode nums = s.putArray("numbers");
        numbers.all().forEach(n -> nums.add(n.toJson().put("ownerClientId", n.ownerClientId())));
        s.put("tokensIssued", tokensIssued());
        s.put("activeTokens", activeTokens());
        s.put("sendRequests", sendRequestCount());
        s.put("replays", replayCount());
        ArrayNode msgs = s.putArray("messages");
        for (MessageRecord m : messages()) {
            ObjectNode n = msgs.addObject();
            n.put("messageId", m.messageId());
            n.put("sendFrom", m.sendFrom());
            n.put("to", m.to());
            n.put("messageType", m.messageType());
            n.put("text", m.text());
            ArrayNode media = n.putArray("mediaUrls");
            m.mediaUrls().forEach(media::add);
            n.put("externalReference", m.externalReference());
            n.put("idempotencyKey", m.idempotencyKey());
            n.put("status", m.status());
            n.put("createdAt", m.createdAt().toString());
        }
        ObjectNode counts = s.putObject("messageCountsByIdempotencyKey");
        messageCountsByIdempotencyKey().forEach(counts::put);
        ArrayNode att = s.putArray("webhookAttempts");
        for (WebhookAttempt a : webhookAttempts()) {
            ObjectNode n = att.addObject();
            n.put("eventId", a.eventId());
            n.put("eventType", a.eventType());
            n.put("messageId", a.messageId());
            n.put("url", a.url());
            n.put("attempt", a.attempt());
            if (a.statusCode() == null) {
                n.putNull("statusCode");
            } else {
                n.put("statusCode", a.statusCode());
            }
            n.put("error", a.error());
            n.put("at", a.at().toString());
            n.put("outcome", a.outcome().name());
        }
        ArrayNode del = s.putArray("deliveredEvents");
        for (DeliveredEvent e : deliveredEvents()) {
            ObjectNode n = del.addObject();
            n.put("eventId", e.eventId());
            n.put("type", e.type());
            n.put("messageId", e.messageId());
            if (e.sequence() == null) {
                n.putNull("sequence");
            } else {
                n.put("sequence", e.sequence());
            }
            n.put("url", e.url());
            n.put("attempts", e.attempts());
            n.put("deliveredAt", e.deliveredAt().toString());
            n.set(
                    "body",
                    Json.parse(e.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .orElse(null));
        }
        ArrayNode in = s.putArray("inboundMessages");
        for (InboundMessage m : inboundMessages()) {
            ObjectNode n = in.addObject();
            n.put("messageId", m.messageId());
            n.put("eventId", m.eventId());
            n.put("from", m.from());
            n.put("to", m.to());
            n.put("numberId", m.numberId());
            n.put("text", m.text());
            n.put("occurredAt", m.occurredAt().toString());
        }
        return s;
    }
}

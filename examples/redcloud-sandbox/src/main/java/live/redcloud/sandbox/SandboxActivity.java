package live.redcloud.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything the sandbox records for inspection: counters, messages, webhook attempts, delivered events. */
final class SandboxActivity {

    private final AtomicInteger sendRequests = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private final Map<String, MessageRecord> messages = new LinkedHashMap<>();
    private final List<WebhookAttempt> attempts = new ArrayList<>();
    private final List<DeliveredEvent> delivered = new ArrayList<>();
    private final List<InboundMessage> inbound = new ArrayList<>();

    void sendRequestReceived() {
        sendRequests.incrementAndGet();
    }

    void replayed() {
        replays.incrementAndGet();
    }

    int sendRequests() {
        return sendRequests.get();
    }

    int replays() {
        return replays.get();
    }

    synchronized void messageCreated(MessageRecord message) {
        messages.put(message.messageId(), message);
    }

    synchronized void messageStatus(String messageId, String status) {
        messages.computeIfPresent(messageId, (id, m) -> m.withStatus(status));
    }

    synchronized List<MessageRecord> messages() {
        return List.copyOf(messages.values());
    }

    synchronized Optional<MessageRecord> message(String messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    synchronized void attempted(WebhookAttempt attempt) {
        attempts.add(attempt);
    }

    synchronized List<WebhookAttempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized void delivered(DeliveredEvent event) {
        delivered.add(event);
    }

    synchronized List<DeliveredEvent> delivered() {
        return List.copyOf(delivered);
    }

    synchronized void inboundReceived(InboundMessage message) {
        inbound.add(message);
    }

    synchronized List<InboundMessage> inbound() {
        return List.copyOf(inbound);
    }

    synchronized void clear() {
        sendRequests.set(0);
        replays.set(0);
        messages.clear();
        attempts.clear();
        delivered.clear();
        inbound.clear();
    }
}

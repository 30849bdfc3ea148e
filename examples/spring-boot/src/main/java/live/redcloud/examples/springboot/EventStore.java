package live.redcloud.examples.springboot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import live.redcloud.camel.model.RedCloudEvent;
import org.springframework.stereotype.Component;

/**
 * The webhook route's sink: remembers every event it was handed, in arrival order. A real application would update
 * its own records here (an order's delivery status, say); the store keeps the example and its tests simple.
 */
@Component
public class EventStore {

    /** What was kept of one event. */
    public record RecordedEvent(
            String type,
            String messageId,
            Long sequence,
            String status,
            String externalReference,
            Instant receivedAt) {}

    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

    /** Called by the webhook route with the verified, parsed event. */
    public void record(RedCloudEvent event) {
        events.add(new RecordedEvent(
                event.getType(),
                event.getMessageId(),
                event.getSequence(),
                event.getStatus(),
                event.getExternalReference(),
                Instant.now()));
    }

    public List<RecordedEvent> all() {
        return List.copyOf(events);
    }

    public List<RecordedEvent> forMessage(String messageId) {
        return events.stream()
                .filter(e -> Objects.equals(e.messageId(), messageId))
                .toList();
    }

    public void clear() {
        events.clear();
    }
}

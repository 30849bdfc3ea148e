package live.redcloud.camel.webhook;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How many webhook requests ended in each {@link WebhookOutcome}: for health and operations views. */
public final class WebhookCounters {

    private final Map<WebhookOutcome, LongAdder> counts = new EnumMap<>(WebhookOutcome.class);

    public WebhookCounters() {
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    public void record(WebhookOutcome outcome) {
        counts.get(outcome).increment();
    }

    public long count(WebhookOutcome outcome) {
        return counts.get(outcome).sum();
    }

    /** A snapshot, outcome to count. */
    public Map<WebhookOutcome, Long> snapshot() {
        Map<WebhookOutcome, Long> copy = new EnumMap<>(WebhookOutcome.class);
        counts.forEach((outcome, adder) -> copy.put(outcome, adder.sum()));
        return copy;
    }
}

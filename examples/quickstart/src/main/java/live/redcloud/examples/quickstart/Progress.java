package live.redcloud.examples.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the quick start has seen so far; the routes call it (bean {@code progress}) and {@link QuickStart} waits on it.
 */
public class Progress {

    private final CompletableFuture<String> sent = new CompletableFuture<>();
    private final CompletableFuture<String> delivered = new CompletableFuture<>();
    private final CompletableFuture<String> replied = new CompletableFuture<>();
    private final List<String> events = new ArrayList<>();

    /** The bring-up route sent its message. */
    public void sent(String messageId) {
        sent.complete(messageId);
    }

    /** A webhook event was routed. */
    public synchronized void event(String type, String messageId) {
        events.add(type + " " + messageId);
        if ("message.delivery".equals(type) && messageId != null && messageId.equals(sent.getNow(null))) {
            delivered.complete(messageId);
        }
    }

    /** The automatic reply to an inbound message was sent. */
    public void replied(String messageId) {
        replied.complete(messageId);
    }

    /** Every event routed so far, as "type messageId", in arrival order. */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The events of one message, in arrival order. */
    public synchronized List<String> eventsOf(String messageId) {
        List<String> of = new ArrayList<>();
        for (String e : events) {
            if (e.endsWith(" " + messageId)) {
                of.add(e.substring(0, e.indexOf(' ')));
            }
        }
        return of;
    }

    String awaitSent(Duration timeout) throws Exception {
        return await(sent, timeout, "the first send");
    }

    String awaitDelivered(Duration timeout) throws Exception {
        return await(delivered, timeout, "message.delivery for the sent message");
    }

    String awaitReplied(Duration timeout) throws Exception {
        return await(replied, timeout, "the automatic reply to an inbound message");
    }

    private static String await(CompletableFuture<String> step, Duration timeout, String what) throws Exception {
        try {
            return step.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("Gave up waiting " + timeout.toSeconds() + " s for " + what);
        }
    }
}

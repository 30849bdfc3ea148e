package live.redcloud.sandbox;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays an accepted message through its lifecycle, one event every {@code eventDelay}, and hands each event to the
 * dispatcher. Each step schedules the next, so the events of one message are created in order even with a
 * multi-threaded scheduler.
 */
final class MessageLifecycle {

    /** Messages to this recipient go queued -> failed instead of being delivered. */
    static final String FAILURE_RECIPIENT = "+15559999999";

    private final ScheduledExecutorService scheduler;
    private final SandboxSettings settings;
    private final NumberRegistry numbers;
    private final EventFactory events;
    private final WebhookDispatcher dispatcher;
    private final SandboxActivity activity;

    MessageLifecycle(
            ScheduledExecutorService scheduler,
            SandboxSettings settings,
            NumberRegistry numbers,
            EventFactory events,
            WebhookDispatcher dispatcher,
            SandboxActivity activity) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.numbers = numbers;
        this.events = events;
        this.dispatcher = dispatcher;
        this.activity = activity;
    }

    void start(MessageRecord message) {
        List<LifecycleStep> flow =
                message.to().equals(FAILURE_RECIPIENT) ? LifecycleStep.FAILED_FLOW : LifecycleStep.DELIVERED_FLOW;
        scheduleStep(message, flow, 0);
    }

    private void scheduleStep(MessageRecord message, List<LifecycleStep> flow, int index) {
        try {
            scheduler.schedule(
                    () -> {
                        emit(message, flow.get(index));
                        if (index + 1 < flow.size()) {
                            scheduleStep(message, flow, index + 1);
                        }
                    },
                    settings.eventDelay().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // the sandbox is closing: the rest of the lifecycle is simply not played
        }
    }

    private void emit(MessageRecord message, LifecycleStep step) {
        activity.messageStatus(message.messageId(), step.status());
        dispatcher.enqueue(events.lifecycle(message, step, deliveryUrl(message.sendFrom())));
    }

    /** The number's {@code webhookDeliveryOverride} wins over the account-level delivery webhook [NUM]. */
    private String deliveryUrl(String numberId) {
        String override = numbers.find(numberId)
                .map(SandboxNumber::webhookDeliveryOverride)
                .orElse(null);
        return override != null ? override : settings.deliveryWebhookUrl();
    }
}

package live.redcloud.sandbox;

import java.util.List;

/** One lifecycle event of an outbound message: its type, the status it reports, its sequence number. */
record LifecycleStep(String type, String status, int sequence) {

    static final String QUEUED = "message.queued";
    static final String SENT = "message.sent";
    static final String DELIVERY = "message.delivery";
    static final String FAILED = "message.failed";

    /** queued -> sent -> delivery: the successful flow [LIFE]. */
    static final List<LifecycleStep> DELIVERED_FLOW = List.of(
            new LifecycleStep(QUEUED, "QUEUED", 1),
            new LifecycleStep(SENT, "SENT", 2),
            new LifecycleStep(DELIVERY, "DELIVERED", 3));

    /** queued -> failed: the failed flow [LIFE]. */
    static final List<LifecycleStep> FAILED_FLOW =
            List.of(new LifecycleStep(QUEUED, "QUEUED", 1), new LifecycleStep(FAILED, "FAILED", 2));
}

package live.redcloud.camel;

import org.apache.camel.spi.Metadata;

/** Message headers the component reads and writes. */
public final class RedCloudConstants {

    // send: in

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "send: the sending numberId (overrides the sendFrom option).")
    public static final String SEND_FROM = "CamelRedCloudSendFrom";

    @Metadata(
            label = "producer",
            javaType = "Object",
            description = "send: recipients in E.164 form, as a comma-separated String or a List (overrides the"
                    + " to option).")
    public static final String TO = "CamelRedCloudTo";

    @Metadata(
            label = "producer",
            javaType = "String",
            enums = "SMS,MMS",
            description = "send: SMS or MMS (overrides the messageType option).")
    public static final String MESSAGE_TYPE = "CamelRedCloudMessageType";

    @Metadata(
            javaType = "String",
            description = "send: your correlation id, echoed in webhooks (overrides the externalReference option);"
                    + " consumer: the externalReference of the event.")
    public static final String EXTERNAL_REFERENCE = "CamelRedCloudExternalReference";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "send: the Idempotency-Key to use, as is; set it to a business key (an order id, say) when a"
                    + " send may be replayed from outside Camel, or to the key of an earlier send to replay it. When"
                    + " absent, the component derives one per send of each exchange, so retries and redeliveries"
                    + " reuse it and every copy of the exchange gets its own. The component never sets it.")
    public static final String IDEMPOTENCY_KEY = "CamelRedCloudIdempotencyKey";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "send, out: the Idempotency-Key of the send, set before the first attempt, so it is there"
                    + " when the send fails too. A separate header from CamelRedCloudIdempotencyKey, so a later send"
                    + " on the exchange, or on a copy of it, never reuses it by accident.")
    public static final String IDEMPOTENCY_KEY_USED = "CamelRedCloudIdempotencyKeyUsed";

    // send: out

    @Metadata(
            javaType = "String",
            description = "send: the messageId of the first accepted recipient; consumer: the event's messageId.")
    public static final String MESSAGE_ID = "CamelRedCloudMessageId";

    @Metadata(
            label = "producer",
            javaType = "java.util.List<String>",
            description = "send: the messageIds of all accepted recipients, in order.")
    public static final String MESSAGE_IDS = "CamelRedCloudMessageIds";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "send: the status of the first accepted recipient (QUEUED: accepted by Red Cloud, not yet"
                    + " delivered).")
    public static final String STATUS = "CamelRedCloudStatus";

    @Metadata(label = "producer", javaType = "Integer", description = "send: how many recipients were accepted.")
    public static final String ACCEPTED_COUNT = "CamelRedCloudAcceptedCount";

    @Metadata(label = "producer", javaType = "Integer", description = "send: how many recipients were rejected.")
    public static final String REJECTED_COUNT = "CamelRedCloudRejectedCount";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "Red Cloud's requestId for the call, when Red Cloud gave one (on errors too): quote it to"
                    + " Red Cloud support.")
    public static final String REQUEST_ID = "CamelRedCloudRequestId";

    // search-numbers: in

    @Metadata(label = "producer", javaType = "String", description = "search-numbers: area code (overrides npa).")
    public static final String NPA = "CamelRedCloudNpa";

    @Metadata(label = "producer", javaType = "String", description = "search-numbers: exchange (overrides nxx).")
    public static final String NXX = "CamelRedCloudNxx";

    @Metadata(label = "producer", javaType = "String", description = "search-numbers: city (overrides city).")
    public static final String CITY = "CamelRedCloudCity";

    @Metadata(label = "producer", javaType = "String", description = "search-numbers: state (overrides state).")
    public static final String STATE = "CamelRedCloudState";

    @Metadata(label = "producer", javaType = "String", description = "search-numbers: ZIP code (overrides zipCode).")
    public static final String ZIP_CODE = "CamelRedCloudZipCode";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "search-numbers: rate center (overrides rateCenter).")
    public static final String RATE_CENTER = "CamelRedCloudRateCenter";

    // webhook consumer: out

    @Metadata(
            label = "consumer",
            javaType = "String",
            description = "The event type, e.g. message.delivery or message.inbound.")
    public static final String EVENT_TYPE = "CamelRedCloudEventType";

    @Metadata(
            label = "consumer",
            javaType = "Long",
            description = "The event's sequence: the ordering key of a message's lifecycle events.")
    public static final String SEQUENCE = "CamelRedCloudSequence";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description = "On message.delivery: the carrier's reference for the message, if Red Cloud has one.")
    public static final String PROVIDER_MESSAGE_REF = "CamelRedCloudProviderMessageRef";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description =
                    "The event's dedup key (type:messageId:sequence, or sha256: and the hash of the body): the same"
                            + " on every redelivery and on every instance. Key the route's own writes by it (an inbox"
                            + " table in the effect's transaction) to apply each event exactly once.")
    public static final String EVENT_KEY = "CamelRedCloudEventKey";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description = "The X-RedCloud-Timestamp the webhook was signed with, as received.")
    public static final String WEBHOOK_TIMESTAMP = "CamelRedCloudWebhookTimestamp";

    private RedCloudConstants() {}
}

package live.redcloud.camel.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;

/**
 * A webhook event from Red Cloud: a delivery lifecycle event ({@code message.queued}, {@code message.sent},
 * {@code message.delivery}, {@code message.failed}) or an inbound message ({@code message.inbound}). Red Cloud's public
 * docs do not show the payloads, so the model is lenient: the typed fields are the ones the docs name, every other field
 * is kept in {@link #getAdditionalProperties()}, and {@link #getRawJson()} is the body exactly as it was signed.
 */
public class RedCloudEvent extends ExtensibleModel {

    public static final String QUEUED = "message.queued";
    public static final String SENT = "message.sent";
    public static final String DELIVERY = "message.delivery";
    public static final String FAILED = "message.failed";
    public static final String INBOUND = "message.inbound";

    private String type;
    private String eventId;
    private String messageId;
    private String externalReference;
    private Long sequence;
    private String status;
    private String from;
    private String to;
    private String numberId;
    private String text;
    private String occurredAt;
    private String providerMessageRef;
    private String failureCode;
    private String failureReason;
    private String rawJson;

    /** The event type, e.g. {@code message.delivery} (read from {@code type}, else {@code eventType} or {@code event}). */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getExternalReference() {
        return externalReference;
    }

    public void setExternalReference(String externalReference) {
        this.externalReference = externalReference;
    }

    /** Ordering key of a message's lifecycle events: process them by it, not by arrival. */
    public Long getSequence() {
        return sequence;
    }

    @JsonSetter("sequence")
    public void setSequenceValue(Object value) {
        if (value instanceof Number) {
            sequence = ((Number) value).longValue();
        } else if (value instanceof String && ((String) value).trim().matches("-?\\d{1,18}")) {
            sequence = Long.parseLong(((String) value).trim());
        } else if (value != null) {
            // not a number: keep it visible rather than drop it
            setAdditionalProperty("sequence", value);
        }
    }

    @JsonIgnore
    public void setSequence(Long sequence) {
        this.sequence = sequence;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    /** Inbound: the sender's E.164 number. */
    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    /** Outbound: the recipient; inbound: your number that received it. */
    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getNumberId() {
        return numberId;
    }

    public void setNumberId(String numberId) {
        this.numberId = numberId;
    }

    /** Inbound: the message text. */
    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(String occurredAt) {
        this.occurredAt = occurredAt;
    }

    /** On {@code message.delivery}: the carrier's reference, if Red Cloud has one. */
    public String getProviderMessageRef() {
        return providerMessageRef;
    }

    public void setProviderMessageRef(String providerMessageRef) {
        this.providerMessageRef = providerMessageRef;
    }

    public String getFailureCode() {
        return failureCode;
    }

    public void setFailureCode(String failureCode) {
        this.failureCode = failureCode;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public void setFailureReason(String failureReason) {
        this.failureReason = failureReason;
    }

    /** The body exactly as Red Cloud sent and signed it. */
    @JsonIgnore
    public String getRawJson() {
        return rawJson;
    }

    @JsonIgnore
    public void setRawJson(String rawJson) {
        this.rawJson = rawJson;
    }

    @JsonIgnore
    public boolean isInbound() {
        return INBOUND.equals(type);
    }

    @Override
    public String toString() {
        return "RedCloudEvent[type=" + type + ", messageId=" + messageId + ", sequence=" + sequence + ", status="
                + status + ", externalReference=" + externalReference + "]";
    }
}

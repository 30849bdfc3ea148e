package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Red Cloud number held by the sandbox, as listed by {@code GET /api/core/numbers}. A live handle:
 * changes (e.g. {@link #webhookDeliveryOverride(String)}) apply to the running sandbox at once and are thread-safe.
 * Red Cloud's own number-update call is not visible in the public docs, so these setters stand in for it.
 */
public final class SandboxNumber {

    private final String numberId;
    private final String e164;
    private final String ownerClientId;
    private volatile String status;
    private volatile String campaignRegId;
    private volatile boolean smsEnabled;
    private volatile boolean mmsEnabled;
    private volatile String webhookInboundOverride;
    private volatile String webhookDeliveryOverride;

    SandboxNumber(
            String numberId,
            String e164,
            String ownerClientId,
            String campaignRegId,
            boolean smsEnabled,
            boolean mmsEnabled) {
        this.numberId = numberId;
        this.e164 = e164;
        this.ownerClientId = ownerClientId;
        this.status = "ACTIVE";
        this.campaignRegId = campaignRegId;
        this.smsEnabled = smsEnabled;
        this.mmsEnabled = mmsEnabled;
    }

    public String numberId() {
        return numberId;
    }

    public String e164() {
        return e164;
    }

    /** The API client that owns the number; sending from a number of another client is a 403. */
    public String ownerClientId() {
        return ownerClientId;
    }

    public String status() {
        return status;
    }

    /** Anything but {@code ACTIVE} makes sends from this number a 400. */
    public SandboxNumber status(String newStatus) {
        this.status = requireText(newStatus, "status");
        return this;
    }

    public String campaignRegId() {
        return campaignRegId;
    }

    /** {@code null} removes the campaign registration: sends then fail with "sendFrom must have campaignregId configured". */
    public SandboxNumber campaignRegId(String id) {
        this.campaignRegId = id;
        return this;
    }

    public boolean smsEnabled() {
        return smsEnabled;
    }

    public SandboxNumber smsEnabled(boolean enabled) {
        this.smsEnabled = enabled;
        return this;
    }

    public boolean mmsEnabled() {
        return mmsEnabled;
    }

    public SandboxNumber mmsEnabled(boolean enabled) {
        this.mmsEnabled = enabled;
        return this;
    }

    public String webhookInboundOverride() {
        return webhookInboundOverride;
    }

    /** Where this number's {@code message.inbound} events go instead of the account-level inbound URL; {@code null} clears. */
    public SandboxNumber webhookInboundOverride(String url) {
        this.webhookInboundOverride = WebhookUrls.checked(url);
        return this;
    }

    public String webhookDeliveryOverride() {
        return webhookDeliveryOverride;
    }

    /** Where this number's lifecycle events go instead of the account-level delivery URL; {@code null} clears. */
    public SandboxNumber webhookDeliveryOverride(String url) {
        this.webhookDeliveryOverride = WebhookUrls.checked(url);
        return this;
    }

    /** The list item exactly as documented for {@code GET /api/core/numbers} (unset overrides are {@code null}). */
    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("numberId", numberId);
        n.put("e164", e164);
        n.put("status", status);
        n.put("campaignRegId", campaignRegId);
        n.put("smsEnabled", smsEnabled);
        n.put("mmsEnabled", mmsEnabled);
        n.put("webhookInboundOverride", webhookInboundOverride);
        n.put("webhookDeliveryOverride", webhookDeliveryOverride);
        return n;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SandboxNumber[" + numberId + " " + e164 + "]";
    }
}

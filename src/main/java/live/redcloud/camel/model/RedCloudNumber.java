package live.redcloud.camel.model;

/**
 * One number assigned to the API client. Note the response spells {@code campaignRegId} (capital R) while Red Cloud's
 * update request spells {@code campaignregId}; both are Red Cloud's spellings.
 */
public class RedCloudNumber extends ExtensibleModel {

    private String numberId;
    private String e164;
    private String status;
    private String campaignRegId;
    private boolean smsEnabled;
    private boolean mmsEnabled;
    private String webhookInboundOverride;
    private String webhookDeliveryOverride;

    /** The value to use as {@code sendFrom}. */
    public String getNumberId() {
        return numberId;
    }

    public void setNumberId(String numberId) {
        this.numberId = numberId;
    }

    public String getE164() {
        return e164;
    }

    public void setE164(String e164) {
        this.e164 = e164;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCampaignRegId() {
        return campaignRegId;
    }

    public void setCampaignRegId(String campaignRegId) {
        this.campaignRegId = campaignRegId;
    }

    public boolean isSmsEnabled() {
        return smsEnabled;
    }

    public void setSmsEnabled(boolean smsEnabled) {
        this.smsEnabled = smsEnabled;
    }

    public boolean isMmsEnabled() {
        return mmsEnabled;
    }

    public void setMmsEnabled(boolean mmsEnabled) {
        this.mmsEnabled = mmsEnabled;
    }

    public String getWebhookInboundOverride() {
        return webhookInboundOverride;
    }

    public void setWebhookInboundOverride(String webhookInboundOverride) {
        this.webhookInboundOverride = webhookInboundOverride;
    }

    public String getWebhookDeliveryOverride() {
        return webhookDeliveryOverride;
    }

    public void setWebhookDeliveryOverride(String webhookDeliveryOverride) {
        this.webhookDeliveryOverride = webhookDeliveryOverride;
    }

    @Override
    public String toString() {
        return "RedCloudNumber[numberId=" + numberId + ", e164=" + e164 + ", status=" + status + ", smsEnabled="
                + smsEnabled + ", mmsEnabled=" + mmsEnabled + "]";
    }
}

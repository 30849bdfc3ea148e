package live.redcloud.camel.model;

import java.util.ArrayList;
import java.util.List;

/** Answer of {@code GET /api/core/whoami}: the calling API client, its capabilities and webhook setup. */
public class WhoAmI extends ExtensibleModel {

    private String apiClientId;
    private String apiClientName;
    private String apiClientStatus;
    private List<String> capabilities = new ArrayList<>();
    private AssignedNumbers assignedNumbers;
    private boolean inboundWebhookConfigured;
    private boolean deliveryWebhookConfigured;

    public String getApiClientId() {
        return apiClientId;
    }

    public void setApiClientId(String apiClientId) {
        this.apiClientId = apiClientId;
    }

    public String getApiClientName() {
        return apiClientName;
    }

    public void setApiClientName(String apiClientName) {
        this.apiClientName = apiClientName;
    }

    public String getApiClientStatus() {
        return apiClientStatus;
    }

    public void setApiClientStatus(String apiClientStatus) {
        this.apiClientStatus = apiClientStatus;
    }

    public List<String> getCapabilities() {
        return capabilities;
    }

    public void setCapabilities(List<String> capabilities) {
        this.capabilities = capabilities == null ? new ArrayList<>() : capabilities;
    }

    public AssignedNumbers getAssignedNumbers() {
        return assignedNumbers;
    }

    public void setAssignedNumbers(AssignedNumbers assignedNumbers) {
        this.assignedNumbers = assignedNumbers;
    }

    public boolean isInboundWebhookConfigured() {
        return inboundWebhookConfigured;
    }

    public void setInboundWebhookConfigured(boolean inboundWebhookConfigured) {
        this.inboundWebhookConfigured = inboundWebhookConfigured;
    }

    public boolean isDeliveryWebhookConfigured() {
        return deliveryWebhookConfigured;
    }

    public void setDeliveryWebhookConfigured(boolean deliveryWebhookConfigured) {
        this.deliveryWebhookConfigured = deliveryWebhookConfigured;
    }

    @Override
    public String toString() {
        return "WhoAmI[apiClientId=" + apiClientId + ", apiClientName=" + apiClientName + ", apiClientStatus="
                + apiClientStatus + ", capabilities=" + capabilities + "]";
    }
}

package live.redcloud.camel.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** Body of {@code POST /api/core/messages/send}. Unknown fields (e.g. future MMS options) pass through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sendFrom", "to", "messageType", "text", "mediaUrls", "externalReference"})
public class SendMessageRequest extends ExtensibleModel {

    private String sendFrom;
    private List<String> to;
    private String messageType;
    private String text;
    private List<String> mediaUrls;
    private String externalReference;

    /** A Red Cloud {@code numberId} (never an E.164 number). */
    public String getSendFrom() {
        return sendFrom;
    }

    public void setSendFrom(String sendFrom) {
        this.sendFrom = sendFrom;
    }

    /** Recipients in E.164 form. */
    public List<String> getTo() {
        return to;
    }

    public void setTo(List<String> to) {
        this.to = to == null ? null : new ArrayList<>(to);
    }

    /** {@code SMS} or {@code MMS}. */
    public String getMessageType() {
        return messageType;
    }

    public void setMessageType(String messageType) {
        this.messageType = messageType;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    /** MMS media; the field name is the sandbox's working assumption until Red Cloud's is confirmed. */
    public List<String> getMediaUrls() {
        return mediaUrls;
    }

    public void setMediaUrls(List<String> mediaUrls) {
        this.mediaUrls = mediaUrls == null ? null : new ArrayList<>(mediaUrls);
    }

    /** Your own correlation id, echoed back in webhooks. */
    public String getExternalReference() {
        return externalReference;
    }

    public void setExternalReference(String externalReference) {
        this.externalReference = externalReference;
    }

    @Override
    public String toString() {
        return "SendMessageRequest[sendFrom=" + sendFrom + ", to=" + to + ", messageType=" + messageType
                + ", externalReference=" + externalReference + "]";
    }
}

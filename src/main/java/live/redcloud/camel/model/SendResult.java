package live.redcloud.camel.model;

/** One accepted recipient of a send: {@code to}, {@code messageId}, {@code status} ({@code QUEUED}). */
public class SendResult extends ExtensibleModel {

    private String to;
    private String messageId;
    private String status;

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @Override
    public String toString() {
        return "SendResult[to=" + to + ", messageId=" + messageId + ", status=" + status + "]";
    }
}

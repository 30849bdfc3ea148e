package live.redcloud.camel.model;

/**
 * One rejected recipient of a send. Red Cloud's public docs do not show this shape; {@code to}, {@code code} and
 * {@code message} are the working assumption, and anything else is kept in the additional properties.
 */
public class SendError extends ExtensibleModel {

    private String to;
    private String code;
    private String message;

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public String toString() {
        return "SendError[to=" + to + ", code=" + code + ", message=" + message + "]";
    }
}

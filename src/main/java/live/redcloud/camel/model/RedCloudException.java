package live.redcloud.camel.model;

/**
 * Base of every error the Red Cloud component raises. Messages never contain credentials or tokens.
 */
public class RedCloudException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedCloudException(String message) {
        super(message);
    }

    public RedCloudException(String message, Throwable cause) {
        super(message, cause);
    }
}

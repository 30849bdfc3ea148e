package live.redcloud.camel.model;

/**
 * The token endpoint refused to issue a token: the OAuth-style {@code error} (e.g. {@code invalid_client}) and
 * {@code error_description}, with the HTTP status.
 */
public class RedCloudAuthenticationException extends RedCloudException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String error;
    private final String errorDescription;

    public RedCloudAuthenticationException(int statusCode, String error, String errorDescription, String bodyExcerpt) {
        super(describe(statusCode, error, errorDescription, bodyExcerpt));
        this.statusCode = statusCode;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    public RedCloudAuthenticationException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = 0;
        this.error = null;
        this.errorDescription = null;
    }

    private static String describe(int status, String error, String description, String excerpt) {
        StringBuilder sb = new StringBuilder("Red Cloud token request failed: HTTP ").append(status);
        if (error != null) {
            sb.append(' ').append(error);
            if (description != null) {
                sb.append(": ").append(description);
            }
        } else if (excerpt != null && !excerpt.isEmpty()) {
            sb.append(" - unexpected response body: ").append(excerpt);
        }
        return sb.toString();
    }

    /** HTTP status of the token response; 0 when no response was received. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The OAuth {@code error} code, e.g. {@code invalid_client}. */
    public String getError() {
        return error;
    }

    /** The OAuth {@code error_description}. */
    public String getErrorDescription() {
        return errorDescription;
    }
}

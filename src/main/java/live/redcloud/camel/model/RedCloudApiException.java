package live.redcloud.camel.model;

import java.util.Collections;
import java.util.Map;

/**
 * A {@code /api/core/*} call answered with an error: the HTTP status and Red Cloud's CORE error wrapper
 * ({@code error.code}, {@code error.message}, {@code error.details}, {@code requestId}). When the body is not the
 * wrapper (an HTML page from a proxy, say) the code is {@code null} and {@link #getBodyExcerpt()} holds the start of
 * the body.
 */
public class RedCloudApiException extends RedCloudException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;
    private final String errorMessage;
    private final transient Map<String, Object> details;
    private final String requestId;
    private final String bodyExcerpt;

    public RedCloudApiException(
            String operation,
            int statusCode,
            String errorCode,
            String errorMessage,
            Map<String, Object> details,
            String requestId,
            String bodyExcerpt) {
        super(describe(operation, statusCode, errorCode, errorMessage, requestId, bodyExcerpt));
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.details = details == null ? Collections.emptyMap() : Collections.unmodifiableMap(details);
        this.requestId = requestId;
        this.bodyExcerpt = bodyExcerpt;
    }

    private static String describe(
            String operation, int status, String code, String message, String requestId, String excerpt) {
        StringBuilder sb = new StringBuilder("Red Cloud ")
                .append(operation)
                .append(" failed: HTTP ")
                .append(status);
        if (code != null) {
            sb.append(' ').append(code);
        }
        if (message != null) {
            sb.append(": ").append(message);
        }
        if (requestId != null) {
            sb.append(" (requestId ").append(requestId).append(')');
        }
        if (code == null && excerpt != null && !excerpt.isEmpty()) {
            sb.append(" - unexpected response body: ").append(excerpt);
        }
        return sb.toString();
    }

    /** The HTTP status Red Cloud answered with. */
    public int getStatusCode() {
        return statusCode;
    }

    /** Red Cloud's machine-readable {@code error.code}, e.g. {@code INVALID_REQUEST}; {@code null} if none. */
    public String getErrorCode() {
        return errorCode;
    }

    /** Red Cloud's human-readable {@code error.message}. */
    public String getErrorMessage() {
        return errorMessage;
    }

    /** Red Cloud's {@code error.details} object (empty if absent). */
    public Map<String, Object> getDetails() {
        return details;
    }

    /** Red Cloud's {@code requestId}: quote it to Red Cloud support. */
    public String getRequestId() {
        return requestId;
    }

    /** The start of a response body that was not Red Cloud's error wrapper, or {@code null}. */
    public String getBodyExcerpt() {
        return bodyExcerpt;
    }
}

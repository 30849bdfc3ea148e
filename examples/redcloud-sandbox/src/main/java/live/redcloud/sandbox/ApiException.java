package live.redcloud.sandbox;

import java.util.Map;

/**
 * A CORE error, rendered as the documented wrapper
 * {@code {"error":{"code","message","details"},"requestId"}} [ERR].
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static ApiException invalidRequest(String message) {
        return new ApiException(400, "INVALID_REQUEST", message);
    }

    static ApiException unauthorized() {
        // The documented text [ERR]; WWW-Authenticate as RFC 6750 asks of a bearer-protected resource.
        return new ApiException(
                401,
                "UNAUTHORIZED",
                "Invalid or missing bearer token",
                Map.of("WWW-Authenticate", "Bearer realm=\"redcloud\""));
    }

    static ApiException notOwned() {
        return new ApiException(403, "FORBIDDEN", "sendFrom is not owned by this API client");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}

package live.redcloud.sandbox;

import java.util.Map;

/** A token-endpoint error, rendered OAuth style {@code {"error","error_description"}} (never the CORE wrapper) [ERR]. */
final class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    OAuthException(int status, String error, String description) {
        this(status, error, description, Map.of());
    }

    OAuthException(int status, String error, String description, Map<String, String> headers) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    Map<String, String> headers() {
        return headers;
    }
}

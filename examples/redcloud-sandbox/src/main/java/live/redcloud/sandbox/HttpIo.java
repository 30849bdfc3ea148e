package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/** Reading requests and writing responses on the JDK HTTP server. */
final class HttpIo {

    /** Request bodies above this are refused with 413: the sandbox is a test tool, not a storage service. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private HttpIo() {}

    /** Signals a body over {@link #MAX_BODY_BYTES}. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > MAX_BODY_BYTES) {
                    throw new BodyTooLargeException();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** True when the Content-Type's media type (parameters such as charset ignored) is {@code mediaType}. */
    static boolean hasContentType(HttpExchange exchange, String mediaType) {
        String value = exchange.getRequestHeaders().getFirst("Content-Type");
        if (value == null) {
            return false;
        }
        int semicolon = value.indexOf(';');
        String type =
                (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
        return type.equals(mediaType);
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendJson(exchange, status, Json.bytes(body), Map.of());
    }

    static void sendJson(HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void sendCoreError(HttpExchange exchange, ApiException e, String requestId) throws IOException {
        ObjectNode error = Json.object();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.putObject("details");
        ObjectNode body = Json.object();
        body.set("error", error);
        body.put("requestId", requestId);
        sendJson(exchange, e.status(), Json.bytes(body), e.headers());
    }

    static void sendOAuthError(HttpExchange exchange, OAuthException e) throws IOException {
        ObjectNode body = Json.object();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        sendJson(exchange, e.status(), Json.bytes(body), e.headers());
    }

    /** One FINE line per request ({@code --verbose}): method, path, status or "dropped". Never headers or bodies. */
    static void logOutcome(java.util.logging.Logger log, HttpExchange exchange, String suffix) {
        log.fine(() -> {
            int status = exchange.getResponseCode();
            return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " -> "
                    + (status < 0 ? "dropped, no response" : Integer.toString(status)) + suffix;
        });
    }

    /**
     * Closes the TCP connection without writing a status line: the client sees a dropped connection, not an HTTP
     * error. The JDK server closes the socket itself when an exchange is closed before
     * {@code sendResponseHeaders} was called.
     */
    static void drop(HttpExchange exchange) {
        exchange.close();
    }
}

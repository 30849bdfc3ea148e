package live.redcloud.camel.client;

import java.nio.charset.StandardCharsets;

/** A raw HTTP answer: status, the two headers the client acts on, and the body bytes. */
public final class HttpResult {

    private final int status;
    private final String contentType;
    private final String retryAfter;
    private final String requestIdHeader;
    private final byte[] body;

    public HttpResult(int status, String contentType, String retryAfter, String requestIdHeader, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.retryAfter = retryAfter;
        this.requestIdHeader = requestIdHeader;
        this.body = body == null ? new byte[0] : body;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The {@code Retry-After} header, or {@code null}. */
    public String retryAfter() {
        return retryAfter;
    }

    /** A request id header ({@code X-Request-Id}), if Red Cloud sent one. */
    public String requestIdHeader() {
        return requestIdHeader;
    }

    public byte[] body() {
        return body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The start of the body as text, for error messages: at most {@code max} characters, control characters dropped. */
    public String excerpt(int max) {
        String text = new String(body, 0, Math.min(body.length, max * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > sb.length() || body.length > max * 4) {
            sb.append("...");
        }
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return "HttpResult[status=" + status + ", bytes=" + body.length + "]";
    }
}

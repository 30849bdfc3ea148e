package live.redcloud.camel.client;

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

    @Override
    public String toString() {
        return "HttpResult[status=" + status + ", bytes=" + body.length + "]";
    }
}

package live.redcloud.camel.client;

/** A successful Red Cloud answer: the HTTP status, the decoded body and the request id if Red Cloud gave one. */
public final class ApiResult<T> {

    private final int status;
    private final T body;
    private final String requestId;

    ApiResult(int status, T body, String requestId) {
        this.status = status;
        this.body = body;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public T body() {
        return body;
    }

    /** Red Cloud's request id ({@code X-Request-Id} header or body field), or {@code null}. */
    public String requestId() {
        return requestId;
    }
}

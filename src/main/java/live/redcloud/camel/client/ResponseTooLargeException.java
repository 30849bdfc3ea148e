package live.redcloud.camel.client;

import java.io.IOException;

/**
 * An answer whose body grew past {@code maxResponseSize}; reading stopped there and the connection was closed. An
 * {@link IOException} because that is what HttpClient lets a body consumer throw without harming its I/O thread, but
 * never retried: the same request would get the same answer.
 */
public final class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ResponseTooLargeException(int status, long maxResponseSize) {
        super("the answer (HTTP " + status + ") is larger than maxResponseSize (" + maxResponseSize
                + " bytes); it was abandoned unread");
        this.status = status;
    }

    /** The HTTP status of the abandoned answer. */
    public int status() {
        return status;
    }
}

package live.redcloud.camel.client;

import java.time.Duration;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * What bounds one HTTP attempt: {@code requestTimeout} for the whole attempt (waiting for a pooled connection, writing
 * the request, reading the whole answer), {@code maxResponseSize} for the answer's body. Per call, not per pool, so
 * endpoints that differ only in these share one connection pool.
 */
public final class AttemptLimits {

    private final Duration requestTimeout;
    private final long maxResponseSize;
    private final RequestConfig requestConfig;

    public AttemptLimits(Duration requestTimeout, long maxResponseSize, Duration poolWait) {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        if (maxResponseSize < 1) {
            throw new IllegalArgumentException("maxResponseSize must be at least 1 byte, was " + maxResponseSize);
        }
        this.requestTimeout = requestTimeout;
        this.maxResponseSize = maxResponseSize;
        // silence on the socket ends an attempt too; the deadline covers an answer that trickles in
        this.requestConfig = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(requestTimeout))
                .setConnectionRequestTimeout(Timeout.of(poolWait))
                .setRedirectsEnabled(false)
                .build();
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public long maxResponseSize() {
        return maxResponseSize;
    }

    RequestConfig requestConfig() {
        return requestConfig;
    }
}

package live.redcloud.camel.client;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/** What shapes a pooled HTTP client. Endpoints with equal settings share one pool. */
public final class HttpTransportSettings {

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxConnections;
    private final SSLContext sslContext;

    public HttpTransportSettings(Duration connectTimeout, Duration requestTimeout, int maxConnections,
            SSLContext sslContext) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.sslContext = sslContext;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** A custom TLS context, or {@code null} for the JVM default. */
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpTransportSettings)) {
            return false;
        }
        HttpTransportSettings other = (HttpTransportSettings) o;
        return connectTimeout.equals(other.connectTimeout) && requestTimeout.equals(other.requestTimeout)
                && maxConnections == other.maxConnections && sslContext == other.sslContext;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, requestTimeout, maxConnections, System.identityHashCode(sslContext));
    }

    @Override
    public String toString() {
        return "HttpTransportSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxConnections=" + maxConnections + ", customTls=" + (sslContext != null) + "]";
    }
}

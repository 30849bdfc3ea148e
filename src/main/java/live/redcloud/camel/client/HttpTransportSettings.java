package live.redcloud.camel.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What shapes a connection pool: endpoints with equal settings share one {@link HttpTransport}. Per-call limits
 * ({@link AttemptLimits}) are not part of it, so endpoints that differ only in those share the pool too.
 */
public final class HttpTransportSettings {

    private final Duration connectTimeout;
    private final int maxConnections;
    private final TlsContextFactory tls;

    /**
     * @param tls the TLS context to use, or {@code null} for the JVM default
     */
    public HttpTransportSettings(Duration connectTimeout, int maxConnections, TlsContextFactory tls) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.tls = tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** The TLS context factory, or {@code null} for the JVM default. */
    public TlsContextFactory tls() {
        return tls;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpTransportSettings)) {
            return false;
        }
        HttpTransportSettings other = (HttpTransportSettings) o;
        return connectTimeout.equals(other.connectTimeout) && maxConnections == other.maxConnections
                && Objects.equals(tls, other.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, maxConnections, tls);
    }

    @Override
    public String toString() {
        return "HttpTransportSettings[connectTimeout=" + connectTimeout + ", maxConnections=" + maxConnections
                + ", customTls=" + (tls != null) + "]";
    }
}

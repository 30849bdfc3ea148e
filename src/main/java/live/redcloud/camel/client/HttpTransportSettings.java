package live.redcloud.camel.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What shapes a connection pool: endpoints with equal settings share one {@link HttpTransport}. Per-call limits
 * ({@link AttemptLimits}) are not part of it, so endpoints that differ only in those share the pool too. The proxy is
 * (the route planner and proxy credentials belong to the client); {@link #toString()} never shows proxy credentials.
 */
public final class HttpTransportSettings {

    private final Duration connectTimeout;
    private final int maxConnections;
    private final TlsContextFactory tls;
    private final ProxySettings proxy;

    /**
     * @param tls   the TLS context to use, or {@code null} for the JVM default
     * @param proxy the outbound proxy, or {@code null} (or {@link ProxySettings#NONE}) for direct connections
     */
    public HttpTransportSettings(
            Duration connectTimeout, int maxConnections, TlsContextFactory tls, ProxySettings proxy) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.tls = tls;
        this.proxy = proxy == null ? ProxySettings.NONE : proxy;
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

    /** The outbound proxy; {@link ProxySettings#NONE} for direct connections. */
    public ProxySettings proxy() {
        return proxy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpTransportSettings)) {
            return false;
        }
        HttpTransportSettings other = (HttpTransportSettings) o;
        return connectTimeout.equals(other.connectTimeout)
                && maxConnections == other.maxConnections
                && Objects.equals(tls, other.tls)
                && proxy.equals(other.proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, maxConnections, tls, proxy);
    }

    @Override
    public String toString() {
        return "HttpTransportSettings[connectTimeout=" + connectTimeout + ", maxConnections=" + maxConnections
                + ", customTls=" + (tls != null) + ", proxy=" + proxy + "]";
    }
}

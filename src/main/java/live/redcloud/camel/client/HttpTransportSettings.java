package live.redcloud.camel.client;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What shapes a pooled HTTP client. Endpoints with equal settings share one pool. The proxy is part of it (the route
 * planner and proxy credentials belong to the client); {@link #toString()} never shows proxy credentials.
 */
public final class HttpTransportSettings {

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxConnections;
    private final SSLContext sslContext;
    private final ProxySettings proxy;

    public HttpTransportSettings(Duration connectTimeout, Duration requestTimeout, int maxConnections,
            SSLContext sslContext, ProxySettings proxy) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.sslContext = sslContext;
        this.proxy = proxy == null ? ProxySettings.NONE : proxy;
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
        return connectTimeout.equals(other.connectTimeout) && requestTimeout.equals(other.requestTimeout)
                && maxConnections == other.maxConnections && sslContext == other.sslContext
                && proxy.equals(other.proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, requestTimeout, maxConnections, System.identityHashCode(sslContext),
                proxy);
    }

    @Override
    public String toString() {
        return "HttpTransportSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxConnections=" + maxConnections + ", customTls=" + (sslContext != null) + ", proxy=" + proxy
                + "]";
    }
}

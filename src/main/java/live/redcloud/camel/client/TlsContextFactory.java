package live.redcloud.camel.client;

import javax.net.ssl.SSLContext;

/**
 * Makes the TLS context of a transport. Its {@code equals} decides which endpoints may share a connection pool, so an
 * implementation compares what the context is made from (the Camel adapter: the same {@code SSLContextParameters}).
 */
@FunctionalInterface
public interface TlsContextFactory {

    SSLContext create() throws Exception;
}

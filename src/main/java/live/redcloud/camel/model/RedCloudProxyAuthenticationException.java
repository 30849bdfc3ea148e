package live.redcloud.camel.model;

/**
 * The HTTP proxy between the component and Red Cloud answered {@code 407 Proxy Authentication Required}: the
 * request never reached Red Cloud. Set {@code proxyAuthUsername} and {@code proxyAuthPassword}, or correct them. Not
 * retried: the same credentials would be refused again.
 */
public class RedCloudProxyAuthenticationException extends RedCloudException {

    private static final long serialVersionUID = 1L;

    private final String proxy;

    /**
     * @param proxy              host:port of the proxy
     * @param credentialsWereSet whether proxy credentials were sent (then they are wrong) or not (then they are
     *                           missing)
     */
    public RedCloudProxyAuthenticationException(String proxy, boolean credentialsWereSet) {
        super("The HTTP proxy " + proxy + " refused the request with 407 Proxy Authentication Required (Red Cloud was"
                + " not reached): "
                + (credentialsWereSet
                        ? "it did not accept proxyAuthUsername/proxyAuthPassword"
                        : "set proxyAuthUsername and proxyAuthPassword"));
        this.proxy = proxy;
    }

    /** host:port of the proxy that refused the request. */
    public String getProxy() {
        return proxy;
    }

    /** Always 407. */
    public int getStatusCode() {
        return 407;
    }
}

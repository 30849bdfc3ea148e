package live.redcloud.camel.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import live.redcloud.camel.model.RedCloudProxyAuthenticationException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The outbound HTTP proxy of a transport: an explicit {@code host:port}, or the JVM's own proxy settings
 * ({@code http(s).proxyHost}, {@code http(s).proxyPort}, {@code http(s).nonProxyHosts}, read through
 * {@link java.net.ProxySelector} on every request), optional Basic credentials for the proxy, and hosts reached
 * directly. Plain {@code http} targets are sent to the proxy with absolute URIs; {@code https} targets go through a
 * {@code CONNECT} tunnel, so TLS (and the bearer token) stays end to end between the component and Red Cloud.
 * <p>
 * Part of the pool key ({@link HttpTransportSettings}), so it is a value: equal settings share one pool. Its
 * {@link #toString()} shows neither the user name nor the password.
 *
 * @param host           the proxy host, or {@code null} for none (then {@code useSystemProxy} decides)
 * @param port           the proxy port (1-65535) when {@code host} is set
 * @param username       the proxy user for Basic authentication, or {@code null}
 * @param password       the proxy password, with {@code username}
 * @param nonProxyHosts  hosts reached without the proxy, in the syntax of the JVM's {@code http.nonProxyHosts}:
 *                       {@code |}-separated, {@code *} as a wildcard (e.g. {@code localhost|*.internal|10.*}),
 *                       case-insensitive; {@code null} for none
 * @param useSystemProxy when {@code host} is {@code null}: use the proxy the JVM's {@code ProxySelector} chooses
 */
public record ProxySettings(
        String host, int port, String username, String password, String nonProxyHosts, boolean useSystemProxy) {

    /** Every connection direct, ignoring the JVM's proxy properties (the default, as before proxies existed). */
    public static final ProxySettings NONE = new ProxySettings(null, 0, null, null, null, false);

    private static final String EXEC_INTERCEPTOR = "redcloud-proxy-auth";

    public ProxySettings {
        host = blankToNull(host);
        username = blankToNull(username);
        password = password == null || password.isEmpty() ? null : password;
        nonProxyHosts = blankToNull(nonProxyHosts);
        // options named as the user sets them: these checks fail when the producer starts, not at the first send
        if (host != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("The Red Cloud option proxyPort must be set to a port (1-65535) when"
                    + " proxyHost is set, was " + port);
        }
        if (host == null && port != 0) {
            throw new IllegalArgumentException("The Red Cloud option proxyPort is set but proxyHost is not");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException(
                    "The Red Cloud options proxyAuthUsername and proxyAuthPassword must be set together");
        }
        if (username != null && host == null && !useSystemProxy) {
            throw new IllegalArgumentException("The Red Cloud option proxyAuthUsername is set but no proxy is:"
                    + " set proxyHost and proxyPort, or useSystemProxy=true");
        }
    }

    /** Whether any connection may go through a proxy. */
    public boolean isEnabled() {
        return host != null || useSystemProxy;
    }

    /** Whether {@code targetHost} is reached directly because it matches {@link #nonProxyHosts()}. */
    public boolean bypasses(String targetHost) {
        return matchesAny(patterns(nonProxyHosts), targetHost);
    }

    /** Makes {@code builder} route through this proxy. Does nothing for {@link #NONE}. */
    public void applyTo(HttpAsyncClientBuilder builder) {
        if (!isEnabled()) {
            return;
        }
        builder.setRoutePlanner(new RoutePlanner(this));
        // Preemptive Basic: the Proxy-Authorization header goes on the first request through the proxy (absolute-URI
        // requests and the CONNECT that opens a tunnel), so no call pays a 407 round trip first. HttpClient 5 alone
        // would send it only after a 407 challenge: its cache of successful schemes (what makes later requests
        // preemptive) lives in each request's own context unless the caller passes a shared one, and the transport
        // disables auth caching anyway so that the client never caches or replays a credential on its own. Seeding
        // each request's context with a ready Basic scheme for the route's proxy (resetAuthExchange) is HttpClient's
        // own way to authenticate preemptively; it works with auth caching disabled and is keyed by the proxy host,
        // so these credentials never reach Red Cloud. No credentials provider is registered: a 407 for these
        // credentials is final (repeating them cannot help) and fails the call with a typed error.
        UsernamePasswordCredentials credentials =
                username == null ? null : new UsernamePasswordCredentials(username, password.toCharArray());
        builder.addExecInterceptorFirst(EXEC_INTERCEPTOR, (request, entity, scope, chain, callback) -> {
            HttpHost proxy = scope.route.getProxyHost();
            if (proxy == null) {
                chain.proceed(request, entity, scope, callback);
                return;
            }
            if (credentials != null) {
                BasicScheme basic = new BasicScheme();
                basic.initPreemptive(credentials);
                scope.clientContext.resetAuthExchange(proxy, basic);
            }
            chain.proceed(request, entity, scope, new RefusalAsFailure(callback, proxy, credentials != null));
        });
    }

    @Override
    public String toString() {
        if (!isEnabled()) {
            return "no proxy";
        }
        return (host != null ? host + ":" + port : "system proxy")
                // user name and password are both secret options
                + (username != null ? " with credentials" : "")
                + (nonProxyHosts != null ? ", direct for " + nonProxyHosts : "");
    }

    private static boolean matchesAny(List<Pattern> patterns, String targetHost) {
        if (targetHost == null) {
            return false;
        }
        String candidate = stripBrackets(targetHost).toLowerCase(Locale.ROOT);
        for (Pattern pattern : patterns) {
            if (pattern.matcher(candidate).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> patterns(String nonProxyHosts) {
        List<Pattern> patterns = new ArrayList<>();
        if (nonProxyHosts == null) {
            return patterns;
        }
        for (String entry : nonProxyHosts.split("\\|")) {
            String pattern = stripBrackets(entry.trim()).toLowerCase(Locale.ROOT);
            if (pattern.isEmpty()) {
                continue;
            }
            // '*' matches any run of characters, everything else literally (dots included)
            String[] literals = pattern.split("\\*", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < literals.length; i++) {
                regex.append(i > 0 ? ".*" : "").append(Pattern.quote(literals[i]));
            }
            patterns.add(Pattern.compile(regex.toString()));
        }
        return patterns;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Turns a final 407 (of an absolute-URI request or of the CONNECT for a tunnel; HttpClient hands both back as the
     * response) into a {@link RedCloudProxyAuthenticationException}, so that it is neither read as an answer of Red
     * Cloud nor retried. Runs on the I/O thread like the callback it wraps; the refused body is discarded.
     */
    private static final class RefusalAsFailure implements AsyncExecCallback {

        private final AsyncExecCallback next;
        private final HttpHost proxy;
        private final boolean credentialsSent;
        private volatile boolean refused;

        RefusalAsFailure(AsyncExecCallback next, HttpHost proxy, boolean credentialsSent) {
            this.next = next;
            this.proxy = proxy;
            this.credentialsSent = credentialsSent;
        }

        @Override
        public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
                throws HttpException, IOException {
            if (response.getCode() == HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED) {
                refused = true;
                return null;
            }
            return next.handleResponse(response, entityDetails);
        }

        @Override
        public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
            next.handleInformationResponse(response);
        }

        @Override
        public void completed() {
            if (refused) {
                next.failed(new RedCloudProxyAuthenticationException(proxy.toHostString(), credentialsSent));
            } else {
                next.completed();
            }
        }

        @Override
        public void failed(Exception cause) {
            next.failed(cause);
        }
    }

    /**
     * Chooses the proxy per target host: direct for {@code nonProxyHosts}, else the explicit proxy, else (with
     * {@code useSystemProxy}) what {@link java.net.ProxySelector#getDefault()} says at this moment, which also
     * applies the JVM's {@code http.nonProxyHosts}.
     */
    private static final class RoutePlanner extends SystemDefaultRoutePlanner {

        private final ProxySettings settings;
        private final HttpHost proxy;
        private final List<Pattern> direct;

        RoutePlanner(ProxySettings settings) {
            // null: ProxySelector.getDefault() is looked up on each request, so a replaced selector is honoured
            super(null);
            this.settings = settings;
            this.proxy = settings.host() == null ? null : new HttpHost("http", settings.host(), settings.port());
            this.direct = patterns(settings.nonProxyHosts());
        }

        @Override
        protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
            if (matchesAny(direct, target.getHostName())) {
                return null;
            }
            if (proxy != null) {
                return proxy;
            }
            return settings.useSystemProxy() ? super.determineProxy(target, context) : null;
        }
    }
}

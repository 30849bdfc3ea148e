package live.redcloud.camel;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import live.redcloud.camel.auth.TokenRequest;
import live.redcloud.camel.client.AttemptLimits;
import live.redcloud.camel.client.HttpTransport;
import live.redcloud.camel.client.HttpTransportSettings;
import live.redcloud.camel.client.ProxySettings;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.client.RetryPolicy;
import live.redcloud.camel.client.TlsContextFactory;
import live.redcloud.camel.secret.Redactor;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;

/**
 * Send SMS and MMS, look up your numbers and receive delivery and inbound webhooks with the Red Cloud messaging API.
 */
@UriEndpoint(
        firstVersion = "4.22.0",
        scheme = "redcloud",
        title = "Red Cloud",
        syntax = "redcloud:operation",
        category = {Category.CLOUD, Category.API},
        headersClass = RedCloudConstants.class)
public class RedCloudEndpoint extends DefaultEndpoint implements AsyncEndpoint, EndpointServiceLocation {

    @UriPath(
            enums = "send,whoami,numbers,search-numbers,webhook",
            description = "What to do: send (a message), whoami (the calling API client), numbers (the numbers"
                    + " assigned to you), search-numbers (available inventory) or webhook (consume Red Cloud's"
                    + " delivery and inbound webhooks).")
    @Metadata(required = true)
    private String operation;

    @UriParam
    private RedCloudConfiguration configuration;

    private final RedCloudOperation redCloudOperation;
    /** The URI as created and the form shown of it, computed once: Camel reads the URI on every send. */
    private volatile ShownUri shownUri;

    /** The id of this endpoint's producer health check once given, so that a restarted route gets it back. */
    private volatile String healthCheckId;

    RedCloudEndpoint(
            String uri, RedCloudComponent component, RedCloudOperation operation, RedCloudConfiguration configuration) {
        super(uri, component);
        this.redCloudOperation = operation;
        this.operation = operation.uriName();
        this.configuration = configuration;
    }

    /**
     * The URI with its secret options masked ({@code clientSecret=xxxxxx}, {@code RAW(...)} included). Camel's dev
     * consoles, JMX, events, traces and the {@code CamelToEndpoint} property print an endpoint's URI as it is; the
     * registry finds endpoints by the URI they were asked for, so it never needs the secret from here.
     */
    @Override
    public String getEndpointUri() {
        String raw = super.getEndpointUri();
        ShownUri shown = shownUri;
        if (shown == null || !shown.raw().equals(raw)) {
            shown = new ShownUri(raw, raw == null ? null : masked(raw));
            shownUri = shown;
        }
        return shown.masked();
    }

    private String masked(String raw) {
        // Camel's sanitizer ends a RAW(...) value at its first ')': a secret with one inside would show its tail
        String uri = raw;
        for (String name : SECRET_OPTIONS) {
            Object value = CONFIGURER.getOptionValue(this, name, true);
            if (value instanceof String secret && !secret.isEmpty()) {
                uri = uri.replace("RAW(" + secret + ")", Redactor.MASK).replace("RAW{" + secret + "}", Redactor.MASK);
            }
        }
        return URISupport.sanitizeUri(uri);
    }

    /** The options the generated metadata marks secret, and how to read them. */
    private static final Set<String> SECRET_OPTIONS = new RedCloudEndpointUriFactory().secretPropertyNames();

    private static final RedCloudEndpointConfigurer CONFIGURER = new RedCloudEndpointConfigurer();

    private record ShownUri(String raw, String masked) {}

    /** By the URI as created: two endpoints that differ only in a secret are two endpoints. */
    @Override
    public boolean equals(Object other) {
        return other == this
                || (other instanceof RedCloudEndpoint that
                        && getCamelContext() == that.getCamelContext()
                        && java.util.Objects.equals(super.getEndpointUri(), that.rawUri()));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(super.getEndpointUri());
    }

    private String rawUri() {
        return super.getEndpointUri();
    }

    @Override
    public RedCloudComponent getComponent() {
        return (RedCloudComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        if (!redCloudOperation.isProducer()) {
            throw new IllegalArgumentException("redcloud:webhook is a consumer: use it in from(...)");
        }
        return new RedCloudProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (redCloudOperation != RedCloudOperation.webhook) {
            throw new IllegalArgumentException(
                    "redcloud:" + operation + " is a producer: use it in to(...); only redcloud:webhook consumes");
        }
        RedCloudWebhookConsumer consumer = new RedCloudWebhookConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getOperation() {
        return operation;
    }

    public RedCloudOperation getRedCloudOperation() {
        return redCloudOperation;
    }

    public RedCloudConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RedCloudConfiguration configuration) {
        this.configuration = configuration;
    }

    String getHealthCheckId() {
        return healthCheckId;
    }

    void setHealthCheckId(String healthCheckId) {
        this.healthCheckId = healthCheckId;
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        // the scheme of the base URL: Red Cloud's real hosts are https, a local sandbox is http
        String baseUrl = configuration.getBaseUrl();
        return baseUrl != null && baseUrl.regionMatches(true, 0, "https:", 0, 6) ? "https" : "http";
    }

    /** What decides which connection pool this endpoint shares. */
    HttpTransportSettings transportSettings() {
        RedCloudConfiguration cfg = configuration;
        SSLContextParameters tls = cfg.getSslContextParameters();
        return new HttpTransportSettings(
                Duration.ofMillis(cfg.getConnectTimeout()),
                cfg.getMaxConnections(),
                tls == null ? null : new CamelTlsContext(tls, getCamelContext()),
                new ProxySettings(
                        cfg.getProxyHost(),
                        cfg.getProxyPort() == null ? 0 : cfg.getProxyPort(),
                        cfg.getProxyAuthUsername(),
                        cfg.getProxyAuthPassword(),
                        cfg.getNonProxyHosts(),
                        cfg.isUseSystemProxy()));
    }

    /** A Red Cloud client for this endpoint on {@code transport}; cheap, and owning nothing. */
    RedCloudClient newClient(HttpTransport transport) {
        RedCloudConfiguration cfg = configuration;
        URI baseUrl = uri("baseUrl", required("baseUrl", cfg.getBaseUrl()));
        String tokenUrl = tokenUrl(cfg);
        TokenRequest tokenRequest = new TokenRequest(
                uri("tokenUrl", tokenUrl),
                required("clientId", cfg.getClientId()),
                required("clientSecret", cfg.getClientSecret()),
                cfg.getClientAuthentication());
        RetryPolicy retryPolicy = new RetryPolicy(
                cfg.getMaxRetries(),
                Duration.ofMillis(cfg.getRetryBackoff()),
                Duration.ofMillis(cfg.getRetryMaxBackoff()));
        // waiting for a pooled connection is bounded like connecting: either way nothing was sent yet
        AttemptLimits limits = new AttemptLimits(
                Duration.ofMillis(cfg.getRequestTimeout()),
                cfg.getMaxResponseSize(),
                Duration.ofMillis(cfg.getConnectTimeout()));
        RedCloudComponent component = getComponent();
        registerSecrets();
        return new RedCloudClient(
                baseUrl,
                tokenRequest,
                Duration.ofMillis(cfg.getTokenRefreshMargin()),
                component.getTokenManager(),
                transport,
                limits,
                retryPolicy,
                component.getScheduler(),
                component.getObjectMapper(),
                component.redactor());
    }

    /** Tells the component's redactor every secret of this endpoint, in the forms its requests send them. */
    void registerSecrets() {
        RedCloudConfiguration cfg = configuration;
        Redactor redactor = getComponent().redactor();
        // as Basic in the default mode, as a form field with clientAuthentication=body
        redactor.basicCredentials(cfg.getClientId(), cfg.getClientSecret());
        redactor.basicCredentials(cfg.getProxyAuthUsername(), cfg.getProxyAuthPassword());
        redactor.secret(cfg.getProxyAuthUsername());
        redactor.secret(cfg.getSigningSecret());
    }

    /** The token URL: the option, else the base URL followed by /api/auth/token ({@code null} without either). */
    static String tokenUrl(RedCloudConfiguration cfg) {
        if (ObjectHelper.isNotEmpty(cfg.getTokenUrl())) {
            return cfg.getTokenUrl();
        }
        return cfg.getBaseUrl() == null ? null : stripSlash(cfg.getBaseUrl()) + "/api/auth/token";
    }

    /** The TLS context of {@code sslContextParameters}: endpoints given the same parameters share a pool. */
    private record CamelTlsContext(SSLContextParameters parameters, CamelContext camelContext)
            implements TlsContextFactory {
        @Override
        public SSLContext create() throws Exception {
            return parameters.createSSLContext(camelContext);
        }
    }

    private String required(String option, String value) {
        if (ObjectHelper.isEmpty(value)) {
            throw new IllegalArgumentException("The Red Cloud option " + option + " is required for redcloud:"
                    + operation + " (set it on the endpoint or on the redcloud component)");
        }
        return value;
    }

    private static URI uri(String option, String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "The Red Cloud option " + option + " must be an absolute http(s) URL, was: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Red Cloud option " + option + " is not a valid URL: " + value, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

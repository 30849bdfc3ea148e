package live.redcloud.camel;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import live.redcloud.camel.auth.TokenRequest;
import live.redcloud.camel.client.HttpTransport;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.client.RetryPolicy;
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
import org.apache.camel.util.ObjectHelper;

/**
 * Send SMS and MMS, look up your numbers and receive delivery and inbound webhooks with the Red Cloud messaging API.
 */
@UriEndpoint(firstVersion = "4.22.0", scheme = "redcloud", title = "Red Cloud", syntax = "redcloud:operation",
             category = { Category.CLOUD, Category.API }, headersClass = RedCloudConstants.class)
public class RedCloudEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath(enums = "send,whoami,numbers,search-numbers,webhook",
             description = "What to do: send (a message), whoami (the calling API client), numbers (the numbers"
                           + " assigned to you), search-numbers (available inventory) or webhook (consume Red Cloud's"
                           + " delivery and inbound webhooks).")
    @Metadata(required = true)
    private String operation;

    @UriParam
    private RedCloudConfiguration configuration;

    private final RedCloudOperation redCloudOperation;
    private volatile RedCloudClient client;
    /** The id of this endpoint's producer health check once given, so that a restarted route gets it back. */
    private volatile String healthCheckId;

    RedCloudEndpoint(String uri, RedCloudComponent component, RedCloudOperation operation,
            RedCloudConfiguration configuration) {
        super(uri, component);
        this.redCloudOperation = operation;
        this.operation = operation.uriName();
        this.configuration = configuration;
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
        return "http";
    }

    /** The Red Cloud client of this endpoint, built on first use from the component's shared pieces. */
    RedCloudClient client() {
        RedCloudClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = createClient();
                }
                c = client;
            }
        }
        return c;
    }

    private RedCloudClient createClient() {
        RedCloudConfiguration cfg = configuration;
        URI baseUrl = uri("baseUrl", required("baseUrl", cfg.getBaseUrl()));
        String tokenUrl = ObjectHelper.isNotEmpty(cfg.getTokenUrl())
                ? cfg.getTokenUrl()
                : stripSlash(cfg.getBaseUrl()) + "/api/auth/token";
        TokenRequest tokenRequest = new TokenRequest(uri("tokenUrl", tokenUrl), required("clientId", cfg.getClientId()),
                required("clientSecret", cfg.getClientSecret()), cfg.getClientAuthentication());
        RedCloudComponent component = getComponent();
        SSLContext sslContext = cfg.getSslContextParameters() == null
                ? null
                : component.sslContext(cfg.getSslContextParameters());
        HttpTransport transport = component.transport(cfg, sslContext);
        RetryPolicy retryPolicy = new RetryPolicy(cfg.getMaxRetries(), Duration.ofMillis(cfg.getRetryBackoff()),
                Duration.ofMillis(cfg.getRetryMaxBackoff()));
        return new RedCloudClient(baseUrl, tokenRequest, Duration.ofMillis(cfg.getTokenRefreshMargin()),
                component.getTokenManager(), transport, retryPolicy, component.getScheduler(),
                component.getObjectMapper());
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
                throw new IllegalArgumentException("The Red Cloud option " + option
                        + " must be an absolute http(s) URL, was: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Red Cloud option " + option + " is not a valid URL: " + value, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        super.doStop();
    }
}

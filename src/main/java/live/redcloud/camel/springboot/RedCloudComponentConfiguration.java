package live.redcloud.camel.springboot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import live.redcloud.camel.auth.ClientAuthentication;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Spring Boot properties of the {@code redcloud} component: {@code camel.component.redcloud.*}, one property for
 * each component option (see the component documentation), in relaxed binding ({@code base-url}, {@code baseUrl},
 * {@code CAMEL_COMPONENT_REDCLOUD_BASEURL}).
 * <p>
 * Every option is {@code null} until it is set, and only set options are applied to the component, so the
 * component's own defaults stay in one place ({@code RedCloudConfiguration}) and a {@code RedCloudComponent} that
 * the application configured in code is not overwritten with defaults. The defaults shown to IDEs come from
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 * spring-boot-configuration-processor writes {@code META-INF/spring-configuration-metadata.json} from this class at
 * build time (the Spring Boot example's tests check it lists every component option).
 */
@ConfigurationProperties(prefix = RedCloudComponentConfiguration.PREFIX)
public class RedCloudComponentConfiguration {

    public static final String PREFIX = "camel.component.redcloud";

    /**
     * Whether to enable auto configuration of the redcloud component. This is enabled by default.
     */
    private Boolean enabled;

    // connection and authentication

    /**
     * Base URL of the Red Cloud API given to you by Red Cloud, e.g. https://api.example.com (no trailing /api).
     * Required by the producer operations.
     */
    private String baseUrl;
    /**
     * OAuth2 client id of your Red Cloud API client.
     */
    private String clientId;
    /**
     * OAuth2 client secret of your Red Cloud API client.
     */
    private String clientSecret;
    /**
     * Token endpoint URL. Defaults to the base URL followed by /api/auth/token.
     */
    private String tokenUrl;
    /**
     * How the client credentials are sent to the token endpoint: basic (HTTP Basic authorization header) or body
     * (client_id and client_secret form fields).
     */
    private ClientAuthentication clientAuthentication;
    /**
     * How long before a token expires it is replaced by a new one (milliseconds, or a duration such as 60s).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration tokenRefreshMargin;
    /**
     * TLS configuration for the connection to Red Cloud. Defaults to the JVM's trust store. The value is a
     * org.apache.camel.support.jsse.SSLContextParameters; in properties refer to a bean with #bean:name.
     */
    private SSLContextParameters sslContextParameters;
    /**
     * Timeout to establish a connection to Red Cloud (milliseconds or a duration).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration connectTimeout;
    /**
     * How long one HTTP attempt may take as a whole: waiting for a pooled connection, sending the request and reading
     * the whole answer (milliseconds or a duration). Then it counts as a timeout and is retried.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration requestTimeout;
    /**
     * Largest answer body accepted from Red Cloud, token endpoint included (bytes). A larger answer is abandoned as it
     * streams in (the connection is closed) and fails the call with a RedCloudApiException; it is not retried.
     */
    private Long maxResponseSize;
    /**
     * Maximum number of pooled connections to Red Cloud; set it to at least the number of sends you expect in flight at
     * once (further requests wait for a free connection). Endpoints with the same connection settings share one pool.
     */
    private Integer maxConnections;
    /**
     * How often a call is retried after a failure where retrying is safe (connect failure, timeout, dropped
     * connection, 5xx, 429). Retries reuse the same Idempotency-Key and payload. 0 disables retries.
     */
    private Integer maxRetries;
    /**
     * Base pause before the first retry; doubled for each further retry, with jitter (milliseconds or a duration).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration retryBackoff;
    /**
     * Longest pause between retries, also the cap on a Retry-After header (milliseconds or a duration).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration retryMaxBackoff;

    // outbound proxy

    /**
     * Host of the HTTP proxy to reach Red Cloud through. http URLs are sent to it with absolute URIs, https URLs go
     * through a CONNECT tunnel (TLS stays end to end). Takes precedence over useSystemProxy.
     */
    private String proxyHost;
    /**
     * Port of the HTTP proxy; required with proxyHost.
     */
    private Integer proxyPort;
    /**
     * User name for the proxy's Basic authentication (sent preemptively, only to the proxy).
     */
    private String proxyAuthUsername;
    /**
     * Password for the proxy's Basic authentication; set together with proxyAuthUsername.
     */
    private String proxyAuthPassword;
    /**
     * Hosts reached directly, not through the proxy, in the syntax of the JVM's http.nonProxyHosts: patterns
     * separated by a vertical bar, an asterisk as a wildcard (see the Proxy section of the configuration guide).
     * Applies to proxyHost and to useSystemProxy.
     */
    private String nonProxyHosts;
    /**
     * Use the JVM's proxy settings (the system properties http.proxyHost, http.proxyPort, https.proxyHost,
     * https.proxyPort and http.nonProxyHosts, through java.net.ProxySelector) when proxyHost is not set. Off by
     * default: the JVM's proxy properties are ignored.
     */
    private Boolean useSystemProxy;

    // send defaults

    /**
     * Default sending number for send: a Red Cloud numberId such as num_abc123 (from the numbers operation), never an
     * E.164 phone number. The CamelRedCloudSendFrom header overrides it.
     */
    private String sendFrom;
    /**
     * Default recipients for send: comma-separated E.164 numbers. The CamelRedCloudTo header overrides it.
     */
    private String to;
    /**
     * Default message type for send. The CamelRedCloudMessageType header overrides it.
     */
    private String messageType;
    /**
     * Default externalReference for send: your correlation id, echoed in webhooks. The CamelRedCloudExternalReference
     * header overrides it.
     */
    private String externalReference;
    /**
     * Whether a send that Red Cloud accepted for only some recipients fails the exchange with a RedCloudSendException.
     * A send with every recipient rejected always fails.
     */
    private Boolean throwOnPartialFailure;

    // search-numbers criteria

    /**
     * search-numbers: area code (NPA) to search in.
     */
    private String npa;
    /**
     * search-numbers: exchange (NXX) to search in.
     */
    private String nxx;
    /**
     * search-numbers: city to search in.
     */
    private String city;
    /**
     * search-numbers: state to search in, e.g. TX.
     */
    private String state;
    /**
     * search-numbers: ZIP code to search in.
     */
    private String zipCode;
    /**
     * search-numbers: rate center to search in.
     */
    private String rateCenter;

    // webhook consumer

    /**
     * webhook: the HTTP path the consumer serves (POST only). Register the public URL of this path with Red Cloud as
     * the delivery or inbound webhook.
     */
    private String path;
    /**
     * webhook: the signing secret Red Cloud signs webhooks with. Required unless allowUnsigned=true.
     */
    private String signingSecret;
    /**
     * webhook: accept webhooks without verifying their signature, for integrations where Red Cloud signing is off.
     * Logs a warning at start. Never use it on a public endpoint.
     */
    private Boolean allowUnsigned;
    /**
     * webhook: reject webhooks whose X-RedCloud-Timestamp (unix seconds, unix milliseconds or ISO-8601) is further
     * than this from now, as a replay defence. 0 (the default) turns the check off, as Red Cloud sets no window
     * itself.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration timestampTolerance;
    /**
     * webhook: largest accepted body in bytes; larger requests get 413.
     */
    private Integer maxBodySize;
    /**
     * webhook: comma-separated event types to route, e.g. message.delivery,message.failed. Other events are
     * acknowledged and dropped. Empty routes every event.
     */
    private String eventTypes;
    /**
     * webhook: where routed events are remembered so that Red Cloud's redeliveries are acknowledged without routing
     * them twice. Defaults to an in-memory LRU of 10000 events per endpoint; use a shared one (e.g. a JDBC repository)
     * when several instances serve the webhook. The value is a org.apache.camel.spi.IdempotentRepository; in
     * properties refer to a bean with #bean:name.
     */
    private IdempotentRepository idempotentRepository;
    /**
     * webhook: where instances claim an event while they route it, so that the same event delivered to two instances
     * at once is routed by one and answered 503 by the other. Use a repository whose claims expire when their holder
     * dies, e.g. camel-sql's JdbcOrphanLockAwareIdempotentRepository; the claim is released when the route ends.
     * Empty: events are claimed on this instance only. The value is a org.apache.camel.spi.IdempotentRepository; in
     * properties refer to a bean with #bean:name.
     */
    private IdempotentRepository claimRepository;
    /**
     * webhook: the Camel component that serves the HTTP path; it must implement RestConsumerFactory (platform-http
     * uses the runtime's server: Vert.x under Camel Main, the servlet engine under Spring Boot).
     */
    private String httpComponent;

    // standard Camel component options

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;

    /**
     * The options that were set, by component option name (camelCase), in a stable order. Never logged: it holds the
     * credentials.
     */
    public Map<String, Object> toComponentOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, "baseUrl", baseUrl);
        put(options, "clientId", clientId);
        put(options, "clientSecret", clientSecret);
        put(options, "tokenUrl", tokenUrl);
        put(options, "clientAuthentication", clientAuthentication);
        put(options, "tokenRefreshMargin", tokenRefreshMargin);
        put(options, "sslContextParameters", sslContextParameters);
        put(options, "connectTimeout", connectTimeout);
        put(options, "requestTimeout", requestTimeout);
        put(options, "maxResponseSize", maxResponseSize);
        put(options, "maxConnections", maxConnections);
        put(options, "maxRetries", maxRetries);
        put(options, "retryBackoff", retryBackoff);
        put(options, "retryMaxBackoff", retryMaxBackoff);
        put(options, "proxyHost", proxyHost);
        put(options, "proxyPort", proxyPort);
        put(options, "proxyAuthUsername", proxyAuthUsername);
        put(options, "proxyAuthPassword", proxyAuthPassword);
        put(options, "nonProxyHosts", nonProxyHosts);
        put(options, "useSystemProxy", useSystemProxy);
        put(options, "sendFrom", sendFrom);
        put(options, "to", to);
        put(options, "messageType", messageType);
        put(options, "externalReference", externalReference);
        put(options, "throwOnPartialFailure", throwOnPartialFailure);
        put(options, "npa", npa);
        put(options, "nxx", nxx);
        put(options, "city", city);
        put(options, "state", state);
        put(options, "zipCode", zipCode);
        put(options, "rateCenter", rateCenter);
        put(options, "path", path);
        put(options, "signingSecret", signingSecret);
        put(options, "allowUnsigned", allowUnsigned);
        put(options, "timestampTolerance", timestampTolerance);
        put(options, "maxBodySize", maxBodySize);
        put(options, "eventTypes", eventTypes);
        put(options, "idempotentRepository", idempotentRepository);
        put(options, "claimRepository", claimRepository);
        put(options, "httpComponent", httpComponent);
        put(options, "lazyStartProducer", lazyStartProducer);
        put(options, "bridgeErrorHandler", bridgeErrorHandler);
        put(options, "autowiredEnabled", autowiredEnabled);
        put(options, "healthCheckConsumerEnabled", healthCheckConsumerEnabled);
        put(options, "healthCheckProducerEnabled", healthCheckProducerEnabled);
        return Collections.unmodifiableMap(options);
    }

    private static void put(Map<String, Object> options, String name, Object value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public ClientAuthentication getClientAuthentication() {
        return clientAuthentication;
    }

    public void setClientAuthentication(ClientAuthentication clientAuthentication) {
        this.clientAuthentication = clientAuthentication;
    }

    public Duration getTokenRefreshMargin() {
        return tokenRefreshMargin;
    }

    public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
        this.tokenRefreshMargin = tokenRefreshMargin;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(Long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getRetryMaxBackoff() {
        return retryMaxBackoff;
    }

    public void setRetryMaxBackoff(Duration retryMaxBackoff) {
        this.retryMaxBackoff = retryMaxBackoff;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
    }

    public String getNonProxyHosts() {
        return nonProxyHosts;
    }

    public void setNonProxyHosts(String nonProxyHosts) {
        this.nonProxyHosts = nonProxyHosts;
    }

    public Boolean getUseSystemProxy() {
        return useSystemProxy;
    }

    public void setUseSystemProxy(Boolean useSystemProxy) {
        this.useSystemProxy = useSystemProxy;
    }

    public String getSendFrom() {
        return sendFrom;
    }

    public void setSendFrom(String sendFrom) {
        this.sendFrom = sendFrom;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getMessageType() {
        return messageType;
    }

    public void setMessageType(String messageType) {
        this.messageType = messageType;
    }

    public String getExternalReference() {
        return externalReference;
    }

    public void setExternalReference(String externalReference) {
        this.externalReference = externalReference;
    }

    public Boolean getThrowOnPartialFailure() {
        return throwOnPartialFailure;
    }

    public void setThrowOnPartialFailure(Boolean throwOnPartialFailure) {
        this.throwOnPartialFailure = throwOnPartialFailure;
    }

    public String getNpa() {
        return npa;
    }

    public void setNpa(String npa) {
        this.npa = npa;
    }

    public String getNxx() {
        return nxx;
    }

    public void setNxx(String nxx) {
        this.nxx = nxx;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getZipCode() {
        return zipCode;
    }

    public void setZipCode(String zipCode) {
        this.zipCode = zipCode;
    }

    public String getRateCenter() {
        return rateCenter;
    }

    public void setRateCenter(String rateCenter) {
        this.rateCenter = rateCenter;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    public Boolean getAllowUnsigned() {
        return allowUnsigned;
    }

    public void setAllowUnsigned(Boolean allowUnsigned) {
        this.allowUnsigned = allowUnsigned;
    }

    public Duration getTimestampTolerance() {
        return timestampTolerance;
    }

    public void setTimestampTolerance(Duration timestampTolerance) {
        this.timestampTolerance = timestampTolerance;
    }

    public Integer getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(Integer maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public IdempotentRepository getClaimRepository() {
        return claimRepository;
    }

    public void setClaimRepository(IdempotentRepository claimRepository) {
        this.claimRepository = claimRepository;
    }

    public String getHttpComponent() {
        return httpComponent;
    }

    public void setHttpComponent(String httpComponent) {
        this.httpComponent = httpComponent;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    /** The options that were set; the secret ones (clientId, clientSecret, signingSecret) only as {@code ***}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RedCloudComponentConfiguration[");
        append(sb, "enabled", enabled);
        append(sb, "baseUrl", baseUrl);
        appendSecret(sb, "clientId", clientId);
        appendSecret(sb, "clientSecret", clientSecret);
        append(sb, "tokenUrl", tokenUrl);
        append(sb, "clientAuthentication", clientAuthentication);
        append(sb, "tokenRefreshMargin", tokenRefreshMargin);
        append(sb, "sslContextParameters", sslContextParameters);
        append(sb, "connectTimeout", connectTimeout);
        append(sb, "requestTimeout", requestTimeout);
        append(sb, "maxResponseSize", maxResponseSize);
        append(sb, "maxConnections", maxConnections);
        append(sb, "maxRetries", maxRetries);
        append(sb, "retryBackoff", retryBackoff);
        append(sb, "retryMaxBackoff", retryMaxBackoff);
        append(sb, "sendFrom", sendFrom);
        append(sb, "to", to);
        append(sb, "messageType", messageType);
        append(sb, "externalReference", externalReference);
        append(sb, "throwOnPartialFailure", throwOnPartialFailure);
        append(sb, "npa", npa);
        append(sb, "nxx", nxx);
        append(sb, "city", city);
        append(sb, "state", state);
        append(sb, "zipCode", zipCode);
        append(sb, "rateCenter", rateCenter);
        append(sb, "path", path);
        appendSecret(sb, "signingSecret", signingSecret);
        append(sb, "allowUnsigned", allowUnsigned);
        append(sb, "timestampTolerance", timestampTolerance);
        append(sb, "maxBodySize", maxBodySize);
        append(sb, "eventTypes", eventTypes);
        append(sb, "idempotentRepository", idempotentRepository);
        append(sb, "claimRepository", claimRepository);
        append(sb, "httpComponent", httpComponent);
        append(sb, "lazyStartProducer", lazyStartProducer);
        append(sb, "bridgeErrorHandler", bridgeErrorHandler);
        append(sb, "autowiredEnabled", autowiredEnabled);
        append(sb, "healthCheckConsumerEnabled", healthCheckConsumerEnabled);
        append(sb, "healthCheckProducerEnabled", healthCheckProducerEnabled);
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 2);
        }
        return sb.append(']').toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(name).append('=').append(value).append(", ");
        }
    }

    private static void appendSecret(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(name).append("=***, ");
        }
    }
}

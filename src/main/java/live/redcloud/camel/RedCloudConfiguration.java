package live.redcloud.camel;

import java.util.concurrent.ExecutorService;
import live.redcloud.camel.auth.ClientAuthentication;
import live.redcloud.camel.webhook.EventStore;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Every option of the component. The component holds one instance and each endpoint works on its own {@link #copy()},
 * so an option set on the component is a default that any endpoint URI may override.
 */
@UriParams
public class RedCloudConfiguration implements Cloneable {

    // connection and authentication

    @UriParam(
            label = "common",
            description = "Base URL of the Red Cloud API given to you by Red Cloud, e.g. https://api.example.com"
                    + " (no trailing /api). Required by the producer operations.")
    private String baseUrl;

    @UriParam(label = "security", secret = true, description = "OAuth2 client id of your Red Cloud API client.")
    private String clientId;

    @UriParam(label = "security", secret = true, description = "OAuth2 client secret of your Red Cloud API client.")
    private String clientSecret;

    @UriParam(
            label = "security",
            description = "Token endpoint URL. Defaults to the base URL followed by /api/auth/token.")
    private String tokenUrl;

    @UriParam(
            label = "security",
            defaultValue = "basic",
            enums = "basic,body",
            description = "How the client credentials are sent to the token endpoint: basic (HTTP Basic"
                    + " authorization header) or body (client_id and client_secret form fields).")
    private ClientAuthentication clientAuthentication = ClientAuthentication.basic;

    @UriParam(
            label = "security",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "How long before a token expires it is replaced by a new one (milliseconds, or a"
                    + " duration such as 60s).")
    private long tokenRefreshMargin = 60_000;

    @UriParam(
            label = "security",
            description = "TLS configuration for the connection to Red Cloud. Defaults to the JVM's trust store.")
    private SSLContextParameters sslContextParameters;

    @UriParam(
            label = "advanced",
            defaultValue = "10000",
            javaType = "java.time.Duration",
            description = "Timeout to establish a connection to Red Cloud (milliseconds or a duration).")
    private long connectTimeout = 10_000;

    @UriParam(
            label = "advanced",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "How long one HTTP attempt may take as a whole: waiting for a pooled connection, sending"
                    + " the request and reading the whole answer (milliseconds or a duration). Then it counts"
                    + " as a timeout and is retried.")
    private long requestTimeout = 30_000;

    @UriParam(
            label = "advanced",
            defaultValue = "1048576",
            description = "Largest answer body accepted from Red Cloud, token endpoint included (bytes). A larger"
                    + " answer is abandoned as it streams in (the connection is closed) and fails the call"
                    + " with a RedCloudApiException; it is not retried.")
    private long maxResponseSize = 1024 * 1024;

    @UriParam(
            label = "advanced",
            defaultValue = "64",
            description = "Maximum number of pooled connections to Red Cloud; set it to at least the number of"
                    + " sends you expect in flight at once (further requests wait for a free connection)."
                    + " Endpoints with the same connection settings share one pool.")
    private int maxConnections = 64;

    @UriParam(
            label = "advanced",
            defaultValue = "2",
            description = "How often a call is retried after a failure where retrying is safe (connect failure,"
                    + " timeout, dropped connection, 5xx, 429). Retries reuse the same Idempotency-Key and"
                    + " payload. 0 disables retries.")
    private int maxRetries = 2;

    @UriParam(
            label = "advanced",
            defaultValue = "500",
            javaType = "java.time.Duration",
            description = "Base pause before the first retry; doubled for each further retry, with jitter"
                    + " (milliseconds or a duration).")
    private long retryBackoff = 500;

    @UriParam(
            label = "advanced",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "Longest pause between retries, also the cap on a Retry-After header (milliseconds or a"
                    + " duration).")
    private long retryMaxBackoff = 30_000;

    @UriParam(
            label = "advanced",
            defaultValue = "5000",
            javaType = "java.time.Duration",
            description = "Longest time the producer health check waits for a token from Red Cloud (milliseconds"
                    + " or a duration). A valid cached token answers at once; otherwise the check reports"
                    + " DOWN when no token arrived within this time.")
    private long healthCheckTimeout = 5_000;

    // outbound proxy (token endpoint and CORE calls alike)

    @UriParam(
            label = "proxy",
            description = "Host of the HTTP proxy to reach Red Cloud through. http URLs are sent to it with absolute"
                    + " URIs, https URLs go through a CONNECT tunnel (TLS stays end to end). Takes precedence"
                    + " over useSystemProxy.")
    private String proxyHost;

    @UriParam(label = "proxy", description = "Port of the HTTP proxy; required with proxyHost.")
    private Integer proxyPort;

    @UriParam(
            label = "proxy",
            secret = true,
            description = "User name for the proxy's Basic authentication (sent preemptively, only to the proxy).")
    private String proxyAuthUsername;

    @UriParam(
            label = "proxy",
            secret = true,
            description = "Password for the proxy's Basic authentication; set together with proxyAuthUsername.")
    private String proxyAuthPassword;

    @UriParam(
            label = "proxy",
            // no pipe or asterisk in the text: the catalog generator drops them
            description = "Hosts reached directly, not through the proxy, in the syntax of the JVM's"
                    + " http.nonProxyHosts: patterns separated by a vertical bar, an asterisk as a wildcard"
                    + " (see the Proxy section of the configuration guide). Applies to proxyHost and to"
                    + " useSystemProxy.")
    private String nonProxyHosts;

    @UriParam(
            label = "proxy",
            defaultValue = "false",
            description = "Use the JVM's proxy settings (the system properties http.proxyHost, http.proxyPort,"
                    + " https.proxyHost, https.proxyPort and http.nonProxyHosts, through"
                    + " java.net.ProxySelector) when proxyHost is not set. Off by default: the JVM's proxy"
                    + " properties are ignored.")
    private boolean useSystemProxy;

    @UriParam(
            label = "common",
            defaultValue = "warn",
            enums = "warn,fail,off",
            description = "Red Cloud's bring-up rules, applied when a producer or webhook consumer starts: a token,"
                    + " whoami and numbers are fetched once per set of credentials, and the API client's"
                    + " status, the sendFrom number (one of yours, ACTIVE, enabled for messageType, with a"
                    + " campaign registration) and the webhook setup are checked. warn logs each finding as"
                    + " one WARN line naming the option to fix; fail stops the route from starting on a"
                    + " finding; off makes no call. Red Cloud being unreachable is only a WARN in either mode"
                    + " and never holds up start-up for more than 5 seconds.")
    private StartupCheckMode startupCheck = StartupCheckMode.warn;

    // send defaults

    @UriParam(
            label = "producer",
            description = "Default sending number for send: a Red Cloud numberId such as num_abc123 (from the"
                    + " numbers operation), never an E.164 phone number. The CamelRedCloudSendFrom header"
                    + " overrides it.")
    private String sendFrom;

    @UriParam(
            label = "producer",
            description = "Default recipients for send: comma-separated E.164 numbers. The CamelRedCloudTo header"
                    + " overrides it.")
    private String to;

    @UriParam(
            label = "producer",
            defaultValue = "SMS",
            enums = "SMS,MMS",
            description = "Default message type for send. The CamelRedCloudMessageType header overrides it.")
    private String messageType = "SMS";

    @UriParam(
            label = "producer",
            description = "Default externalReference for send: your correlation id, echoed in webhooks. The"
                    + " CamelRedCloudExternalReference header overrides it.")
    private String externalReference;

    @UriParam(
            label = "producer",
            defaultValue = "false",
            description = "Whether a send that Red Cloud accepted for only some recipients fails the exchange"
                    + " with a RedCloudSendException. A send with every recipient rejected always fails.")
    private boolean throwOnPartialFailure;

    // where the route continues after a Red Cloud call

    @UriParam(
            label = "producer,advanced",
            defaultValue = "false",
            description = "Sets whether synchronous processing should be strictly used: the thread that reaches the"
                    + " producer waits for Red Cloud's answer and the route continues on it, with no hand-over"
                    + " to the worker pool. Transacted exchanges are always processed this way.")
    private boolean synchronous;

    @UriParam(
            label = "producer,advanced",
            description = "To use a custom worker pool to continue routing the exchange after Red Cloud answered"
                    + " (or the call failed or timed out), instead of the component's own pool. The component"
                    + " never shuts it down. When it refuses a task, the route continues on the thread that"
                    + " completed the call.")
    private ExecutorService workerPool;

    @UriParam(
            label = "producer,advanced",
            defaultValue = "10",
            description = "Number of core threads of the worker pool that continues routing the exchange after"
                    + " Red Cloud answered. Endpoints with the same sizes share one pool.")
    private int workerPoolCoreSize = 10;

    @UriParam(
            label = "producer,advanced",
            defaultValue = "100",
            description = "Maximum number of threads of the worker pool that continues routing the exchange after"
                    + " Red Cloud answered: the pool grows to this many threads when the steps after the call"
                    + " block, and beyond it the route continues on the thread that completed the call. Set it"
                    + " to at least the number of exchanges you expect to run blocking steps after a call at"
                    + " once.")
    private int workerPoolMaxSize = 100;

    // search-numbers criteria

    @UriParam(label = "producer,search", description = "search-numbers: area code (NPA) to search in.")
    private String npa;

    @UriParam(label = "producer,search", description = "search-numbers: exchange (NXX) to search in.")
    private String nxx;

    @UriParam(label = "producer,search", description = "search-numbers: city to search in.")
    private String city;

    @UriParam(label = "producer,search", description = "search-numbers: state to search in, e.g. TX.")
    private String state;

    @UriParam(label = "producer,search", description = "search-numbers: ZIP code to search in.")
    private String zipCode;

    @UriParam(label = "producer,search", description = "search-numbers: rate center to search in.")
    private String rateCenter;

    // webhook consumer

    @UriParam(
            label = "consumer",
            defaultValue = "/redcloud/webhook",
            description = "webhook: the HTTP path the consumer serves (POST only). Register the public URL of this"
                    + " path with Red Cloud as the delivery or inbound webhook.")
    private String path = "/redcloud/webhook";

    @UriParam(
            label = "consumer,security",
            secret = true,
            description = "webhook: the signing secret Red Cloud signs webhooks with. Required unless"
                    + " allowUnsigned=true.")
    private String signingSecret;

    @UriParam(
            label = "consumer,security",
            defaultValue = "false",
            description = "webhook: accept webhooks without verifying their signature, for integrations where Red"
                    + " Cloud signing is off. Logs a warning at start. Never use it on a public endpoint.")
    private boolean allowUnsigned;

    @UriParam(
            label = "consumer,security",
            defaultValue = "0",
            javaType = "java.time.Duration",
            description = "webhook: reject webhooks whose X-RedCloud-Timestamp (unix seconds, unix milliseconds or"
                    + " ISO-8601) is further than this from now, as a replay defence. 0 (the default) turns"
                    + " the check off, as Red Cloud sets no window itself.")
    private long timestampTolerance;

    @UriParam(
            label = "consumer",
            defaultValue = "1048576",
            description = "webhook: largest accepted body in bytes; larger requests get 413.")
    private int maxBodySize = 1024 * 1024;

    @UriParam(
            label = "consumer",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "webhook: on Camel's Vert.x platform-http server, a connection that sends and receives"
                    + " nothing for this long (milliseconds or a duration) is closed, so idle and abandoned connections do not pile up. Vert.x"
                    + " has no such bound by default; this sets it server-wide, for connections opened after the"
                    + " webhook starts, unless the server already has one. Keep it above your slowest route on that"
                    + " server. 0 leaves the server as it is. Other HTTP servers (Spring Boot's servlet container)"
                    + " keep their own timeouts.")
    private long idleTimeout = 60_000;

    @UriParam(
            label = "consumer",
            defaultValue = "10000",
            javaType = "java.time.Duration",
            description = "webhook: on Camel's Vert.x platform-http server, a request to the webhook path whose"
                    + " body has not fully arrived this long after its headers (milliseconds or a duration) has its connection closed, so a"
                    + " client trickling a body byte by byte cannot hold a connection. Red Cloud sends a body of"
                    + " a few KB at once. 0 turns it off.")
    private long requestReadTimeout = 10_000;

    @UriParam(
            label = "consumer",
            description = "webhook: comma-separated event types to route, e.g. message.delivery,message.failed."
                    + " Other events are acknowledged and dropped. Empty routes every event.")
    private String eventTypes;

    @UriParam(
            label = "consumer,advanced",
            description = "webhook: where routed events are remembered so that Red Cloud's redeliveries are"
                    + " acknowledged without routing them twice. Defaults to the events of the last 2 hours in"
                    + " memory, per endpoint (Red Cloud redelivers for 81 minutes; at most 250000 events, so up"
                    + " to 34 events/s, with a WARN beyond); use a shared one (e.g. a JDBC repository) when"
                    + " several instances serve the webhook.")
    private IdempotentRepository idempotentRepository;

    @UriParam(
            label = "consumer,advanced",
            description = "webhook: where instances claim an event while they route it, so that the same event"
                    + " delivered to two instances at once is routed by one and answered 503 by the other."
                    + " Use a repository whose claims expire when their holder dies, e.g. camel-sql's"
                    + " JdbcOrphanLockAwareIdempotentRepository; the claim is released when the route ends."
                    + " Empty: events are claimed on this instance only.")
    private IdempotentRepository claimRepository;

    @UriParam(
            label = "consumer,advanced",
            description = "webhook: one store that both claims and records events across instances, instead of"
                    + " idempotentRepository and claimRepository: live.redcloud.camel.webhook.PostgresEventStore"
                    + " (one statement per claim and one per record, leases on the database's clock). Setting it"
                    + " together with either repository is refused at start.")
    private EventStore eventStore;

    @UriParam(
            label = "consumer,advanced",
            defaultValue = "platform-http",
            description = "webhook: the Camel component that serves the HTTP path; it must implement"
                    + " RestConsumerFactory (platform-http uses the runtime's server: Vert.x under Camel Main,"
                    + " the servlet engine under Spring Boot).")
    private String httpComponent = "platform-http";

    public RedCloudConfiguration copy() {
        try {
            return (RedCloudConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
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

    public long getTokenRefreshMargin() {
        return tokenRefreshMargin;
    }

    public void setTokenRefreshMargin(long tokenRefreshMargin) {
        this.tokenRefreshMargin = tokenRefreshMargin;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public long getHealthCheckTimeout() {
        return healthCheckTimeout;
    }

    public void setHealthCheckTimeout(long healthCheckTimeout) {
        this.healthCheckTimeout = healthCheckTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
    }

    public ExecutorService getWorkerPool() {
        return workerPool;
    }

    public void setWorkerPool(ExecutorService workerPool) {
        this.workerPool = workerPool;
    }

    public int getWorkerPoolCoreSize() {
        return workerPoolCoreSize;
    }

    public void setWorkerPoolCoreSize(int workerPoolCoreSize) {
        this.workerPoolCoreSize = workerPoolCoreSize;
    }

    public int getWorkerPoolMaxSize() {
        return workerPoolMaxSize;
    }

    public void setWorkerPoolMaxSize(int workerPoolMaxSize) {
        this.workerPoolMaxSize = workerPoolMaxSize;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(long retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public long getRetryMaxBackoff() {
        return retryMaxBackoff;
    }

    public void setRetryMaxBackoff(long retryMaxBackoff) {
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

    public boolean isUseSystemProxy() {
        return useSystemProxy;
    }

    public void setUseSystemProxy(boolean useSystemProxy) {
        this.useSystemProxy = useSystemProxy;
    }

    public StartupCheckMode getStartupCheck() {
        return startupCheck;
    }

    public void setStartupCheck(StartupCheckMode startupCheck) {
        this.startupCheck = startupCheck;
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

    public boolean isThrowOnPartialFailure() {
        return throwOnPartialFailure;
    }

    public void setThrowOnPartialFailure(boolean throwOnPartialFailure) {
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

    public boolean isAllowUnsigned() {
        return allowUnsigned;
    }

    public void setAllowUnsigned(boolean allowUnsigned) {
        this.allowUnsigned = allowUnsigned;
    }

    public long getTimestampTolerance() {
        return timestampTolerance;
    }

    public void setTimestampTolerance(long timestampTolerance) {
        this.timestampTolerance = timestampTolerance;
    }

    public int getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public long getRequestReadTimeout() {
        return requestReadTimeout;
    }

    public void setRequestReadTimeout(long requestReadTimeout) {
        this.requestReadTimeout = requestReadTimeout;
    }

    public EventStore getEventStore() {
        return eventStore;
    }

    public void setEventStore(EventStore eventStore) {
        this.eventStore = eventStore;
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

    @Override
    public String toString() {
        // credentials are left out on purpose
        return "RedCloudConfiguration[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", clientAuthentication="
                + clientAuthentication + "]";
    }
}

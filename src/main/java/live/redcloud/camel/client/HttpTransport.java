package live.redcloud.camel.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP stack of the component: a pooled, non-blocking Apache HttpClient 5 (the client camel-http is built on).
 * It sends exactly the headers it is given, follows no redirect (a bearer token must never travel to another host) and
 * never retries on its own: {@link RetryingCaller} owns that decision. Every attempt is bounded as a whole by its
 * {@link AttemptLimits}: the deadline and the size of the answer.
 *
 * <p>Owned by {@link HttpTransports}, which shares it between endpoints with the same settings and closes it with the
 * last of them. Should HttpClient's I/O reactor die under it anyway, the next call builds a new client.
 */
public final class HttpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final String USER_AGENT = "camel-redcloud";
    private static final String ATTEMPT = "live.redcloud.attempt";

    private final HttpTransportSettings settings;
    private final SSLContext sslContext;
    private final AttemptDeadlines deadlines;
    private volatile CloseableHttpAsyncClient client;
    private volatile boolean closed;

    HttpTransport(HttpTransportSettings settings, ScheduledExecutorService timer) {
        this.settings = settings;
        this.sslContext = sslContext(settings);
        this.client = newClient();
        this.deadlines = new AttemptDeadlines(timer);
    }

    private static SSLContext sslContext(HttpTransportSettings settings) {
        if (settings.tls() == null) {
            return null;
        }
        try {
            return settings.tls().create();
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot create the TLS context from sslContextParameters: " + e, e);
        }
    }

    private CloseableHttpAsyncClient newClient() {
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build());
        if (sslContext != null) {
            pool.setTlsStrategy(
                    ClientTlsStrategyBuilder.create().setSslContext(sslContext).build());
        }
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom();
        // route planner (proxy or direct per host) and preemptive proxy auth; see ProxySettings
        settings.proxy().applyTo(builder);
        CloseableHttpAsyncClient c = builder.setConnectionManager(pool.build())
                // runs once HttpClient holds a connection for the request: the attempt's wait for one is over
                .addExecInterceptorAfter(
                        ChainElement.CONNECT.name(),
                        "redcloud-connected",
                        (request, entity, scope, chain, callback) -> {
                            Object attempt = scope.clientContext.getAttribute(ATTEMPT);
                            if (attempt instanceof AttemptDeadlines.Attempt) {
                                ((AttemptDeadlines.Attempt) attempt).connected();
                            }
                            chain.proceed(request, entity, scope, callback);
                        })
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent(USER_AGENT)
                .build();
        c.start();
        return c;
    }

    public HttpTransportSettings settings() {
        return settings;
    }

    /** Whether HttpClient's I/O reactor is running (it is rebuilt on the next call if it died). */
    public boolean isRunning() {
        return !closed && !stopped(client);
    }

    /** Shut down or shutting down; a client just started may still be INACTIVE, which is fine. */
    private static boolean stopped(CloseableHttpAsyncClient c) {
        IOReactorStatus status = c.getStatus();
        return status == IOReactorStatus.SHUTTING_DOWN || status == IOReactorStatus.SHUT_DOWN;
    }

    /**
     * Sends the request, with {@code authorization} (if not {@code null}) as its Authorization header for this attempt.
     * The future fails with an {@link IOException} when no complete answer arrived within the limits: a refused or
     * dropped connection, {@code requestTimeout} for the whole attempt, or an answer larger than
     * {@code maxResponseSize} ({@link ResponseTooLargeException}). Any HTTP status is a normal result.
     */
    public CompletableFuture<HttpResult> execute(HttpRequestSpec spec, String authorization, AttemptLimits limits) {
        SimpleRequestBuilder builder =
                SimpleRequestBuilder.create(spec.method()).setUri(spec.uri());
        for (Map.Entry<String, String> header : spec.headers().entrySet()) {
            builder.addHeader(header.getKey(), header.getValue());
        }
        if (authorization != null) {
            builder.setHeader("Authorization", authorization);
        }
        if (spec.body() != null) {
            builder.setBody(spec.body(), spec.contentType());
        }
        SimpleHttpRequest request = builder.build();
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(limits.requestConfig());

        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        AttemptDeadlines.Attempt attempt = deadlines.start(
                settings.connectTimeout().toNanos(), limits.requestTimeout().toNanos(), result, spec.toString());
        context.setAttribute(ATTEMPT, attempt);
        Future<HttpResult> exchange = liveClient()
                .execute(
                        SimpleRequestProducer.create(request),
                        new CappedResponseConsumer(limits.maxResponseSize()),
                        context,
                        new FutureCallback<>() {
                            @Override
                            public void completed(HttpResult answer) {
                                result.complete(answer);
                            }

                            @Override
                            public void failed(Exception ex) {
                                result.completeExceptionally(ex);
                            }

                            @Override
                            public void cancelled() {
                                result.completeExceptionally(new SocketTimeoutException(spec + " was cancelled"));
                            }
                        });
        attempt.exchange(exchange);
        return result;
    }

    private CloseableHttpAsyncClient liveClient() {
        CloseableHttpAsyncClient c = client;
        if (!stopped(c) || closed) {
            return c;
        }
        synchronized (this) {
            if (stopped(client) && !closed) {
                LOG.warn(
                        "Apache HttpClient's I/O reactor for Red Cloud stopped ({}); building a new client",
                        client.getStatus());
                client.close(CloseMode.IMMEDIATE);
                client = newClient();
            }
            return client;
        }
    }

    /** For tests: stops the I/O reactor as a fatal error inside it would. */
    void killReactor() {
        client.close(CloseMode.IMMEDIATE);
    }

    int attemptsRunning() {
        return deadlines.size();
    }

    @Override
    public void close() {
        closed = true;
        deadlines.close();
        client.close(CloseMode.GRACEFUL);
    }
}

package live.redcloud.camel.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP stack of the component: a pooled, non-blocking Apache HttpClient 5 (the client camel-http is built on).
 * It sends exactly the headers it is given, follows no redirect (a bearer token must never travel to another host) and
 * never retries on its own: {@link RetryingCaller} owns that decision.
 */
public final class HttpTransport implements AutoCloseable {

    private static final String USER_AGENT = "camel-redcloud";

    private final CloseableHttpAsyncClient client;
    private final HttpTransportSettings settings;

    public HttpTransport(HttpTransportSettings settings) {
        this.settings = settings;
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build());
        if (settings.sslContext() != null) {
            pool.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(settings.sslContext()).build());
        }
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom();
        // route planner (proxy or direct per host) and preemptive proxy auth; see ProxySettings
        settings.proxy().applyTo(builder);
        this.client = builder
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent(USER_AGENT)
                .build();
        this.client.start();
    }

    public HttpTransportSettings settings() {
        return settings;
    }

    /**
     * Sends the request, with {@code authorization} (if not {@code null}) as its Authorization header for this attempt.
     * The future fails with an {@link IOException} when no complete answer arrived (refused or dropped connection, or
     * {@code requestTimeout} of silence on the socket); any HTTP status is a normal result.
     */
    public CompletableFuture<HttpResult> execute(HttpRequestSpec spec, String authorization) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(spec.method()).setUri(spec.uri());
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

        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        client.execute(
                SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), new FutureCallback<>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        result.complete(toResult(response));
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
        return result;
    }

    private static HttpResult toResult(SimpleHttpResponse response) {
        return new HttpResult(
                response.getCode(),
                headerValue(response.getFirstHeader("Content-Type")),
                headerValue(response.getFirstHeader("Retry-After")),
                headerValue(response.getFirstHeader("X-Request-Id")),
                response.getBodyBytes());
    }

    private static String headerValue(Header header) {
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}

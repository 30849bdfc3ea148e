package live.redcloud.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Client b: what a careful hand-written client does with no framework. One pooled {@link CloseableHttpAsyncClient}
 * (pool size = the concurrency, the same I/O thread count as the component: one per core, at most 2), the token
 * fetched once by hand before the first send, the JSON written and read by Jackson, a random UUID as
 * Idempotency-Key. The answer is handled on the I/O thread that received it ({@link #send}), or on the caller thread
 * that waited for it ({@link #sendAndWait}). The blocking work of the work measurement ({@link RouteSteps#workMillis})
 * runs after the answer on the thread that waited for it; it is measured in waiting mode only, so {@link #send}
 * refuses it rather than sleep on an I/O thread. {@link RawProcessorClient} posts through this class.
 */
public final class RawHttpClient5Client implements SendClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String clientId;
    private final int poolSize;
    private final RouteSteps steps;
    private CloseableHttpAsyncClient client;
    private URI sendUri;
    private String bearer;

    public RawHttpClient5Client(String baseUrl, String clientId, int poolSize, RouteSteps steps) {
        if (steps.redelivery()) {
            throw new IllegalArgumentException(
                    "the raw client is no Camel route: it has no error handler to redeliver");
        }
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.poolSize = poolSize;
        this.steps = steps;
    }

    @Override
    public String name() {
        return "raw HttpClient 5";
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void start() throws Exception {
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(poolSize)
                        .setMaxConnPerRoute(poolSize)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                .setSocketTimeout(Timeout.ofSeconds(30))
                                .build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.min(2, Runtime.getRuntime().availableProcessors()))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        client.start();
        sendUri = URI.create(baseUrl + StubRedCloud.SEND_PATH);
        bearer = "Bearer " + fetchToken();
    }

    private String fetchToken() throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((clientId + ":" + StubRedCloud.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        SimpleHttpRequest request = SimpleRequestBuilder.post(baseUrl + StubRedCloud.TOKEN_PATH)
                .setHeader("Authorization", "Basic " + basic)
                .setHeader("Accept", "application/json")
                .setBody("grant_type=client_credentials", ContentType.APPLICATION_FORM_URLENCODED)
                .build();
        SimpleHttpResponse response = client.execute(request, null).get(10, TimeUnit.SECONDS);
        if (response.getCode() != 200) {
            throw new IOException("token request answered HTTP " + response.getCode());
        }
        JsonNode token = MAPPER.readTree(response.getBodyBytes()).path("access_token");
        if (!token.isTextual()) {
            throw new IOException("token response without access_token");
        }
        return token.asText();
    }

    @Override
    public void send(int index, Completion done) {
        if (steps.workMillis() > 0) {
            done.completed(null, new UnsupportedOperationException("work after the send: waiting mode only"));
            return;
        }
        SimpleHttpRequest request;
        try {
            request = sendRequest(Payload.TEXT);
        } catch (IOException e) {
            done.completed(null, e);
            return;
        }
        execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                String id;
                try {
                    id = messageId(response);
                } catch (IOException e) {
                    done.completed(null, e);
                    return;
                }
                done.completed(id, null);
            }

            @Override
            public void failed(Exception ex) {
                done.completed(null, ex);
            }

            @Override
            public void cancelled() {
                done.completed(null, new IOException("cancelled"));
            }
        });
    }

    /**
     * The same async client and the same parse, the calling thread waiting on the future: the floor for
     * {@link DriveMode#WAITING}, where the other clients are driven by the same waiting threads.
     */
    @Override
    public String sendAndWait(int index, String text) throws Exception {
        SimpleHttpResponse response;
        try {
            response = client.execute(sendRequest(text), null).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        String id = messageId(response);
        steps.work();
        return id;
    }

    /** Posts {@code request} on the pooled client; {@code callback} runs on the I/O thread that read the answer. */
    void execute(SimpleHttpRequest request, FutureCallback<SimpleHttpResponse> callback) {
        client.execute(request, callback);
    }

    /** The send request with a bearer token, a fresh UUID as Idempotency-Key and the JSON written by Jackson. */
    SimpleHttpRequest sendRequest(String text) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(Payload.SendRequest.withText(text));
        return SimpleRequestBuilder.post(sendUri)
                .setHeader("Authorization", bearer)
                .setHeader("Idempotency-Key", UUID.randomUUID().toString())
                .setHeader("Accept", "application/json")
                .setBody(json, ContentType.APPLICATION_JSON)
                .build();
    }

    /** The first messageId of a 202 answer, read by Jackson; anything else is an {@link IOException}. */
    static String messageId(SimpleHttpResponse response) throws IOException {
        if (response.getCode() != 202) {
            throw new IOException("send answered HTTP " + response.getCode() + ": " + response.getBodyText());
        }
        String id = MAPPER.readValue(response.getBodyBytes(), Payload.SendResponse.class)
                .firstMessageId();
        if (id == null) {
            throw new IOException("no message accepted");
        }
        return id;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close(CloseMode.GRACEFUL);
        }
    }
}

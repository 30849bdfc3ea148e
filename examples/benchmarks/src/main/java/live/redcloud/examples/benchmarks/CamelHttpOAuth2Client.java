package live.redcloud.examples.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Client c: a plain camel-http route using camel-http's own OAuth2 client credentials support
 * ({@code oauth2ClientId}, {@code oauth2ClientSecret}, {@code oauth2TokenEndpoint}, and {@code oauth2CacheTokens=true}:
 * without it camel-http fetches a new token before every request). The route sets the JSON body as a String (written
 * by Jackson), {@code Content-Type} and {@code Idempotency-Key} (a random UUID) as headers; the answer is read with
 * Jackson. Pool: {@code connectionsPerRoute} = {@code maxTotalConnections} = the concurrency.
 *
 * <p>camel-http's producer is synchronous (classic HttpClient 5, one thread blocked per request in flight), so
 * {@code C} concurrent sends need {@code C} caller threads: {@link #send} hands each send to a fixed pool of that many
 * threads. That is how such a route gets concurrency in practice (parallel consumers, {@code threads()}). In
 * {@link DriveMode#WAITING} the caller threads are already there, so {@link #sendAndWait} runs the producer on them
 * directly. {@link RouteSteps} adds blocking work after the {@code to(...)} step, or Camel's error handler with one
 * redelivery (camel-http answers a 500 with an {@code HttpOperationFailedException}).
 */
public final class CamelHttpOAuth2Client implements SendClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String clientId;
    private final int concurrency;
    private final RouteSteps steps;
    private CamelContext context;
    private Endpoint entry;
    private Producer producer;
    private ExecutorService callers;

    public CamelHttpOAuth2Client(String baseUrl, String clientId, int concurrency, RouteSteps steps) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.concurrency = concurrency;
        this.steps = steps;
    }

    @Override
    public String name() {
        return "camel-http + OAuth2";
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void start() throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        HttpComponent http = context.getComponent("http", HttpComponent.class);
        http.setConnectionsPerRoute(concurrency);
        http.setMaxTotalConnections(concurrency);
        String uri = baseUrl + StubRedCloud.SEND_PATH
                + "?httpMethod=POST"
                + "&oauth2ClientId=" + clientId
                + "&oauth2ClientSecret=RAW(" + StubRedCloud.CLIENT_SECRET + ")"
                + "&oauth2TokenEndpoint=RAW(" + baseUrl + StubRedCloud.TOKEN_PATH + ")"
                + "&oauth2CacheTokens=true";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                steps.afterSend(steps.errorHandler(from("direct:send").routeId("camel-http-send"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setHeader("Accept", constant("application/json"))
                        .to(uri));
            }
        });
        context.start();
        entry = context.getEndpoint("direct:send");
        producer = entry.createProducer();
        ServiceHelper.startService(producer);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "camel-http-caller-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        callers = Executors.newFixedThreadPool(concurrency, named);
    }

    /** Asynchronous mode: the synchronous send on one of the C caller threads of the pool. */
    @Override
    public void send(int index, Completion done) {
        callers.execute(() -> {
            String id;
            try {
                id = sendAndWait(index);
            } catch (Exception e) {
                done.completed(null, e);
                return;
            }
            done.completed(id, id == null ? new IOException("no message accepted") : null);
        });
    }

    /** Waiting mode: the producer runs straight on the caller thread, no hop onto the pool. */
    @Override
    public String sendAndWait(int index, String text) throws Exception {
        Exchange exchange = entry.createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(MAPPER.writeValueAsString(Payload.SendRequest.withText(text)));
        exchange.getMessage().setHeader("Idempotency-Key", UUID.randomUUID().toString());
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 202) {
            throw new IOException("send answered HTTP " + status);
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        return MAPPER.readValue(body, Payload.SendResponse.class).firstMessageId();
    }

    @Override
    public void close() {
        if (callers != null) {
            callers.shutdownNow();
            try {
                callers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ServiceHelper.stopService(producer);
        if (context != null) {
            context.stop();
        }
    }
}

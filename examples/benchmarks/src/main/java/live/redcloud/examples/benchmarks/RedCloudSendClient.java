package live.redcloud.examples.benchmarks;

import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudConstants;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Client a: {@code redcloud:send} in a Camel route ({@code direct:send -> redcloud:send}), the component configured
 * with baseUrl, clientId and clientSecret only (plus {@code maxConnections}, the pool size, when given). In
 * {@link DriveMode#ASYNC} the route is driven through its asynchronous producer, so no caller thread waits while a send
 * is in flight: what a fast asynchronous consumer feeding the route would see. In {@link DriveMode#WAITING} the same
 * producer is called through Camel's synchronous {@code process(Exchange)}, so the caller thread waits in Camel's
 * {@code AsyncProcessorAwaitManager}: what a ProducerTemplate or a JMS or Kafka consumer thread sees (no
 * ProducerTemplate here, so only the route and the component are measured). The body is the text, the recipient a
 * header, {@code sendFrom} an endpoint option; the component builds the JSON, derives the Idempotency-Key and caches
 * the token.
 */
public final class RedCloudSendClient implements SendClient {

    private final String baseUrl;
    private final String clientId;
    private final Integer maxConnections;
    private final String label;
    private CamelContext context;
    private Endpoint entry;
    private AsyncProducer producer;

    /**
     * @param maxConnections the component's pool size, or {@code null} to leave the component's default
     */
    public RedCloudSendClient(String baseUrl, String clientId, Integer maxConnections, String label) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.maxConnections = maxConnections;
        this.label = label;
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void start() throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        RedCloudComponent redcloud = new RedCloudComponent();
        redcloud.getConfiguration().setBaseUrl(baseUrl);
        redcloud.getConfiguration().setClientId(clientId);
        redcloud.getConfiguration().setClientSecret(StubRedCloud.CLIENT_SECRET);
        if (maxConnections != null) {
            redcloud.getConfiguration().setMaxConnections(maxConnections);
        }
        context.addComponent("redcloud", redcloud);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("redcloud-send").to("redcloud:send?sendFrom=" + Payload.SEND_FROM);
            }
        });
        context.start();
        entry = context.getEndpoint("direct:send");
        producer = entry.createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    public void send(int index, Completion done) {
        Exchange exchange = newExchange();
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                done.completed(null, exchange.getException());
            } else {
                done.completed(exchange.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class), null);
            }
        });
    }

    @Override
    public String sendAndWait(int index) throws Exception {
        Exchange exchange = newExchange();
        // the synchronous API over the asynchronous producer: this thread waits until the component's callback
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class);
    }

    private Exchange newExchange() {
        Exchange exchange = entry.createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(Payload.TEXT);
        exchange.getMessage().setHeader(RedCloudConstants.TO, Payload.TO);
        return exchange;
    }

    @Override
    public void close() {
        ServiceHelper.stopService(producer);
        if (context != null) {
            context.stop();
        }
    }
}

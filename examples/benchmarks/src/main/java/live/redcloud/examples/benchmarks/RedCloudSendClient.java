package live.redcloud.examples.benchmarks;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>With {@code synchronous} the endpoint is {@code redcloud:send?synchronous=true}: the thread that reaches the
 * producer waits for the answer and the route continues on it. Like camel-http's synchronous producer, {@code C}
 * concurrent sends in async mode then need {@code C} threads: {@link #send} hands each send to a fixed pool of that
 * many. {@link RouteSteps} adds blocking work after the send step, or Camel's error handler with one redelivery (and
 * {@code maxRetries=0}, so that only Camel redelivers).
 */
public final class RedCloudSendClient implements SendClient {

    private final String baseUrl;
    private final String clientId;
    private final Integer maxConnections;
    private final String label;
    private final boolean synchronous;
    private final int callerThreads;
    private final RouteSteps steps;
    private CamelContext context;
    private Endpoint entry;
    private AsyncProducer producer;
    private ExecutorService callers;

    /**
     * @param maxConnections the component's pool size, or {@code null} to leave the component's default
     * @param synchronous {@code redcloud:send?synchronous=true}
     * @param callerThreads with {@code synchronous}: the threads that make the sends of {@link #send}
     */
    public RedCloudSendClient(
            String baseUrl,
            String clientId,
            Integer maxConnections,
            String label,
            boolean synchronous,
            int callerThreads,
            RouteSteps steps) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.maxConnections = maxConnections;
        this.label = label;
        this.synchronous = synchronous;
        this.callerThreads = callerThreads;
        this.steps = steps;
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
        String uri = "redcloud:send?sendFrom=" + Payload.SEND_FROM
                + (synchronous ? "&synchronous=true" : "")
                + (steps.redelivery() ? "&maxRetries=0" : "");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                steps.afterSend(steps.errorHandler(from("direct:send").routeId("redcloud-send"))
                        .to(uri));
            }
        });
        context.start();
        entry = context.getEndpoint("direct:send");
        producer = entry.createAsyncProducer();
        ServiceHelper.startService(producer);
        if (synchronous) {
            AtomicInteger n = new AtomicInteger();
            callers = Executors.newFixedThreadPool(callerThreads, r -> {
                Thread t = new Thread(r, "redcloud-sync-caller-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public void send(int index, Completion done) {
        if (callers != null) {
            // synchronous=true: the send blocks the thread that makes it, so it needs a thread of its own
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
            return;
        }
        Exchange exchange = newExchange(Payload.TEXT);
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                done.completed(null, exchange.getException());
            } else {
                done.completed(exchange.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class), null);
            }
        });
    }

    @Override
    public String sendAndWait(int index, String text) throws Exception {
        Exchange exchange = newExchange(text);
        // the synchronous API over the asynchronous producer: this thread waits until the route has completed
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class);
    }

    private Exchange newExchange(String text) {
        Exchange exchange = entry.createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(text);
        exchange.getMessage().setHeader(RedCloudConstants.TO, Payload.TO);
        return exchange;
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

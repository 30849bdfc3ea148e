package live.redcloud.examples.benchmarks;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * The floor for any Camel component: a Camel route {@code direct:send -> process(<hand-written AsyncProcessor>)} whose
 * processor posts the same request as {@link RawHttpClient5Client} (it posts through one: the same pool of C, the
 * token fetched once by hand, the JSON written and the answer read by Jackson, a UUID as Idempotency-Key) and calls
 * Camel's {@link AsyncCallback} when the answer came. The body is the text; the messageId goes into the
 * {@link #MESSAGE_ID} header. Driven like {@code redcloud:send}: through the route's asynchronous producer in async
 * mode, through its synchronous {@code process(Exchange)} from waiting callers.
 *
 * <p>Without work after the send the callback runs on the HttpClient I/O thread that read the answer, so the route
 * ends there: no thread hop, the cheapest a Camel route can be. With work after the send ({@link RouteSteps}) the
 * processor calls the callback on a cached thread pool of its own (unbounded, so it never limits): otherwise the
 * blocking step would run on the two I/O threads and cap the client at {@code 2 / work} sends per second.
 */
public final class RawProcessorClient implements SendClient {

    /** The header the processor puts the messageId of the accepted send into. */
    public static final String MESSAGE_ID = "BenchRawMessageId";

    private final RawHttpClient5Client http;
    private final RouteSteps steps;
    private CamelContext context;
    private Endpoint entry;
    private AsyncProducer producer;
    private ExecutorService continuations;

    public RawProcessorClient(String baseUrl, String clientId, int poolSize, RouteSteps steps) {
        this.http = new RawHttpClient5Client(baseUrl, clientId, poolSize, RouteSteps.NONE);
        this.steps = steps;
    }

    @Override
    public String name() {
        return "raw AsyncProcessor route";
    }

    @Override
    public String clientId() {
        return http.clientId();
    }

    @Override
    public void start() throws Exception {
        http.start();
        if (steps.workMillis() > 0) {
            AtomicInteger n = new AtomicInteger();
            continuations = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "raw-processor-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        SendProcessor processor = new SendProcessor(http, continuations);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                steps.afterSend(steps.errorHandler(from("direct:send").routeId("raw-processor-send"))
                        .process(processor));
            }
        });
        context.start();
        entry = context.getEndpoint("direct:send");
        producer = entry.createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    public void send(int index, Completion done) {
        Exchange exchange = newExchange(Payload.TEXT);
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                done.completed(null, exchange.getException());
            } else {
                done.completed(exchange.getMessage().getHeader(MESSAGE_ID, String.class), null);
            }
        });
    }

    @Override
    public String sendAndWait(int index, String text) throws Exception {
        Exchange exchange = newExchange(text);
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange.getMessage().getHeader(MESSAGE_ID, String.class);
    }

    private Exchange newExchange(String text) {
        Exchange exchange = entry.createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(text);
        return exchange;
    }

    @Override
    public void close() {
        ServiceHelper.stopService(producer);
        if (context != null) {
            context.stop();
        }
        http.close();
        if (continuations != null) {
            continuations.shutdownNow();
            try {
                continuations.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The hand-written asynchronous processor: post, return, and call back when the answer came. */
    private static final class SendProcessor extends AsyncProcessorSupport {

        private final RawHttpClient5Client http;
        /** Where the callback runs; {@code null}: on the I/O thread. */
        private final ExecutorService continuations;

        SendProcessor(RawHttpClient5Client http, ExecutorService continuations) {
            this.http = http;
            this.continuations = continuations;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            SimpleHttpRequest request;
            try {
                request = http.sendRequest(exchange.getMessage().getBody(String.class));
            } catch (IOException | RuntimeException e) {
                exchange.setException(e);
                callback.done(true);
                return true;
            }
            http.execute(request, new FutureCallback<>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    try {
                        exchange.getMessage().setHeader(MESSAGE_ID, RawHttpClient5Client.messageId(response));
                    } catch (IOException | RuntimeException e) {
                        exchange.setException(e);
                    }
                    done(callback);
                }

                @Override
                public void failed(Exception ex) {
                    exchange.setException(ex);
                    done(callback);
                }

                @Override
                public void cancelled() {
                    exchange.setException(new IOException("cancelled"));
                    done(callback);
                }
            });
            return false;
        }

        private void done(AsyncCallback callback) {
            if (continuations == null) {
                callback.done(false);
                return;
            }
            try {
                continuations.execute(() -> callback.done(false));
            } catch (RejectedExecutionException e) {
                callback.done(false); // stopping: finish here rather than lose the exchange
            }
        }
    }
}

package live.redcloud.camel;

import static live.redcloud.camel.SendPayloadBuilder.fillGap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import live.redcloud.camel.client.ApiResult;
import live.redcloud.camel.client.HttpTransports;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.model.NumberSearchCriteria;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudConnectionException;
import live.redcloud.camel.model.RedCloudException;
import live.redcloud.camel.model.RedCloudSendException;
import live.redcloud.camel.model.RedCloudSendOutcomeUnknownException;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.model.SendResult;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer of {@code send}, {@code whoami}, {@code numbers} and {@code search-numbers}. Non-blocking: the calling
 * thread returns as soon as the request is handed to the HTTP client, and the route continues on the HttpClient I/O
 * thread that read Red Cloud's answer. Only the documented Red Cloud headers go on the wire; exchange headers never do.
 */
public class RedCloudProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudProducer.class);

    private final RedCloudEndpoint endpoint;
    private final RedCloudConfiguration config;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final BlockingContinuationWarning blockedThreads;
    private SendPayloadBuilder payloads;
    private volatile HttpTransports.Lease transport;
    private volatile RedCloudClient client;
    private RedCloudProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    public RedCloudProducer(RedCloudEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.blockedThreads = new BlockingContinuationWarning("redcloud:" + endpoint.getOperation());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        payloads = new SendPayloadBuilder(endpoint.getComponent().getObjectMapper());
        // before taking anything that would need giving back: with startupCheck=fail a finding ends the start here
        endpoint.getComponent().startupChecks().onStart(endpoint);
        connect();
        endpoint.getComponent().register(this);
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(
                endpoint.getCamelContext(), "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new RedCloudProducerHealthCheck(endpoint, () -> client);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    /**
     * Sends still unanswered keep their exchange until they are answered: Camel's graceful shutdown waits for the
     * route's in-flight exchanges first, and a producer stopped outside it (a ProducerTemplate's) waits here, up to the
     * shutdown timeout. What is left after that, or after a forced shutdown, fails with its true state: outcome unknown.
     */
    @Override
    protected void doStop() throws Exception {
        ShutdownStrategy shutdown = endpoint.getCamelContext().getShutdownStrategy();
        if (!shutdown.hasTimeoutOccurred()) {
            awaitAnswered(shutdown.getTimeUnit().toMillis(shutdown.getTimeout()));
        }
        abandonInFlight();
        endpoint.getComponent().unregister(this);
        disconnect();
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    /** Takes a hold on the component's connection pool for this endpoint's settings, giving back any earlier one. */
    void connect() {
        HttpTransports.Lease lease = endpoint.getComponent().acquireTransport(endpoint.transportSettings());
        try {
            client = endpoint.newClient(lease.transport());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        HttpTransports.Lease previous = transport;
        transport = lease;
        if (previous != null) {
            previous.close();
        }
    }

    private void disconnect() {
        HttpTransports.Lease lease = transport;
        transport = null;
        if (lease != null) {
            lease.close();
        }
    }

    /** Waits up to {@code millis} for the calls still waiting for Red Cloud to be answered. */
    void awaitAnswered(long millis) throws InterruptedException {
        if (inFlight.size() > 0) {
            inFlight.awaitAnswered(millis);
        }
    }

    /** Fails every call still waiting for Red Cloud; returns how many. */
    int abandonInFlight() {
        int abandoned = inFlight.abandonAll(call -> call.idempotencyKey() != null
                ? new RedCloudSendOutcomeUnknownException(
                        call.idempotencyKey(), "redcloud:send stopped before Red Cloud answered", null)
                : new RedCloudException("redcloud:" + endpoint.getOperation()
                        + " stopped before Red Cloud answered; the call changes nothing and can be made again"));
        if (abandoned > 0) {
            LOG.warn(
                    "redcloud:{} stopped with {} call(s) still unanswered; their exchanges failed with an outcome-unknown"
                            + " error carrying the Idempotency-Key to replay with",
                    endpoint.getOperation(),
                    abandoned);
        }
        return abandoned;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (endpoint.getComponent().isStoppingOrStopped()) {
            // the component (stopped on its own) has closed its connections: say so before anything is sent
            exchange.setException(new RedCloudException("redcloud:" + endpoint.getOperation()
                    + " refused: the redcloud component is stopped; nothing was sent"));
            callback.done(true);
            return true;
        }
        Call<?> call;
        try {
            call = prepare(exchange);
        } catch (RuntimeException e) {
            // bad input: fail the exchange before anything is sent
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return run(exchange, callback, call);
    }

    /**
     * Where the exchange continues: on the thread that completes the call, which is the HttpClient I/O thread that
     * read Red Cloud's answer (or the retry timer's thread, for a failure after a retry pause). There is no hand-over
     * to a pool, so nothing between "request written" and "exchange completed" can refuse the exchange; a route that
     * does blocking work after the send should say so with threads() (see docs/operations.md).
     */
    private <T> boolean run(Exchange exchange, AsyncCallback callback, Call<T> call) {
        InFlightCalls.Call inFlight = this.inFlight.begin(exchange, callback, call.idempotencyKey());
        CompletableFuture<ApiResult<T>> answer;
        try {
            answer = call.request().get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        Thread caller = Thread.currentThread();
        answer.whenComplete((result, failure) -> {
            long start = System.nanoTime();
            boolean completed = inFlight.complete(ex -> {
                if (failure != null) {
                    RuntimeException error = unwrap(failure, call);
                    if (error instanceof RedCloudApiException
                            && ((RedCloudApiException) error).getRequestId() != null) {
                        ex.getMessage()
                                .setHeader(RedCloudConstants.REQUEST_ID, ((RedCloudApiException) error).getRequestId());
                    }
                    throw error;
                }
                call.onAnswer().accept(ex, result);
            });
            if (!completed) {
                lateAnswer(call, result, failure);
            } else if (Thread.currentThread() != caller) {
                blockedThreads.record(System.nanoTime() - start);
            }
        });
        return false;
    }

    /** Every failure leaves here as a {@link RedCloudException}: the typed ones as they are, anything else wrapped. */
    private RuntimeException unwrap(Throwable failure, Call<?> call) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        boolean network = cause instanceof RedCloudConnectionException || !(cause instanceof RedCloudException);
        boolean stopping = isStoppingOrStopped() || endpoint.getComponent().isStoppingOrStopped();
        if (network && call.idempotencyKey() != null && stopping) {
            // a retry refused by the stopping timer, a connection closed by the stopping client: the first attempt
            // may have been accepted
            return new RedCloudSendOutcomeUnknownException(
                    call.idempotencyKey(), "the producer or component stopped before Red Cloud answered", cause);
        }
        if (cause instanceof RedCloudException) {
            return (RedCloudException) cause;
        }
        return new RedCloudException("redcloud:" + endpoint.getOperation() + " failed: " + cause, cause);
    }

    private void lateAnswer(Call<?> call, Object result, Throwable failure) {
        if (call.idempotencyKey() != null && failure == null) {
            // the exchange was already failed as "outcome unknown": tell the operator what really happened
            LOG.info(
                    "Red Cloud accepted the send with Idempotency-Key {} after its exchange had been failed at shutdown"
                            + " (outcome unknown); a replay with this key is answered with the stored response",
                    call.idempotencyKey());
        } else {
            LOG.debug(
                    "Ignoring the late outcome of an abandoned Red Cloud call (Idempotency-Key {}): {}",
                    call.idempotencyKey(),
                    failure == null ? result : failure.toString());
        }
    }

    /** One Red Cloud call: its key (sends only), how to start it, and what its answer does to the exchange. */
    private record Call<T>(
            String idempotencyKey,
            Supplier<CompletableFuture<ApiResult<T>>> request,
            BiConsumer<Exchange, ApiResult<T>> onAnswer) {}

    private Call<?> prepare(Exchange exchange) {
        switch (endpoint.getRedCloudOperation()) {
            case send:
                return prepareSend(exchange);
            case whoami:
                return new Call<>(null, client::whoami, RedCloudProducer::setResult);
            case numbers:
                return new Call<>(null, client::numbers, RedCloudProducer::setResult);
            case searchNumbers:
                Map<String, Object> criteria = searchCriteria(exchange.getMessage());
                return new Call<>(null, () -> client.searchNumbers(criteria), RedCloudProducer::setResult);
            default:
                throw new IllegalStateException("redcloud:" + endpoint.getOperation() + " cannot produce");
        }
    }

    private Call<SendMessageResponse> prepareSend(Exchange exchange) {
        byte[] payload = payloads.build(exchange.getMessage(), config);
        String key = IdempotencyKeys.keyFor(exchange, payload);
        exchange.getMessage().setHeader(RedCloudConstants.IDEMPOTENCY_KEY, key);
        LOG.debug("Sending a Red Cloud message with Idempotency-Key {}", key);
        return new Call<>(key, () -> client.send(payload, key), (ex, result) -> onSent(ex, result, key));
    }

    private void onSent(Exchange exchange, ApiResult<SendMessageResponse> result, String key) {
        Message message = exchange.getMessage();
        SendMessageResponse response = result.body();
        List<String> messageIds = new ArrayList<>();
        for (SendResult r : response.getResults()) {
            messageIds.add(r.getMessageId());
        }
        setResult(exchange, result);
        message.setHeader(RedCloudConstants.MESSAGE_IDS, messageIds);
        message.setHeader(
                RedCloudConstants.ACCEPTED_COUNT, response.getResults().size());
        message.setHeader(RedCloudConstants.REJECTED_COUNT, response.getErrors().size());
        if (!response.getResults().isEmpty()) {
            SendResult first = response.getResults().get(0);
            message.setHeader(RedCloudConstants.MESSAGE_ID, first.getMessageId());
            message.setHeader(RedCloudConstants.STATUS, first.getStatus());
        }
        LOG.debug(
                "Red Cloud accepted {} and rejected {} recipient(s) (Idempotency-Key {})",
                response.getResults().size(),
                response.getErrors().size(),
                key);
        if (response.getResults().isEmpty()) {
            throw new RedCloudSendException(
                    "Red Cloud rejected every recipient of the send: " + response.getErrors(), response, key);
        }
        if (config.isThrowOnPartialFailure() && !response.getErrors().isEmpty()) {
            throw new RedCloudSendException(
                    "Red Cloud rejected " + response.getErrors().size() + " of "
                            + (response.getErrors().size()
                                    + response.getResults().size()) + " recipients: "
                            + response.getErrors(),
                    response,
                    key);
        }
        // only a send that succeeded counts: a redelivery of a failed one must repeat its key
        IdempotencyKeys.sendCompleted(exchange);
    }

    private static void setResult(Exchange exchange, ApiResult<?> result) {
        Message message = exchange.getMessage();
        message.setBody(result.body());
        if (result.requestId() != null) {
            message.setHeader(RedCloudConstants.REQUEST_ID, result.requestId());
        }
    }

    private Map<String, Object> searchCriteria(Message message) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        Object body = message.getBody();
        if (body instanceof NumberSearchCriteria) {
            criteria.putAll(endpoint.getComponent().getObjectMapper().convertValue(body, Map.class));
        } else if (body instanceof Map) {
            ((Map<?, ?>) body).forEach((k, v) -> criteria.put(String.valueOf(k), v));
        }
        fillGap(criteria, "npa", message.getHeader(RedCloudConstants.NPA), config.getNpa());
        fillGap(criteria, "nxx", message.getHeader(RedCloudConstants.NXX), config.getNxx());
        fillGap(criteria, "city", message.getHeader(RedCloudConstants.CITY), config.getCity());
        fillGap(criteria, "state", message.getHeader(RedCloudConstants.STATE), config.getState());
        fillGap(criteria, "zipCode", message.getHeader(RedCloudConstants.ZIP_CODE), config.getZipCode());
        fillGap(criteria, "rateCenter", message.getHeader(RedCloudConstants.RATE_CENTER), config.getRateCenter());
        return criteria;
    }
}

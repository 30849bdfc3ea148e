package live.redcloud.camel;

import static live.redcloud.camel.SendPayloadBuilder.fillGap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
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
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer of {@code send}, {@code whoami}, {@code numbers} and {@code search-numbers}. Non-blocking by default:
 * the calling thread returns as soon as the request is handed to the HTTP client, and once the call is settled
 * (answered, failed, timed out) the route continues on the worker pool ({@link WorkerPool}). With {@code synchronous}
 * (or a transacted exchange) the calling thread waits and the route continues on it. Only the documented Red Cloud
 * headers go on the wire; exchange headers never do.
 */
public class RedCloudProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudProducer.class);

    private final RedCloudEndpoint endpoint;
    private final RedCloudConfiguration config;
    private final InFlightCalls inFlight = new InFlightCalls();
    private SendPayloadBuilder payloads;
    /** The started producer's hold on its client; {@code null} while stopped. */
    private volatile ClientHold hold;

    private RedCloudProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    public RedCloudProducer(RedCloudEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
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
            healthCheck = new RedCloudProducerHealthCheck(endpoint, () -> {
                ClientHold h = hold;
                return h == null ? null : h.client();
            });
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    /**
     * When the Camel context stops, sends still unanswered keep their exchange until they are answered: Camel's graceful
     * shutdown waits for the route's in-flight exchanges first, and a producer outside a route (a ProducerTemplate's)
     * waits here, up to the shutdown timeout. What is left after that, or after a forced shutdown, fails with its true
     * state: outcome unknown.
     *
     * <p>Stopped while the context runs (evicted from a {@code toD} or template cache, its route removed, perhaps from a
     * worker thread inside a route), it waits for nothing and fails nothing: the calls in flight are answered as usual,
     * and the connection pool and worker pool they need are given back once the last of them settled.
     */
    @Override
    protected void doStop() throws Exception {
        CamelContext context = endpoint.getCamelContext();
        if (context.isStopping()) {
            ShutdownStrategy shutdown = context.getShutdownStrategy();
            if (!shutdown.hasTimeoutOccurred()) {
                awaitAnswered(shutdown.getTimeUnit().toMillis(shutdown.getTimeout()));
            }
            abandonInFlight();
        }
        ClientHold h = hold;
        hold = null;
        if (h != null) {
            // calls still in flight hold it too: the last of them gives the resources back
            h.release();
        }
        inFlight.whenDrained(() -> {
            if (!isStarted() && !isStarting()) {
                endpoint.getComponent().unregister(this);
            }
        });
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    /** Takes a new hold on a client for this endpoint's settings, letting go of any earlier one. */
    void connect() {
        ClientHold previous = hold;
        hold = newHold();
        if (previous != null) {
            previous.release();
        }
    }

    /**
     * A client on the component's connection pool for this endpoint's settings, and where its exchanges continue: the
     * endpoint's {@code workerPool}, the component's pool, or a pool of its own when the endpoint asks for other sizes.
     */
    private ClientHold newHold() {
        RedCloudComponent component = endpoint.getComponent();
        HttpTransports.Lease lease = component.acquireTransport(endpoint.transportSettings());
        try {
            RedCloudClient client = endpoint.newClient(lease.transport());
            if (config.getWorkerPool() != null) {
                return new ClientHold(
                        client,
                        lease,
                        new WorkerPool(config.getWorkerPool(), "The workerPool of " + endpoint),
                        null,
                        endpoint.getCamelContext());
            }
            if (component.hasWorkerPoolSizes(config)) {
                return new ClientHold(client, lease, component.getWorkerPool(), null, endpoint.getCamelContext());
            }
            ExecutorService own = RedCloudComponent.newWorkerPool(
                    endpoint.getCamelContext(), this, config.getWorkerPoolCoreSize(), config.getWorkerPoolMaxSize());
            return new ClientHold(
                    client,
                    lease,
                    new WorkerPool(own, "The worker pool of " + endpoint),
                    own,
                    endpoint.getCamelContext());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** A hold for one call: the started producer's, or, on a producer being stopped, one of the call's own. */
    private ClientHold holdForCall() {
        ClientHold h = hold;
        return h != null && h.retain() ? h : newHold();
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
        ClientHold h;
        Call<?> call;
        try {
            h = holdForCall();
        } catch (RuntimeException e) {
            exchange.setException(new RedCloudException(
                    "redcloud:" + endpoint.getOperation() + " refused: " + e.getMessage() + "; nothing was sent", e));
            callback.done(true);
            return true;
        }
        try {
            call = prepare(exchange, h.client());
        } catch (RuntimeException e) {
            // bad input: fail the exchange before anything is sent
            h.release();
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return run(exchange, callback, call, h);
    }

    /**
     * Starts the call and returns. Where the exchange continues once the call is settled: on the worker pool, or, when
     * the caller waits ({@code synchronous}, a transacted exchange), on the caller's thread, which then returns
     * {@code true}. The thread that settles the call (an HttpClient I/O thread, the timer after a timeout or a retry
     * pause, the stopping thread) only hands over; it never runs the route.
     */
    private <T> boolean run(Exchange exchange, AsyncCallback callback, Call<T> call, ClientHold hold) {
        boolean waits = config.isSynchronous() || exchange.isTransacted();
        WaitingCaller caller = waits ? new WaitingCaller() : null;
        InFlightCalls.Call inFlight = this.inFlight.begin(
                exchange, callback, call.idempotencyKey(), waits ? caller : hold.continuations(), waits, hold::release);
        CompletableFuture<ApiResult<T>> answer;
        try {
            answer = call.request().get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, failure) -> {
            boolean completed = inFlight.complete(ex -> {
                if (forcedShutdown()) {
                    throw refusedByForcedShutdown(call, result, failure);
                }
                if (failure != null) {
                    RuntimeException error = unwrap(failure, call);
                    if (error instanceof RedCloudApiException) {
                        setRequestId(ex, ((RedCloudApiException) error).getRequestId());
                    }
                    throw error;
                }
                call.onAnswer().accept(ex, result);
            });
            if (!completed) {
                lateAnswer(call, result, failure);
            }
        });
        if (waits) {
            caller.runWhenHandedOver();
            return true;
        }
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
        return new RedCloudException(
                "redcloud:" + endpoint.getOperation() + " failed: "
                        + endpoint.getComponent().redactor().redact(String.valueOf(cause)),
                endpoint.getComponent().redactor().redacted(cause));
    }

    private boolean forcedShutdown() {
        return endpoint.getCamelContext().getShutdownStrategy().isForceShutdown();
    }

    /**
     * Camel refuses every further step of a route once its shutdown is forced, with a RejectedExecutionException on an
     * exchange whose send Red Cloud may have accepted. Failing it here first says what is true and how to recover: the
     * route after the call did not run, and a send is replayed safely with its key.
     */
    private RedCloudException refusedByForcedShutdown(Call<?> call, Object result, Throwable failure) {
        String answer =
                failure != null ? "the call failed: " + unwrap(failure, call).getMessage() : "Red Cloud answered";
        if (call.idempotencyKey() != null) {
            return new RedCloudSendOutcomeUnknownException(
                    call.idempotencyKey(),
                    "the Camel context forced its shutdown, so the route does not go on after the send (" + answer
                            + ")",
                    failure);
        }
        return new RedCloudException("redcloud:" + endpoint.getOperation() + ": the Camel context forced its shutdown,"
                + " so the route does not go on after the call (" + answer + "); the call changes nothing and can be"
                + " made again");
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

    private Call<?> prepare(Exchange exchange, RedCloudClient client) {
        switch (endpoint.getRedCloudOperation()) {
            case send:
                return prepareSend(exchange, client);
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

    private Call<SendMessageResponse> prepareSend(Exchange exchange, RedCloudClient client) {
        byte[] payload = payloads.build(exchange.getMessage(), config);
        String key = endpoint.getComponent().idempotencyKeys().keyFor(exchange, payload);
        exchange.getMessage().setHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED, key);
        LOG.debug("Sending a Red Cloud message with Idempotency-Key {}", key);
        return new Call<>(key, () -> client.send(payload, key), (ex, result) -> onSent(ex, result, key));
    }

    private void onSent(Exchange exchange, ApiResult<SendMessageResponse> result, String key) {
        SendMessageResponse response = result.body();
        LOG.debug(
                "Red Cloud accepted {} and rejected {} recipient(s) (Idempotency-Key {})",
                response.getResults().size(),
                response.getErrors().size(),
                key);
        if (response.getResults().isEmpty()
                || (config.isThrowOnPartialFailure() && !response.getErrors().isEmpty())) {
            // as Camel's producers do: a failed send leaves the message it was given (a handler can send it again);
            // the answer is on the exception
            setRequestId(exchange, result.requestId());
            throw new RedCloudSendException(sendFailure(response), response, key);
        }
        Message message = exchange.getMessage();
        List<String> messageIds = new ArrayList<>();
        for (SendResult r : response.getResults()) {
            messageIds.add(r.getMessageId());
        }
        setResult(exchange, result);
        message.setHeader(RedCloudConstants.MESSAGE_IDS, messageIds);
        message.setHeader(
                RedCloudConstants.ACCEPTED_COUNT, response.getResults().size());
        message.setHeader(RedCloudConstants.REJECTED_COUNT, response.getErrors().size());
        SendResult first = response.getResults().get(0);
        message.setHeader(RedCloudConstants.MESSAGE_ID, first.getMessageId());
        message.setHeader(RedCloudConstants.STATUS, first.getStatus());
        // only a send that succeeded counts: a redelivery of a failed one must repeat its key
        endpoint.getComponent().idempotencyKeys().sendCompleted(exchange);
    }

    private String sendFailure(SendMessageResponse response) {
        int rejected = response.getErrors().size();
        String which = response.getResults().isEmpty()
                ? "Red Cloud rejected every recipient of the send: "
                : "Red Cloud rejected " + rejected + " of "
                        + (rejected + response.getResults().size()) + " recipients: ";
        // Red Cloud's words about each recipient: a gateway that echoes the request could have put a secret there
        return which + endpoint.getComponent().redactor().redact(String.valueOf(response.getErrors()));
    }

    private static void setResult(Exchange exchange, ApiResult<?> result) {
        exchange.getMessage().setBody(result.body());
        setRequestId(exchange, result.requestId());
    }

    private static void setRequestId(Exchange exchange, String requestId) {
        if (requestId != null) {
            exchange.getMessage().setHeader(RedCloudConstants.REQUEST_ID, requestId);
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

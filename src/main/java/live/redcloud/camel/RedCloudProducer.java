package live.redcloud.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import live.redcloud.camel.client.ApiResult;
import live.redcloud.camel.client.RedCloudClient;
import live.redcloud.camel.model.NumberSearchCriteria;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudSendException;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.model.SendResult;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static live.redcloud.camel.SendPayloadBuilder.fillGap;

/**
 * The producer of {@code send}, {@code whoami}, {@code numbers} and {@code search-numbers}. Non-blocking: the calling
 * thread returns as soon as the request is handed to the HTTP client, and the route continues on the component's pool
 * when Red Cloud answers. Only the documented Red Cloud headers go on the wire; exchange headers never do.
 */
public class RedCloudProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudProducer.class);

    private final RedCloudEndpoint endpoint;
    private final RedCloudConfiguration config;
    private SendPayloadBuilder payloads;
    private RedCloudClient client;
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
        client = endpoint.client();
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            String id = endpoint.getId();
            healthCheck = new RedCloudProducerHealthCheck(endpoint, id);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> call;
        try {
            call = start(exchange);
        } catch (RuntimeException e) {
            // bad input: fail the exchange before anything is sent
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        AtomicBoolean done = new AtomicBoolean();
        call.handleAsync((ignored, failure) -> {
            if (failure != null) {
                fail(exchange, failure);
            }
            if (done.compareAndSet(false, true)) {
                callback.done(false);
            }
            return null;
        }, endpoint.getComponent().getCallbackExecutor()).exceptionally(rejected -> {
            // the pool refused the task (context stopping): still finish the exchange, exactly once
            if (done.compareAndSet(false, true)) {
                if (exchange.getException() == null) {
                    exchange.setException(rejected);
                }
                callback.done(false);
            }
            return null;
        });
        return false;
    }

    private static void fail(Exchange exchange, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof RedCloudApiException) {
            String requestId = ((RedCloudApiException) cause).getRequestId();
            if (requestId != null) {
                exchange.getMessage().setHeader(RedCloudConstants.REQUEST_ID, requestId);
            }
        }
        exchange.setException(cause);
    }

    private CompletableFuture<?> start(Exchange exchange) {
        Message message = exchange.getMessage();
        switch (endpoint.getRedCloudOperation()) {
            case send:
                return send(exchange);
            case whoami:
                return client.whoami().thenAccept(r -> setResult(message, r, r.body()));
            case numbers:
                return client.numbers().thenAccept(r -> setResult(message, r, r.body()));
            case searchNumbers:
                return client.searchNumbers(searchCriteria(message)).thenAccept(r -> setResult(message, r, r.body()));
            default:
                throw new IllegalStateException("redcloud:" + endpoint.getOperation() + " cannot produce");
        }
    }

    private CompletableFuture<?> send(Exchange exchange) {
        byte[] payload = payloads.build(exchange.getMessage(), config);
        String key = IdempotencyKeys.keyFor(exchange, payload);
        exchange.getMessage().setHeader(RedCloudConstants.IDEMPOTENCY_KEY, key);
        LOG.debug("Sending a Red Cloud message with Idempotency-Key {}", key);
        return client.send(payload, key).thenAccept(result -> onSent(exchange.getMessage(), result, key));
    }

    private void onSent(Message message, ApiResult<SendMessageResponse> result, String key) {
        SendMessageResponse response = result.body();
        List<String> messageIds = new ArrayList<>();
        for (SendResult r : response.getResults()) {
            messageIds.add(r.getMessageId());
        }
        setResult(message, result, response);
        message.setHeader(RedCloudConstants.MESSAGE_IDS, messageIds);
        message.setHeader(RedCloudConstants.ACCEPTED_COUNT, response.getResults().size());
        message.setHeader(RedCloudConstants.REJECTED_COUNT, response.getErrors().size());
        if (!response.getResults().isEmpty()) {
            SendResult first = response.getResults().get(0);
            message.setHeader(RedCloudConstants.MESSAGE_ID, first.getMessageId());
            message.setHeader(RedCloudConstants.STATUS, first.getStatus());
        }
        LOG.debug("Red Cloud accepted {} and rejected {} recipient(s) (Idempotency-Key {})",
                response.getResults().size(), response.getErrors().size(), key);
        if (response.getResults().isEmpty()) {
            throw new RedCloudSendException("Red Cloud rejected every recipient of the send: " + response.getErrors(),
                    response, key);
        }
        if (config.isThrowOnPartialFailure() && !response.getErrors().isEmpty()) {
            throw new RedCloudSendException("Red Cloud rejected " + response.getErrors().size() + " of "
                    + (response.getErrors().size() + response.getResults().size()) + " recipients: "
                    + response.getErrors(), response, key);
        }
    }

    private static void setResult(Message message, ApiResult<?> result, Object body) {
        message.setBody(body);
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

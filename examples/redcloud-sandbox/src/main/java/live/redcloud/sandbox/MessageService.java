package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accepts sends: idempotency, validation, one message per valid recipient, the stored 202 body, and the start of
 * each message's lifecycle. Queue-first like Red Cloud [SEND]: acceptance is {@code QUEUED}; the rest comes by webhook.
 */
final class MessageService {

    /** The response body and whether it came from the idempotency store. */
    record SendResult(byte[] body, boolean replay) {}

    private final IdempotencyStore idempotency;
    private final SendValidator validator;
    private final SandboxActivity activity;
    private final MessageLifecycle lifecycle;
    private final Ids ids;
    private final Clock clock;

    MessageService(
            IdempotencyStore idempotency,
            SendValidator validator,
            SandboxActivity activity,
            MessageLifecycle lifecycle,
            Ids ids,
            Clock clock) {
        this.idempotency = idempotency;
        this.validator = validator;
        this.activity = activity;
        this.lifecycle = lifecycle;
        this.ids = ids;
        this.clock = clock;
    }

    SendResult send(String clientId, String idempotencyKey, JsonNode request) {
        return idempotency.withKeyLocked(clientId, idempotencyKey, () -> {
            Optional<IdempotencyStore.Entry> stored = idempotency.find(clientId, idempotencyKey);
            if (stored.isPresent()) {
                // Same key + same payload: the stored accepted response again, no new send. Payloads are compared
                // as JSON trees, so whitespace and key order do not matter [IDEM].
                if (stored.get().request().equals(request)) {
                    activity.replayed();
                    return new SendResult(stored.get().responseBody(), true);
                }
                throw new ApiException(
                        409,
                        "CONFLICT",
                        "Idempotency-Key was already used with a different payload; use a new key for a new operation");
            }
            SendValidator.ValidSend valid = validator.validate(clientId, request);
            List<MessageRecord> accepted = new ArrayList<>();
            ArrayNode results = Json.array();
            ArrayNode errors = Json.array();
            for (String to : valid.recipients()) {
                if (SendValidator.E164.matcher(to).matches()) {
                    MessageRecord m = new MessageRecord(
                            ids.next("msg_"),
                            clientId,
                            valid.from().numberId(),
                            to,
                            valid.messageType(),
                            valid.text(),
                            valid.mediaUrls(),
                            valid.externalReference(),
                            idempotencyKey,
                            clock.instant(),
                            "QUEUED");
                    accepted.add(m);
                    results.addObject()
                            .put("to", to)
                            .put("messageId", m.messageId())
                            .put("status", "QUEUED");
                } else {
                    // Partial acceptance: a bad recipient does not fail the others [SEND]. Item shape: section 10.
                    errors.addObject()
                            .put("to", to)
                            .put("code", "INVALID_RECIPIENT")
                            .put("message", "to must be an E.164 phone number such as +15551234567");
                }
            }
            ObjectNode response = Json.object();
            response.set("results", results);
            response.set("errors", errors);
            byte[] body = Json.bytes(response);
            // Stored before anyone can see the response, so a client that loses it can replay it.
            idempotency.store(clientId, idempotencyKey, request, body);
            accepted.forEach(activity::messageCreated);
            accepted.forEach(lifecycle::start);
            return new SendResult(body, false);
        });
    }
}

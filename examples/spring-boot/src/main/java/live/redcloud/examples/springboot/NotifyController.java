package live.redcloud.examples.springboot;

import java.util.List;
import live.redcloud.camel.RedCloudConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /notify} sends a text through the {@code direct:notify} route; {@code GET /events} lists the webhook
 * events the application has received so far.
 */
@RestController
public class NotifyController {

    /** {@code to}: one E.164 number or a comma-separated list; the others are optional. */
    public record NotifyRequest(String to, String text, String externalReference, String idempotencyKey) {}

    public record NotifyResponse(String messageId, List<String> messageIds, String status, String idempotencyKey) {}

    public record NotifyError(String error, String message) {}

    private final ProducerTemplate producerTemplate;
    private final EventStore eventStore;

    public NotifyController(ProducerTemplate producerTemplate, EventStore eventStore) {
        this.producerTemplate = producerTemplate;
        this.eventStore = eventStore;
    }

    @PostMapping("/notify")
    public ResponseEntity<?> notify(@RequestBody NotifyRequest request) {
        if (request.to() == null
                || request.to().isBlank()
                || request.text() == null
                || request.text().isBlank()) {
            return ResponseEntity.badRequest().body(new NotifyError("invalid_request", "to and text are required"));
        }
        Exchange result = producerTemplate.send(NotifyRoutes.NOTIFY, exchange -> {
            exchange.getMessage().setBody(request.text());
            exchange.getMessage().setHeader(RedCloudConstants.TO, request.to());
            if (request.externalReference() != null) {
                exchange.getMessage().setHeader(RedCloudConstants.EXTERNAL_REFERENCE, request.externalReference());
            }
            // a business key makes a resend of the same request (from outside Camel) safe
            if (request.idempotencyKey() != null) {
                exchange.getMessage().setHeader(RedCloudConstants.IDEMPOTENCY_KEY, request.idempotencyKey());
            }
        });
        if (result.getException() != null) {
            // the component's exceptions carry Red Cloud's error code and requestId, never a credential
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                    .body(new NotifyError(
                            result.getException().getClass().getSimpleName(),
                            result.getException().getMessage()));
        }
        org.apache.camel.Message answer = result.getMessage();
        @SuppressWarnings("unchecked")
        List<String> messageIds = answer.getHeader(RedCloudConstants.MESSAGE_IDS, List.class);
        return ResponseEntity.ok(new NotifyResponse(
                answer.getHeader(RedCloudConstants.MESSAGE_ID, String.class),
                messageIds,
                answer.getHeader(RedCloudConstants.STATUS, String.class),
                answer.getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED, String.class)));
    }

    @GetMapping("/events")
    public List<EventStore.RecordedEvent> events(@RequestParam(required = false) String messageId) {
        return messageId == null ? eventStore.all() : eventStore.forMessage(messageId);
    }
}

package live.redcloud.examples.benchmarks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The one logical send every client makes: the same sender numberId, recipient, type and text, so the JSON on the
 * wire is the same bytes for all three ({@code {"sendFrom","to":[...],"messageType","text"}}), plus a fresh
 * Idempotency-Key per send.
 */
public final class Payload {

    public static final String SEND_FROM = "num_bench";
    public static final String TO = "+15550000001";
    public static final String MESSAGE_TYPE = "SMS";
    public static final String TEXT = "Your Red Cloud code is 123456. Reply STOP to opt out.";

    private Payload() {}

    /** The send request as a hand-written client would model it (field order = JSON order). */
    public record SendRequest(String sendFrom, List<String> to, String messageType, String text) {

        public static SendRequest standard() {
            return withText(TEXT);
        }

        /** The same send with another text (the redelivery measurement marks some sends in their text). */
        public static SendRequest withText(String text) {
            return new SendRequest(SEND_FROM, List.of(TO), MESSAGE_TYPE, text);
        }
    }

    /** The 202 answer, as much of it as a hand-written client reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SendResponse(List<Result> results, List<Object> errors) {

        /** The first accepted message id, or {@code null}. */
        public String firstMessageId() {
            return results == null || results.isEmpty() ? null : results.get(0).messageId();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(String to, String messageId, String status) {}
}

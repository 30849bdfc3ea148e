package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import live.redcloud.camel.model.RedCloudEvent;
import org.junit.jupiter.api.Test;

class WebhookPartsTest {

    private final EventParser parser = new EventParser(new ObjectMapper());

    @Test
    void timestampsInSecondsMillisecondsOrIso8601() {
        Instant t = Instant.parse("2026-11-27T12:00:00Z");
        assertThat(WebhookTimestamps.parse(String.valueOf(t.getEpochSecond()))).isEqualTo(t);
        assertThat(WebhookTimestamps.parse(String.valueOf(t.toEpochMilli()))).isEqualTo(t);
        assertThat(WebhookTimestamps.parse("2026-11-27T12:00:00Z")).isEqualTo(t);
        assertThat(WebhookTimestamps.parse("2026-11-27T13:00:00+01:00")).isEqualTo(t);
        assertThat(WebhookTimestamps.parse("yesterday")).isNull();
        assertThat(WebhookTimestamps.parse(null)).isNull();

        Duration fiveMinutes = Duration.ofMinutes(5);
        assertThat(WebhookTimestamps.isWithin(String.valueOf(t.getEpochSecond() - 299), t, fiveMinutes))
                .isTrue();
        assertThat(WebhookTimestamps.isWithin(String.valueOf(t.getEpochSecond() - 301), t, fiveMinutes))
                .isFalse();
        assertThat(WebhookTimestamps.isWithin(String.valueOf(t.toEpochMilli() + 301_000), t, fiveMinutes))
                .isFalse();
        assertThat(WebhookTimestamps.isWithin("garbage", t, fiveMinutes)).isFalse();
    }

    @Test
    void parsesTheDocumentedLifecycleShapeAndKeepsEverythingElse() {
        String json = "{\"type\":\"message.delivery\",\"eventId\":\"evt_1\",\"messageId\":\"msg_abc123\","
                + "\"externalReference\":\"order_789\",\"sequence\":3,\"status\":\"DELIVERED\",\"to\":\"+15551234567\","
                + "\"numberId\":\"num_abc123\",\"occurredAt\":\"2026-11-27T12:00:00Z\",\"providerMessageRef\":\"prov_9\","
                + "\"carrier\":{\"name\":\"x\"}}";
        RedCloudEvent event = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(event.getType()).isEqualTo(RedCloudEvent.DELIVERY);
        assertThat(event.getSequence()).isEqualTo(3L);
        assertThat(event.getProviderMessageRef()).isEqualTo("prov_9");
        assertThat(event.getExternalReference()).isEqualTo("order_789");
        assertThat(event.getAdditionalProperties()).containsKey("carrier");
        assertThat(event.getRawJson()).isEqualTo(json);
        assertThat(DedupKeys.keyFor(event, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("message.delivery:msg_abc123:3");
    }

    @Test
    void fallsBackToEventTypeOrEventAndAcceptsAStringSequence() {
        RedCloudEvent a = parser.parse("{\"eventType\":\"message.sent\",\"sequence\":\"2\"}".getBytes());
        RedCloudEvent b =
                parser.parse("{\"event\":\"message.inbound\",\"from\":\"+15557654321\",\"text\":\"hi\"}".getBytes());
        assertThat(a.getType()).isEqualTo("message.sent");
        assertThat(a.getSequence()).isEqualTo(2L);
        assertThat(b.isInbound()).isTrue();
        assertThat(b.getFrom()).isEqualTo("+15557654321");
        // no messageId: the body itself is the identity
        assertThat(DedupKeys.keyFor(b, "{}".getBytes())).startsWith("sha256:").hasSize(7 + 64);
    }

    @Test
    void malformedBodiesAreReportedNotThrownAsParseCrashes() {
        assertThatThrownBy(() -> parser.parse("{not json".getBytes()))
                .isInstanceOf(EventParser.MalformedEventException.class);
        assertThatThrownBy(() -> parser.parse("[1,2]".getBytes()))
                .isInstanceOf(EventParser.MalformedEventException.class);
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(EventParser.MalformedEventException.class);
    }

    @Test
    void aVerifiedObjectIsNeverRefusedForTheShapeOfAField() {
        RedCloudEvent event = parser.parse(("{\"type\":\"message.inbound\",\"messageId\":{\"a\":1},"
                        + "\"to\":[\"+15551234567\",\"+15557654321\"],\"sequence\":[1],\"text\":null}")
                .getBytes());

        assertThat(event.getType()).isEqualTo("message.inbound");
        assertThat(event.getMessageId()).isNull();
        assertThat(event.getTo()).isNull();
        assertThat(event.getSequence()).isNull();
        assertThat(event.getAdditionalProperties())
                .containsKeys("messageId", "to", "sequence")
                .doesNotContainKey("text");
        assertThat(event.getAdditionalProperties().get("to"))
                .isEqualTo(java.util.List.of("+15551234567", "+15557654321"));
    }
}

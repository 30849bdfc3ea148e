package live.redcloud.sandbox;

import static live.redcloud.sandbox.ExamplesPageFlowTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lifecycle and inbound webhooks: order, sequence, body shapes, signatures, where they go [WH][LIFE][SIG]. */
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final RedCloudSandbox sandbox = RedCloudSandbox.builder()
            .signingSecret("whsec_x")
            .deliveryWebhookUrl(receiver.url("/delivery"))
            .inboundWebhookUrl(receiver.url("/inbound"))
            .eventDelay(Duration.ofMillis(20))
            .retryScale(0.001)
            .seed(42)
            .build()
            .start();
    private final ApiClient api = new ApiClient(sandbox);
    private final String token = api.token();

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    private String sendTo(String recipient) {
        JsonNode body = ApiClient.json(api.sendMessage(token, "k-" + recipient, ApiClient.smsBody(recipient)));
        return body.get("results").get(0).get("messageId").asText();
    }

    @Test
    void queuedSentDeliveryArriveInOrderWithIncreasingSequence() {
        String messageId = sendTo("+15551234567");

        await().atMost(WAIT).until(() -> receiver.receivedFor(messageId).size() == 3);
        List<WebhookReceiver.Received> events = receiver.receivedFor(messageId);
        assertThat(WebhookReceiver.types(events)).containsExactly("message.queued", "message.sent", "message.delivery");
        assertThat(events).extracting(e -> e.json().get("sequence").asInt()).containsExactly(1, 2, 3);
        assertThat(events)
                .extracting(e -> e.json().get("status").asText())
                .containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.path()).isEqualTo("/delivery");
            assertThat(e.header("Content-Type")).isEqualTo("application/json");
        });

        JsonNode delivery = events.get(2).json();
        assertThat(fieldNames(delivery))
                .containsExactly(
                        "type",
                        "eventId",
                        "messageId",
                        "externalReference",
                        "sequence",
                        "status",
                        "to",
                        "numberId",
                        "occurredAt",
                        "providerMessageRef");
        assertThat(delivery.get("eventId").asText()).startsWith("evt_");
        assertThat(delivery.get("messageId").asText()).isEqualTo(messageId);
        assertThat(delivery.get("externalReference").asText()).isEqualTo("order_789");
        assertThat(delivery.get("to").asText()).isEqualTo("+15551234567");
        assertThat(delivery.get("numberId").asText()).isEqualTo("num_abc123");
        assertThat(delivery.get("providerMessageRef").asText()).startsWith("prov_");
        assertThat(Instant.parse(delivery.get("occurredAt").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(events.get(0).json().has("providerMessageRef")).isFalse();
        assertThat(events).extracting(e -> e.json().get("eventId").asText()).doesNotHaveDuplicates();

        await().atMost(WAIT)
                .until(() -> sandbox.admin().deliveredEventsFor(messageId).size() == 3);
        assertThat(sandbox.admin().message(messageId))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo("DELIVERED"));
    }

    @Test
    void theFailureRecipientGoesQueuedThenFailed() {
        String messageId = sendTo(RedCloudSandbox.FAILURE_RECIPIENT);

        await().atMost(WAIT).until(() -> receiver.receivedFor(messageId).size() == 2);
        List<WebhookReceiver.Received> events = receiver.receivedFor(messageId);
        assertThat(WebhookReceiver.types(events)).containsExactly("message.queued", "message.failed");
        JsonNode failed = events.get(1).json();
        assertThat(failed.get("sequence").asInt()).isEqualTo(2);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("CARRIER_REJECTED");
        assertThat(failed.get("failureReason").asText()).isNotBlank();
        assertThat(failed.has("providerMessageRef")).isFalse();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sandbox.admin().message(messageId))
                        .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo("FAILED")));
    }

    @Test
    void everyDeliveryIsSignedOverTheRawBody() throws Exception {
        long before = Instant.now().getEpochSecond();
        String messageId = sendTo("+15551234567");

        await().atMost(WAIT).until(() -> receiver.receivedFor(messageId).size() == 3);
        for (WebhookReceiver.Received e : receiver.receivedFor(messageId)) {
            String timestamp = e.header("X-RedCloud-Timestamp");
            assertThat(timestamp).matches("[0-9]+");
            assertThat(Long.parseLong(timestamp))
                    .isBetween(before, Instant.now().getEpochSecond());
            assertThat(e.header("X-RedCloud-Signature"))
                    .isEqualTo(WebhookSignerTest.independentSignature("whsec_x", timestamp, e.body()));
        }
    }

    @Test
    void withSigningOffThereAreNoSignatureHeaders() {
        sandbox.signingSecret(null);
        String messageId = sendTo("+15551234567");

        await().atMost(WAIT).until(() -> receiver.receivedFor(messageId).size() == 3);
        assertThat(receiver.receivedFor(messageId)).allSatisfy(e -> {
            assertThat(e.header("X-RedCloud-Timestamp")).isNull();
            assertThat(e.header("X-RedCloud-Signature")).isNull();
        });
    }

    @Test
    void thePerNumberDeliveryOverrideWinsOverTheAccountUrl() {
        try (WebhookReceiver override = new WebhookReceiver()) {
            sandbox.number("num_abc123").webhookDeliveryOverride(override.url("/num-abc123"));

            String fromOverridden = sendTo("+15551234567");
            String fromOther = ApiClient.json(api.sendMessage(
                            token, "other", ApiClient.smsBody("+15551234567").replace("num_abc123", "num_sms_only")))
                    .get("results")
                    .get(0)
                    .get("messageId")
                    .asText();

            await().atMost(WAIT)
                    .until(() -> override.receivedFor(fromOverridden).size() == 3
                            && receiver.receivedFor(fromOther).size() == 3);
            assertThat(receiver.receivedFor(fromOverridden)).isEmpty();
            assertThat(override.received()).allSatisfy(e -> assertThat(e.path()).isEqualTo("/num-abc123"));
        }
    }

    @Test
    void simulatedInboundGoesToTheInboundWebhook() {
        InboundMessage m = sandbox.simulateInbound("+15557654321", "num_abc123", "STOP");

        await().atMost(WAIT).until(() -> receiver.receivedFor(m.messageId()).size() == 1);
        WebhookReceiver.Received e = receiver.receivedFor(m.messageId()).get(0);
        assertThat(e.path()).isEqualTo("/inbound");
        JsonNode body = e.json();
        assertThat(fieldNames(body))
                .containsExactly("type", "eventId", "messageId", "from", "to", "numberId", "text", "occurredAt");
        assertThat(body.get("type").asText()).isEqualTo("message.inbound");
        assertThat(body.get("eventId").asText()).isEqualTo(m.eventId()).startsWith("evt_");
        assertThat(body.get("messageId").asText()).startsWith("msg_");
        assertThat(body.get("from").asText()).isEqualTo("+15557654321");
        assertThat(body.get("to").asText()).isEqualTo("+15551234567");
        assertThat(body.get("numberId").asText()).isEqualTo("num_abc123");
        assertThat(body.get("text").asText()).isEqualTo("STOP");
        assertThat(e.header("X-RedCloud-Signature")).isNotNull();
        assertThat(sandbox.admin().inboundMessages()).containsExactly(m);
    }

    @Test
    void inboundAcceptsTheE164AndHonoursTheInboundOverride() {
        try (WebhookReceiver override = new WebhookReceiver()) {
            sandbox.number("num_sms_only").webhookInboundOverride(override.url("/in-override"));

            InboundMessage m = sandbox.simulateInbound("+15557654321", "+15551230002", "hi");

            assertThat(m.numberId()).isEqualTo("num_sms_only");
            await().atMost(WAIT).until(() -> override.receivedFor(m.messageId()).size() == 1);
            assertThat(receiver.receivedFor(m.messageId())).isEmpty();
        }
    }

    @Test
    void inboundRejectsBadSendersAndForeignNumbers() {
        assertThatThrownBy(() -> sandbox.simulateInbound("5557654321", "num_abc123", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.simulateInbound("+15557654321", "num_other_client", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAnyWebhookTheEventsAreRecordedAsSkipped() {
        sandbox.deliveryWebhookUrl(null);
        String messageId = sendTo("+15551234567");

        await().atMost(WAIT)
                .until(() -> sandbox.admin().webhookAttemptsFor(messageId).size() == 3);
        assertThat(sandbox.admin().webhookAttemptsFor(messageId)).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(WebhookAttempt.Outcome.NO_WEBHOOK_CONFIGURED);
            assertThat(a.url()).isNull();
            assertThat(a.error()).isEqualTo("no webhook configured");
        });
        assertThat(sandbox.admin().deliveredEvents()).isEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void laterEventsOfAMessageWaitUntilTheEarlierOneIsSettled() {
        // the first request (message.queued) fails once; message.sent must not overtake its retry
        receiver.respondWith(n -> n == 1 ? 500 : 200);
        String messageId = sendTo("+15551234567");

        await().atMost(WAIT).until(() -> receiver.receivedFor(messageId).size() == 4);
        assertThat(receiver.typesFor(messageId))
                .containsExactly("message.queued", "message.queued", "message.sent", "message.delivery");
        assertThat(receiver.receivedFor(messageId).get(0).bodyText())
                .isEqualTo(receiver.receivedFor(messageId).get(1).bodyText());
    }
}

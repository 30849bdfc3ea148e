package live.redcloud.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The /sandbox/* control endpoints. */
class AdminEndpointsTest {

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final RedCloudSandbox sandbox = RedCloudSandbox.builder()
            .signingSecret("whsec_admin_test")
            .eventDelay(Duration.ofMillis(10))
            .seed(77)
            .build()
            .start();
    private final ApiClient api = new ApiClient(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void stateShowsActivityButNoSecrets() {
        String token = api.token();
        api.sendMessage(token, "idem_order_789", ApiClient.smsBody("+15551234567"));
        api.sendMessage(token, "idem_order_789", ApiClient.smsBody("+15551234567"));

        HttpResponse<String> r = api.get("/sandbox/state", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode state = ApiClient.json(r);
        assertThat(state.get("tokensIssued").asInt()).isEqualTo(1);
        assertThat(state.get("activeTokens").asInt()).isEqualTo(1);
        assertThat(state.get("sendRequests").asInt()).isEqualTo(2);
        assertThat(state.get("replays").asInt()).isEqualTo(1);
        JsonNode message = state.get("messages").get(0);
        assertThat(message.get("to").asText()).isEqualTo("+15551234567");
        assertThat(message.get("sendFrom").asText()).isEqualTo("num_abc123");
        assertThat(message.get("idempotencyKey").asText()).isEqualTo("idem_order_789");
        assertThat(message.get("externalReference").asText()).isEqualTo("order_789");
        assertThat(message.get("messageType").asText()).isEqualTo("SMS");
        assertThat(message.get("text").asText()).isEqualTo("Hello from Red Cloud");
        assertThat(state.get("messageCountsByIdempotencyKey")
                        .get("idem_order_789")
                        .asInt())
                .isEqualTo(1);
        assertThat(state.get("config").get("signingEnabled").asBoolean()).isTrue();
        assertThat(state.has("webhookAttempts")).isTrue();
        assertThat(state.has("deliveredEvents")).isTrue();
        assertThat(r.body()).doesNotContain(token, sandbox.clientSecret(), "whsec_admin_test");
    }

    @Test
    void inboundEndpointDeliversAMessageInboundEvent() {
        sandbox.inboundWebhookUrl(receiver.url("/in"));

        HttpResponse<String> r = api.postJson(
                "/sandbox/inbound", null, "{\"from\":\"+15557654321\",\"to\":\"num_abc123\",\"text\":\"hello\"}");

        assertThat(r.statusCode()).isEqualTo(202);
        String messageId = ApiClient.json(r).get("messageId").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.receivedFor(messageId).size() == 1);
        assertThat(receiver.receivedFor(messageId).get(0).json().get("text").asText())
                .isEqualTo("hello");
        assertThat(api.postJson("/sandbox/inbound", null, "{\"from\":\"nope\",\"to\":\"num_abc123\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void faultsEndpointUpdatesOnlyTheGivenFaults() {
        HttpResponse<String> r = api.postJson(
                "/sandbox/faults", null, "{\"failNextSends\":1,\"failNextSendsStatus\":429,\"retryAfterSeconds\":3}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("failNextSends").asInt()).isEqualTo(1);
        HttpResponse<String> limited = api.sendMessage(api.token(), "k", ApiClient.smsBody("+15551234567"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");

        assertThat(api.postJson("/sandbox/faults", null, "{\"sendErrorRate\":0.5}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(sandbox.faults().sendErrorRate()).isEqualTo(0.5);
        assertThat(sandbox.faults().retryAfterSeconds()).isEqualTo(3);
        assertThat(api.postJson("/sandbox/faults", null, "{\"explode\":true}").statusCode())
                .isEqualTo(400);
        assertThat(api.postJson("/sandbox/faults", null, "{\"sendErrorRate\":2}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void revokeEndpointInvalidatesTokens() {
        String token = api.token();

        HttpResponse<String> r = api.postJson("/sandbox/tokens/revoke", null, "");

        assertThat(ApiClient.json(r).get("revoked").asInt()).isEqualTo(1);
        TokenEndpointTest.assertUnauthorized(api.get("/api/core/whoami", token));
    }

    @Test
    void configEndpointSetsTheAccountWebhooks() {
        HttpResponse<String> r = api.postJson(
                "/sandbox/config",
                null,
                "{\"deliveryWebhookUrl\":\"" + receiver.url("/d") + "\",\"inboundWebhookUrl\":null}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sandbox.deliveryWebhookUrl()).isEqualTo(receiver.url("/d"));
        JsonNode whoami = ApiClient.json(api.get("/api/core/whoami", api.token()));
        assertThat(whoami.get("deliveryWebhookConfigured").asBoolean()).isTrue();
        assertThat(whoami.get("inboundWebhookConfigured").asBoolean()).isFalse();
        assertThat(api.postJson("/sandbox/config", null, "{\"deliveryWebhookUrl\":\"ftp://x\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void numbersEndpointSetsOverrides() {
        HttpResponse<String> r = api.postJson(
                "/sandbox/numbers/num_abc123",
                null,
                "{\"webhookDeliveryOverride\":\"" + receiver.url("/n") + "\",\"mmsEnabled\":false}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sandbox.number("num_abc123").webhookDeliveryOverride()).isEqualTo(receiver.url("/n"));
        assertThat(sandbox.number("num_abc123").mmsEnabled()).isFalse();
        assertThat(api.postJson("/sandbox/numbers/num_nope", null, "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void resetClearsHistoryAndFaults() {
        api.sendMessage(api.token(), "k", ApiClient.smsBody("+15551234567"));
        sandbox.faults().sendErrorRate(1);

        assertThat(api.postJson("/sandbox/reset", null, "").statusCode()).isEqualTo(200);

        assertThat(sandbox.admin().messages()).isEmpty();
        assertThat(sandbox.admin().sendRequestCount()).isZero();
        assertThat(sandbox.faults().sendErrorRate()).isZero();
    }

    @Test
    void unknownAdminRoutesAndMethods() {
        assertThat(api.get("/sandbox/nope", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/sandbox/inbound", null).statusCode()).isEqualTo(405);
    }
}

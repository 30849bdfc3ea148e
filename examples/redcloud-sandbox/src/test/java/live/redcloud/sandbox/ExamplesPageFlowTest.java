package live.redcloud.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The curl flows of Red Cloud's Examples page [EX], in bring-up order: token, whoami, numbers, send. */
class ExamplesPageFlowTest {

    private RedCloudSandbox sandbox;
    private ApiClient api;

    @BeforeEach
    void start() {
        sandbox = RedCloudSandbox.builder().seed(7).build().start();
        api = new ApiClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void tokenWithHttpBasic() {
        // curl -u rc_test_client_123:rc_secret_abc123 -d grant_type=client_credentials $BASE_URL/api/auth/token
        HttpResponse<String> r =
                api.tokenWithBasic("rc_test_client_123", "rc_secret_abc123", "grant_type=client_credentials");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = ApiClient.json(r);
        assertThat(fieldNames(body)).containsExactly("access_token", "token_type", "expires_in");
        assertThat(body.get("access_token").asText()).startsWith("rc_tok_");
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(sandbox.admin().tokensIssued()).isEqualTo(1);
    }

    @Test
    void tokenWithBodyCredentials() {
        HttpResponse<String> r = api.tokenWithForm(
                "grant_type=client_credentials&client_id=rc_test_client_123&client_secret=rc_secret_abc123");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(api.get("/api/core/whoami", body.get("access_token").asText())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void whoamiHasTheDocumentedFields() {
        sandbox.deliveryWebhookUrl("http://127.0.0.1:9/delivery");

        HttpResponse<String> r = api.get("/api/core/whoami", api.token());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        assertThat(fieldNames(body))
                .containsExactly(
                        "apiClientId",
                        "apiClientName",
                        "apiClientStatus",
                        "capabilities",
                        "assignedNumbers",
                        "inboundWebhookConfigured",
                        "deliveryWebhookConfigured");
        assertThat(body.get("apiClientId").asText()).isEqualTo("rc_test_client_123");
        assertThat(body.get("apiClientName").asText()).isEqualTo("Sandbox Client");
        assertThat(body.get("apiClientStatus").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("capabilities"))
                .extracting(JsonNode::asText)
                .containsExactly("numbers:read", "numbers:search", "numbers:update");
        assertThat(body.get("assignedNumbers").get("total").asInt()).isEqualTo(3);
        assertThat(body.get("assignedNumbers").get("smsEnabledCount").asInt()).isEqualTo(3);
        assertThat(body.get("assignedNumbers").get("mmsEnabledCount").asInt()).isEqualTo(2);
        assertThat(body.get("inboundWebhookConfigured").asBoolean()).isFalse();
        assertThat(body.get("deliveryWebhookConfigured").asBoolean()).isTrue();
    }

    @Test
    void numbersListsTheClientsNumbersWithTheDocumentedFields() {
        HttpResponse<String> r = api.get("/api/core/numbers", api.token());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode numbers = ApiClient.json(r).get("numbers");
        assertThat(numbers)
                .extracting(n -> n.get("numberId").asText())
                .containsExactly("num_abc123", "num_sms_only", "num_no_campaign");
        JsonNode first = numbers.get(0);
        assertThat(fieldNames(first))
                .containsExactly(
                        "numberId",
                        "e164",
                        "status",
                        "campaignRegId",
                        "smsEnabled",
                        "mmsEnabled",
                        "webhookInboundOverride",
                        "webhookDeliveryOverride");
        assertThat(first.get("e164").asText()).isEqualTo("+15551234567");
        assertThat(first.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.get("campaignRegId").asText()).isEqualTo("A1B2C3");
        assertThat(first.get("smsEnabled").asBoolean()).isTrue();
        assertThat(first.get("mmsEnabled").asBoolean()).isTrue();
        assertThat(first.get("webhookInboundOverride").isNull()).isTrue();
        assertThat(numbers.get(1).get("mmsEnabled").asBoolean()).isFalse();
        assertThat(numbers.get(2).get("campaignRegId").isNull()).isTrue();
    }

    @Test
    void sendWithIdempotencyKeyIsAcceptedAsQueued() {
        HttpResponse<String> r = api.sendMessage(api.token(), "idem_order_789", ApiClient.smsBody("+15551234567"));

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = ApiClient.json(r);
        assertThat(fieldNames(body)).containsExactly("results", "errors");
        assertThat(body.get("errors")).isEmpty();
        JsonNode result = body.get("results").get(0);
        assertThat(fieldNames(result)).containsExactly("to", "messageId", "status");
        assertThat(result.get("to").asText()).isEqualTo("+15551234567");
        assertThat(result.get("messageId").asText()).startsWith("msg_");
        assertThat(result.get("status").asText()).isEqualTo("QUEUED");

        MessageRecord stored = sandbox.admin().messages().get(0);
        assertThat(stored.messageId()).isEqualTo(result.get("messageId").asText());
        assertThat(stored.sendFrom()).isEqualTo("num_abc123");
        assertThat(stored.idempotencyKey()).isEqualTo("idem_order_789");
        assertThat(stored.externalReference()).isEqualTo("order_789");
        assertThat(stored.text()).isEqualTo("Hello from Red Cloud");
        assertThat(stored.messageType()).isEqualTo("SMS");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

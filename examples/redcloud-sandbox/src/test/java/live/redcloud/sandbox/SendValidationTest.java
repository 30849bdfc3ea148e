package live.redcloud.sandbox;

import static live.redcloud.sandbox.CoreErrors.assertCoreError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request rules of POST /api/core/messages/send [SEND][ERR][TS] and partial acceptance. */
class SendValidationTest {

    private final RedCloudSandbox sandbox =
            RedCloudSandbox.builder().seed(5).build().start();
    private final ApiClient api = new ApiClient(sandbox);
    private final String token = api.token();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> send(String json) {
        return api.sendMessage(token, "key-" + System.nanoTime(), json);
    }

    private void assertInvalid(String json, String message) {
        assertCoreError(send(json), 400, "INVALID_REQUEST", message);
        assertThat(sandbox.admin().messages()).isEmpty();
    }

    @Test
    void idempotencyKeyIsRequired() {
        assertCoreError(
                api.sendMessage(token, null, ApiClient.smsBody("+15551234567")),
                400,
                "INVALID_REQUEST",
                "Idempotency-Key header is required");
        assertThat(sandbox.admin().messages()).isEmpty();
    }

    @Test
    void bodyMustBeJson() {
        HttpResponse<String> text = api.send(api.request("/api/core/messages/send")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "k1")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.smsBody("+15551234567")))
                .build());
        assertCoreError(text, 400, "INVALID_REQUEST", "Content-Type must be application/json");

        assertInvalid("{\"sendFrom\":", "Request body must be a JSON object");
        assertInvalid("[1,2]", "Request body must be a JSON object");
    }

    @Test
    void sendFromIsRequired() {
        assertInvalid(
                "{\"to\":[\"+15551234567\"],\"messageType\":\"SMS\",\"text\":\"hi\"}",
                "sendFrom is required: a numberId from GET /api/core/numbers");
    }

    @Test
    void sendFromMustBeANumberIdNotAPhoneNumber() {
        HttpResponse<String> r = send("{\"sendFrom\":\"+15551234567\",\"to\":[\"+15551234568\"],"
                + "\"messageType\":\"SMS\",\"text\":\"hi\"}");

        assertCoreError(r, 400, "INVALID_REQUEST");
        assertThat(CoreErrors.message(r)).contains("numberId").contains("not an E.164 phone number");
    }

    @Test
    void sendFromOwnedByAnotherClientIsForbidden() {
        assertCoreError(
                send(ApiClient.smsBody("+15551234567").replace("num_abc123", "num_other_client")),
                403,
                "FORBIDDEN",
                "sendFrom is not owned by this API client");
    }

    @Test
    void unknownSendFromIsForbiddenLikeAForeignNumber() {
        assertCoreError(
                send(ApiClient.smsBody("+15551234567").replace("num_abc123", "num_does_not_exist")),
                403,
                "FORBIDDEN",
                "sendFrom is not owned by this API client");
    }

    @Test
    void sendFromWithoutCampaignIsRejected() {
        assertInvalid(
                ApiClient.smsBody("+15551234567").replace("num_abc123", "num_no_campaign"),
                "sendFrom must have campaignregId configured");
    }

    @Test
    void sendFromMustBeActive() {
        sandbox.number("num_abc123").status("SUSPENDED");

        assertInvalid(ApiClient.smsBody("+15551234567"), "sendFrom must be ACTIVE (status is SUSPENDED)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"to\":null,", "\"to\":\"+15551234567\",", "\"to\":[],", "\"to\":[15551234567],"})
    void toMustBeANonEmptyArrayOfStrings(String toField) {
        HttpResponse<String> r =
                send("{\"sendFrom\":\"num_abc123\"," + toField + "\"messageType\":\"SMS\",\"text\":\"hi\"}");

        assertCoreError(r, 400, "INVALID_REQUEST");
        assertThat(CoreErrors.message(r)).startsWith("to ");
    }

    @Test
    void tooManyRecipientsIsRejected() {
        String[] many = new String[SendValidator.MAX_RECIPIENTS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "+1555100" + String.format("%04d", i);
        }
        assertInvalid(ApiClient.smsBody(many), "to may hold at most 100 recipients");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"messageType\":\"sms\",", "\"messageType\":\"RCS\",", "\"messageType\":1,"})
    void messageTypeMustBeSmsOrMms(String typeField) {
        HttpResponse<String> r =
                send("{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"]," + typeField + "\"text\":\"hi\"}");

        assertCoreError(r, 400, "INVALID_REQUEST");
        assertThat(CoreErrors.message(r)).startsWith("messageType ");
    }

    @Test
    void smsWithMediaIsRejected() {
        assertInvalid(
                "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"SMS\","
                        + "\"text\":\"hi\",\"mediaUrls\":[\"https://example.com/a.png\"]}",
                "mediaUrls is not allowed for messageType SMS; use MMS to send media");
    }

    @Test
    void smsNeedsText() {
        assertInvalid(
                "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"SMS\"}",
                "text is required for messageType SMS");
    }

    @Test
    void mmsWithoutMediaIsRejected() {
        assertInvalid(
                "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"MMS\",\"text\":\"hi\"}",
                "mediaUrls is required for messageType MMS: a non-empty array of https URLs");
        assertInvalid(
                "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"MMS\"," + "\"mediaUrls\":[]}",
                "mediaUrls must be a non-empty array of https URLs");
    }

    @Test
    void mmsMediaMustBeHttpsUrls() {
        assertInvalid(
                "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"MMS\","
                        + "\"mediaUrls\":[\"https://example.com/a.png\",\"http://example.com/b.png\"]}",
                "mediaUrls[1] must be an https URL");
    }

    @Test
    void mmsFromANumberWithoutMmsIsRejected() {
        assertInvalid(
                "{\"sendFrom\":\"num_sms_only\",\"to\":[\"+15551234567\"],\"messageType\":\"MMS\","
                        + "\"mediaUrls\":[\"https://example.com/a.png\"]}",
                "sendFrom is not MMS-enabled (mmsEnabled is false)");
    }

    @Test
    void validMmsIsAccepted() {
        HttpResponse<String> r = send("{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"],\"messageType\":\"MMS\","
                + "\"mediaUrls\":[\"https://example.com/a.png\"]}");

        assertThat(r.statusCode()).isEqualTo(202);
        MessageRecord m = sandbox.admin().messages().get(0);
        assertThat(m.messageType()).isEqualTo("MMS");
        assertThat(m.mediaUrls()).containsExactly("https://example.com/a.png");
        assertThat(m.text()).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() {
        String body = ApiClient.smsBody("+15551234567").replace("{", "{\"priority\":\"high\",\"tags\":[1],");

        assertThat(send(body).statusCode()).isEqualTo(202);
    }

    @Test
    void someRecipientsAcceptedOthersRejected() {
        HttpResponse<String> r = send(ApiClient.smsBody("+15551234567", "5551234", "+15557654321"));

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("results"))
                .extracting(n -> n.get("to").asText())
                .containsExactly("+15551234567", "+15557654321");
        JsonNode error = body.get("errors").get(0);
        assertThat(body.get("errors")).hasSize(1);
        assertThat(ExamplesPageFlowTest.fieldNames(error)).containsExactly("to", "code", "message");
        assertThat(error.get("to").asText()).isEqualTo("5551234");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_RECIPIENT");
        assertThat(error.get("message").asText()).contains("E.164");
        assertThat(sandbox.admin().messages())
                .extracting(MessageRecord::to)
                .containsExactly("+15551234567", "+15557654321");
    }

    @Test
    void everyRecipientRejectedIsStill202WithEmptyResults() {
        HttpResponse<String> r = send(ApiClient.smsBody("+0123", "not-a-number"));

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("results")).isEmpty();
        assertThat(body.get("errors"))
                .extracting(n -> n.get("code").asText())
                .containsExactly("INVALID_RECIPIENT", "INVALID_RECIPIENT");
        assertThat(sandbox.admin().messages()).isEmpty();
    }

    @Test
    void rejectedRequestsAreNotStoredUnderTheirKey() {
        String bad = ApiClient.smsBody("+15551234567").replace("num_abc123", "num_no_campaign");
        assertThat(api.sendMessage(token, "same-key", bad).statusCode()).isEqualTo(400);

        // the corrected request under the same key is a new operation, not a 409
        assertThat(api.sendMessage(token, "same-key", ApiClient.smsBody("+15551234567"))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void everySendRequestIsCounted() {
        api.sendMessage(null, "k", ApiClient.smsBody("+15551234567"));
        api.sendMessage(token, null, ApiClient.smsBody("+15551234567"));
        api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"));

        assertThat(sandbox.admin().sendRequestCount()).isEqualTo(3);
    }
}

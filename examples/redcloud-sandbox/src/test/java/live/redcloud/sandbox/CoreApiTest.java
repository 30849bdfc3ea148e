package live.redcloud.sandbox;

import static live.redcloud.sandbox.CoreErrors.assertCoreError;
import static live.redcloud.sandbox.ExamplesPageFlowTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, the CORE error wrapper, whoami counts and number search. */
class CoreApiTest {

    private final RedCloudSandbox sandbox =
            RedCloudSandbox.builder().seed(3).build().start();
    private final ApiClient api = new ApiClient(sandbox);
    private final String token = api.token();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void unknownCorePathIsNotFound() {
        assertCoreError(
                api.get("/api/core/messages/msg_abc123", token),
                404,
                "NOT_FOUND",
                "No route for GET /api/core/messages/msg_abc123");
        assertCoreError(api.get("/nothing/here", null), 404, "NOT_FOUND");
        assertCoreError(api.get("/api/auth/token/extra", null), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> r = api.get("/api/core/messages/send", token);

        assertCoreError(r, 405, "INVALID_REQUEST");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(api.postJson("/api/core/whoami", token, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void everyCoreRouteNeedsABearerToken() {
        TokenEndpointTest.assertUnauthorized(api.get("/api/core/numbers", null));
        TokenEndpointTest.assertUnauthorized(api.postJson("/api/core/numbers/search", null, "{}"));
        TokenEndpointTest.assertUnauthorized(api.sendMessage(null, "k", ApiClient.smsBody("+15551234567")));
    }

    @Test
    void whoamiCountsFollowTheNumbersAndWebhookSettings() {
        sandbox.number("num_abc123").mmsEnabled(false);
        sandbox.inboundWebhookUrl("http://127.0.0.1:9/in");

        JsonNode body = ApiClient.json(api.get("/api/core/whoami", token));

        assertThat(body.get("assignedNumbers").get("mmsEnabledCount").asInt()).isEqualTo(1);
        assertThat(body.get("inboundWebhookConfigured").asBoolean()).isTrue();
        assertThat(body.get("deliveryWebhookConfigured").asBoolean()).isFalse();
    }

    @Test
    void numbersShowsPerNumberOverrides() {
        sandbox.number("num_abc123")
                .webhookDeliveryOverride("https://example.com/webhooks/delivery")
                .webhookInboundOverride("https://example.com/webhooks/inbound");

        JsonNode first = ApiClient.json(api.get("/api/core/numbers", token))
                .get("numbers")
                .get(0);

        assertThat(first.get("webhookDeliveryOverride").asText()).isEqualTo("https://example.com/webhooks/delivery");
        assertThat(first.get("webhookInboundOverride").asText()).isEqualTo("https://example.com/webhooks/inbound");
    }

    @Test
    void searchFiltersTheInventoryIntoGroups() {
        HttpResponse<String> r = api.postJson(
                "/api/core/numbers/search", token, "{\"npa\":\"555\",\"city\":\"Austin\",\"state\":\"TX\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode groups = ApiClient.json(r).get("groups");
        assertThat(groups).hasSize(2);
        JsonNode g = groups.get(0);
        assertThat(fieldNames(g)).containsExactly("rateCenter", "city", "state", "npa", "nxx", "numbers");
        assertThat(g.get("rateCenter").asText()).isEqualTo("AUSTIN");
        assertThat(g.get("city").asText()).isEqualTo("Austin");
        assertThat(g.get("state").asText()).isEqualTo("TX");
        assertThat(g.get("npa").asText()).isEqualTo("555");
        assertThat(g.get("nxx").asText()).isEqualTo("123");
        assertThat(g.get("numbers"))
                .extracting(n -> n.get("e164").asText())
                .containsExactly("+15551230101", "+15551230102", "+15551230103");
        assertThat(fieldNames(g.get("numbers").get(0))).containsExactly("e164");
        assertThat(groups.get(1).get("nxx").asText()).isEqualTo("234");
    }

    @Test
    void searchFiltersByZipRateCenterAndNxxAndMayMatchNothing() {
        assertThat(ApiClient.json(api.postJson("/api/core/numbers/search", token, "{\"zipCode\":\"78704\"}"))
                        .get("groups"))
                .extracting(g -> g.get("nxx").asText())
                .containsExactly("234");
        assertThat(ApiClient.json(api.postJson("/api/core/numbers/search", token, "{\"rateCenter\":\"dallas\"}"))
                        .get("groups"))
                .extracting(g -> g.get("npa").asText())
                .containsExactly("214");
        assertThat(ApiClient.json(api.postJson("/api/core/numbers/search", token, "{\"state\":\"ZZ\"}"))
                        .get("groups"))
                .isEmpty();
        assertThat(ApiClient.json(api.postJson("/api/core/numbers/search", token, "{}"))
                        .get("groups"))
                .hasSize(NumberInventory.GROUPS.size());
    }

    @Test
    void searchRejectsUnknownFiltersNonStringsAndNonJson() {
        assertCoreError(
                api.postJson("/api/core/numbers/search", token, "{\"areaCode\":\"555\"}"), 400, "INVALID_REQUEST");
        assertCoreError(
                api.postJson("/api/core/numbers/search", token, "{\"npa\":555}"),
                400,
                "INVALID_REQUEST",
                "Search filter 'npa' must be a string");
        assertCoreError(api.postJson("/api/core/numbers/search", token, "not json"), 400, "INVALID_REQUEST");
        HttpResponse<String> form = api.send(api.request("/api/core/numbers/search")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("npa=555"))
                .build());
        assertCoreError(form, 400, "INVALID_REQUEST", "Content-Type must be application/json");
    }

    @Test
    void requestIdsDifferPerRequest() {
        String a = ApiClient.json(api.get("/api/core/whoami", null))
                .get("requestId")
                .asText();
        String b = ApiClient.json(api.get("/api/core/whoami", null))
                .get("requestId")
                .asText();

        assertThat(a).isNotEqualTo(b);
    }
}

package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import live.redcloud.camel.model.NumberSearchCriteria;
import live.redcloud.camel.model.NumberSearchResult;
import live.redcloud.camel.model.RedCloudNumber;
import live.redcloud.camel.model.SendMessageRequest;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** What goes on the wire for each body type and header, and what comes back on the exchange. */
class ProducerMappingTest extends RedCloudTestSupport {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?to=+15550000001,+15550000002&externalReference=opt_ref");
                from("direct:search").to("redcloud:search-numbers?state=TX&city=Dallas");
                from("direct:whoami").to("redcloud:whoami");
                from("direct:numbers").to("redcloud:numbers");
            }
        };
    }

    @Test
    void textBodyWithOptionsGivesTheDocumentedPayload() throws Exception {
        template.requestBody("direct:send", "Hello from Red Cloud");

        JsonNode sent = sentJson(0);
        assertThat(sent.toString())
                .isEqualTo(
                        "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15550000001\",\"+15550000002\"],"
                                + "\"messageType\":\"SMS\",\"text\":\"Hello from Red Cloud\",\"externalReference\":\"opt_ref\"}");
        RecordedRequest request = redCloud.requests(FakeRedCloud.SEND_PATH).get(0);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("Authorization")).startsWith("Bearer ");
    }

    @Test
    void headersOverrideOptionsAndNoOtherExchangeHeaderReachesTheWire() throws Exception {
        template.request("direct:send", e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(RedCloudConstants.SEND_FROM, "num_other");
            e.getMessage().setHeader(RedCloudConstants.TO, List.of("+15557654321"));
            e.getMessage().setHeader(RedCloudConstants.MESSAGE_TYPE, "MMS");
            e.getMessage().setHeader(RedCloudConstants.EXTERNAL_REFERENCE, "order_789");
            e.getMessage().setHeader("Authorization", "Bearer stolen");
            e.getMessage().setHeader("X-Forwarded-For", "10.0.0.1");
            e.getMessage().setHeader("CamelHttpMethod", "DELETE");
        });

        JsonNode sent = sentJson(0);
        assertThat(sent.get("sendFrom").asText()).isEqualTo("num_other");
        assertThat(sent.get("to").toString()).isEqualTo("[\"+15557654321\"]");
        assertThat(sent.get("messageType").asText()).isEqualTo("MMS");
        assertThat(sent.get("externalReference").asText()).isEqualTo("order_789");
        RecordedRequest request = redCloud.requests(FakeRedCloud.SEND_PATH).get(0);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Authorization")).startsWith("Bearer rc_tok_");
        assertThat(request.getHeaders().get("X-Forwarded-For")).isNull();
        assertThat(request.getHeaders().names()).allMatch(n -> !n.startsWith("Camel"));
    }

    @Test
    void mapBodyPassesUnknownKeysThroughAndKeepsItsOwnValues() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageType", "MMS");
        body.put("text", "Look");
        body.put("mediaUrls", List.of("https://example.com/a.png"));
        body.put("to", "+15550000009");
        body.put("futureField", Map.of("x", 1));
        template.requestBody("direct:send", body);

        JsonNode sent = sentJson(0);
        assertThat(sent.get("to").toString()).isEqualTo("[\"+15550000009\"]");
        assertThat(sent.get("messageType").asText()).isEqualTo("MMS");
        assertThat(sent.get("mediaUrls").get(0).asText()).isEqualTo("https://example.com/a.png");
        assertThat(sent.get("futureField").get("x").asInt()).isEqualTo(1);
        assertThat(sent.get("sendFrom").asText()).isEqualTo("num_abc123");
    }

    @Test
    void sendMessageRequestBodyKeepsAdditionalProperties() throws Exception {
        SendMessageRequest request = new SendMessageRequest();
        request.setText("typed");
        request.setTo(List.of("+15550000003"));
        request.setAdditionalProperty("priority", "high");
        Exchange out = template.request("direct:send", e -> e.getMessage().setBody(request));

        JsonNode sent = sentJson(0);
        assertThat(sent.get("text").asText()).isEqualTo("typed");
        assertThat(sent.get("to").toString()).isEqualTo("[\"+15550000003\"]");
        assertThat(sent.get("priority").asText()).isEqualTo("high");
        assertThat(out.getMessage().getHeader(RedCloudConstants.ACCEPTED_COUNT)).isEqualTo(1);
    }

    @Test
    void bytesAndStreamsAreTheTextAndArraysOfRecipientsWork() throws Exception {
        template.request("direct:send", e -> {
            e.getMessage().setBody("from a file".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            e.getMessage().setHeader(RedCloudConstants.TO, new String[] {"+15550000005", "+15550000006"});
        });
        template.request(
                "direct:send",
                e -> e.getMessage()
                        .setBody(new java.io.ByteArrayInputStream(
                                "from a stream".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        assertThat(sentJson(0).get("text").asText()).isEqualTo("from a file");
        assertThat(sentJson(0).get("to").toString()).isEqualTo("[\"+15550000005\",\"+15550000006\"]");
        assertThat(sentJson(1).get("text").asText()).isEqualTo("from a stream");
    }

    @Test
    void theHeadersOfAnotherExchangesSendGiveNoKeyToTheNextOne() {
        Exchange first = template.request("direct:send", e -> e.getMessage().setBody("same text"));
        String firstKey = first.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED, String.class);

        // a new exchange with all of the first one's headers (sendBodyAndHeaders, an enricher, a broker hop): the key
        // used is out only, so the second send is a message of its own, even with the same text
        Exchange second = template.request("direct:send", e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(first.getMessage().getHeaders()));
            e.getMessage().setBody("same text");
        });

        String secondKey = second.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED, String.class);
        assertThat(second.getException()).isNull();
        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH).get(1).getHeaders().get("Idempotency-Key"))
                .isEqualTo(secondKey);
        assertThat(redCloud.messagesCreated()).isEqualTo(2);
    }

    @Test
    void whoamiGivesATypedBodyThatKeepsUnknownFields() {
        WhoAmI me = template.requestBody("direct:whoami", null, WhoAmI.class);

        assertThat(me.getApiClientId()).isEqualTo(FakeRedCloud.CLIENT_ID);
        assertThat(me.getCapabilities()).contains("numbers:read");
        assertThat(me.getAssignedNumbers().getSmsEnabledCount()).isEqualTo(1);
        assertThat(me.isInboundWebhookConfigured()).isTrue();
        assertThat(me.getAdditionalProperties()).containsEntry("tier", "gold");
        assertThat(redCloud.requests("/api/core/whoami").get(0).getMethod()).isEqualTo("GET");
    }

    @Test
    @SuppressWarnings("unchecked")
    void numbersAreUnwrappedIntoAList() {
        List<RedCloudNumber> numbers = template.requestBody("direct:numbers", null, List.class);

        assertThat(numbers).hasSize(1);
        RedCloudNumber number = numbers.get(0);
        assertThat(number.getNumberId()).isEqualTo("num_abc123");
        assertThat(number.getE164()).isEqualTo("+15551234567");
        assertThat(number.getCampaignRegId()).isEqualTo("A1B2C3");
        assertThat(number.isMmsEnabled()).isTrue();
        assertThat(number.getWebhookInboundOverride()).isEqualTo("https://example.com/webhooks/inbound");
        assertThat(number.getAdditionalProperties()).containsEntry("label", "main");
    }

    @Test
    void searchCriteriaComeFromBodyThenHeadersThenOptions() throws Exception {
        NumberSearchCriteria criteria = new NumberSearchCriteria();
        criteria.setNpa("555");
        NumberSearchResult result = template.requestBodyAndHeader(
                "direct:search", criteria, RedCloudConstants.CITY, "Austin", NumberSearchResult.class);

        JsonNode sent = json.readTree(
                redCloud.requests("/api/core/numbers/search").get(0).getBody().utf8());
        assertThat(sent.toString()).isEqualTo("{\"npa\":\"555\",\"city\":\"Austin\",\"state\":\"TX\"}");
        assertThat(result.getGroups()).hasSize(1);
        assertThat(result.getGroups().get(0)).containsEntry("rateCenter", "AUSTIN");
        assertThat(result.getAdditionalProperties()).containsKey("nextPage");
    }

    private JsonNode sentJson(int index) throws Exception {
        return json.readTree(
                redCloud.requests(FakeRedCloud.SEND_PATH).get(index).getBody().utf8());
    }
}

package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.WebhookTestSupport;
import live.redcloud.camel.webhook.WebhookOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** redcloud:webhook over a real HTTP server: condition -> status -> routed? */
class WebhookConsumerTest extends WebhookTestSupport {

    private final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/hooks/delivery&signingSecret=RAW(" + SECRET + ")&maxBodySize=2048")
                        .routeId("delivery")
                        .process(e -> {
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("database down");
                            }
                        })
                        .to("mock:events");
                from("redcloud:webhook?path=/hooks/failures&signingSecret=RAW(" + SECRET + ")"
                                + "&eventTypes=message.failed,message.delivery")
                        .to("mock:filtered");
                from("redcloud:webhook?path=/hooks/fresh&signingSecret=RAW(" + SECRET + ")&timestampTolerance=5m")
                        .to("mock:fresh");
            }
        };
    }

    @Test
    void aValidEventIsRoutedOnceWithHeadersAndAnsweredAfterTheRoute() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_1", 3);
        String ts = now();

        HttpResponse<String> response = post("/hooks/delivery", body, ts, sign(SECRET, ts, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\"}");
        events.assertIsSatisfied();
        Exchange routed = events.getExchanges().get(0);
        RedCloudEvent event = routed.getMessage().getBody(RedCloudEvent.class);
        assertThat(event.getRawJson()).isEqualTo(body);
        assertThat(routed.getMessage().getHeader(RedCloudConstants.EVENT_TYPE)).isEqualTo("message.delivery");
        assertThat(routed.getMessage().getHeader(RedCloudConstants.MESSAGE_ID)).isEqualTo("msg_1");
        assertThat(routed.getMessage().getHeader(RedCloudConstants.SEQUENCE)).isEqualTo(3L);
        assertThat(routed.getMessage().getHeader(RedCloudConstants.EXTERNAL_REFERENCE))
                .isEqualTo("order_789");
        assertThat(routed.getMessage().getHeader(RedCloudConstants.PROVIDER_MESSAGE_REF))
                .isEqualTo("prov_3");
        assertThat(routed.getMessage().getHeader(RedCloudConstants.WEBHOOK_TIMESTAMP))
                .isEqualTo(ts);
    }

    @Test
    void noInboundHttpHeaderReachesTheRoute() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        String body = lifecycle(RedCloudEvent.SENT, "msg_2", 2);
        String ts = now();

        post(port, "/hooks/delivery", body, ts, sign(SECRET, ts, body), new String[] {
            "X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer x", "CamelHttpUri", "/evil"
        });

        events.assertIsSatisfied();
        assertThat(events.getExchanges().get(0).getMessage().getHeaders().keySet())
                .allMatch(h -> h.startsWith("CamelRedCloud"))
                .doesNotContain("X-Forwarded-For", "X-RedCloud-Signature", "X-RedCloud-Timestamp", "Content-Type");
    }

    @Test
    void badMissingOrStaleSignaturesAre401AndNotRouted() throws Exception {
        String body = lifecycle(RedCloudEvent.QUEUED, "msg_3", 1);
        String ts = now();

        HttpResponse<String> wrongSecret = post("/hooks/delivery", body, ts, sign("whsec_wrong", ts, body));
        HttpResponse<String> noSignature = post("/hooks/delivery", body, ts, null);
        HttpResponse<String> noTimestamp = post("/hooks/delivery", body, null, sign(SECRET, ts, body));
        HttpResponse<String> tampered =
                post("/hooks/delivery", body.replace("msg_3", "msg_4"), ts, sign(SECRET, ts, body));
        String old = String.valueOf(System.currentTimeMillis() / 1000 - 3600);
        HttpResponse<String> stale = post("/hooks/fresh", body, old, sign(SECRET, old, body));

        for (HttpResponse<String> r : java.util.List.of(wrongSecret, noSignature, noTimestamp, tampered, stale)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"error\":\"invalid signature\"}");
            assertThat(r.headers().map().keySet())
                    .noneMatch(h -> h.toLowerCase().startsWith("x-redcloud"));
        }
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
        assertThat(getMockEndpoint("mock:fresh").getReceivedCounter()).isZero();
        // a fresh timestamp in milliseconds passes the window
        String millis = String.valueOf(System.currentTimeMillis());
        assertThat(post("/hooks/fresh", body, millis, sign(SECRET, millis, body))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void malformedJsonIs400AndOversizeIs413() throws Exception {
        HttpResponse<String> malformed = postSigned("/hooks/delivery", "{\"type\":");
        HttpResponse<String> oversize =
                postSigned("/hooks/delivery", "{\"type\":\"message.sent\",\"pad\":\"" + "x".repeat(4096) + "\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(oversize.statusCode()).isEqualTo(413);
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void aSignedBodyWithAKeyTwiceIs400AndNotRouted() throws Exception {
        // Jackson would keep the last "type": the route would see message.failed, a reader of the raw JSON the first
        String twice = "{\"type\":\"message.delivery\",\"messageId\":\"msg_twice\",\"sequence\":3,"
                + "\"type\":\"message.failed\"}";
        String nested = "{\"type\":\"message.sent\",\"messageId\":\"msg_n\",\"meta\":{\"a\":1,\"a\":2}}";

        assertThat(postSigned("/hooks/delivery", twice).statusCode()).isEqualTo(400);
        assertThat(postSigned("/hooks/delivery", nested).statusCode()).isEqualTo(400);
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void aChunkedBodyWithoutContentLengthOverTheCapIs413() throws Exception {
        // no Content-Length, so only the size of what arrived can tell
        byte[] big = ("{\"type\":\"message.sent\",\"pad\":\"" + "x".repeat(5_000_000) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/hooks/delivery"))
                .header("Content-Type", "application/json")
                .header("X-RedCloud-Timestamp", now())
                .header("X-RedCloud-Signature", "00")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build();

        int status;
        try {
            status = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (java.io.IOException closedWhileSending) {
            // the server may answer 413 and close before the client finished sending
            status = 413;
        }

        assertThat(status).isEqualTo(413);
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void aFailedRouteAnswers500AndTheRedeliveryIsRouted() throws Exception {
        failuresLeft.set(1);
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_5", 3);

        HttpResponse<String> first = postSigned("/hooks/delivery", body);
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.body()).isEqualTo("{\"error\":\"processing failed\"}").doesNotContain("database");

        // Red Cloud redelivers the same body with a new timestamp and signature
        HttpResponse<String> redelivery = postSigned("/hooks/delivery", body);
        assertThat(redelivery.statusCode()).isEqualTo(200);
        events.assertIsSatisfied();
    }

    @Test
    void aDuplicateOfARoutedEventIsAcknowledgedAndNotRoutedAgain() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_6", 3);

        assertThat(postSigned("/hooks/delivery", body).statusCode()).isEqualTo(200);
        HttpResponse<String> duplicate = postSigned("/hooks/delivery", body);

        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(events.getReceivedCounter()).isEqualTo(1);
        // the next lifecycle step of the same message is a different event
        assertThat(postSigned("/hooks/delivery", lifecycle(RedCloudEvent.DELIVERY, "msg_6", 4))
                        .body())
                .contains("accepted");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.getReceivedCounter() == 2);
        RedCloudWebhookConsumer consumer =
                (RedCloudWebhookConsumer) context.getRoute("delivery").getConsumer();
        assertThat(consumer.getCounters().count(WebhookOutcome.DUPLICATE)).isEqualTo(1);
        assertThat(consumer.getCounters().count(WebhookOutcome.ACCEPTED)).isEqualTo(2);
    }

    @Test
    void anEventWithoutATypeIsIgnoredByAFilterAndAnUnexpectedContentTypeStillGetsItsSignatureChecked()
            throws Exception {
        HttpResponse<String> untyped = postSigned("/hooks/failures", "{\"messageId\":\"msg_x\"}");
        assertThat(untyped.statusCode()).isEqualTo(200);
        assertThat(untyped.body()).contains("ignored");

        String body = lifecycle(RedCloudEvent.SENT, "msg_ct", 2);
        String ts = now();
        java.net.http.HttpRequest textPlain = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/hooks/delivery"))
                .header("Content-Type", "text/plain")
                .header("X-RedCloud-Timestamp", ts)
                .header("X-RedCloud-Signature", sign(SECRET, ts, body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        assertThat(http.send(textPlain, java.net.http.HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void eventTypesFilterAcknowledgesOthersWithoutRouting() throws Exception {
        MockEndpoint filtered = getMockEndpoint("mock:filtered");
        filtered.expectedMessageCount(1);

        HttpResponse<String> sent = postSigned("/hooks/failures", lifecycle(RedCloudEvent.SENT, "msg_7", 2));
        HttpResponse<String> failed = postSigned("/hooks/failures", lifecycle(RedCloudEvent.FAILED, "msg_7", 3));

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("{\"status\":\"ignored\"}");
        assertThat(failed.statusCode()).isEqualTo(200);
        filtered.assertIsSatisfied();
        assertThat(filtered.getExchanges().get(0).getMessage().getHeader(RedCloudConstants.EVENT_TYPE))
                .isEqualTo("message.failed");
    }
}

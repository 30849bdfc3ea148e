package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudSendException;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendErrorsTest extends RedCloudTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?to=%2B15551234567");
                from("direct:strict").to("redcloud:send?to=%2B15551234567&throwOnPartialFailure=true");
                from("direct:strictWithHandler")
                        .onException(RedCloudSendException.class)
                        .handled(true)
                        .process(e -> {
                            // the body and headers are what the failed send was given
                            RedCloudSendException failed =
                                    e.getProperty(Exchange.EXCEPTION_CAUGHT, RedCloudSendException.class);
                            assertThat(e.getMessage().getHeader(RedCloudConstants.REQUEST_ID))
                                    .isEqualTo("req_partial_1");
                            e.getMessage()
                                    .setHeader(
                                            RedCloudConstants.TO,
                                            failed.getResponse().getErrors().stream()
                                                    .map(error -> error.getTo())
                                                    .toList());
                        })
                        .to("redcloud:send")
                        .end()
                        .to("redcloud:send?throwOnPartialFailure=true");
            }
        };
    }

    @ParameterizedTest
    @CsvSource({
        "400, INVALID_REQUEST, sendFrom must have campaignregId configured, req_send_003",
        "403, FORBIDDEN, sendFrom is not owned by this API client, req_send_002",
        "409, CONFLICT, Idempotency-Key reused with a different payload, req_send_009",
        "404, NOT_FOUND, no such route, req_send_404"
    })
    void clientErrorsAreNotRetriedAndCarryCodeAndRequestId(int status, String code, String message, String requestId) {
        redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(status, code, message, requestId));

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        RedCloudApiException error = out.getException(RedCloudApiException.class);
        assertThat(error).isNotNull();
        assertThat(error.getStatusCode()).isEqualTo(status);
        assertThat(error.getErrorCode()).isEqualTo(code);
        assertThat(error.getErrorMessage()).isEqualTo(message);
        assertThat(error.getRequestId()).isEqualTo(requestId);
        assertThat(error.getMessage()).contains(String.valueOf(status), code, requestId);
        assertThat(out.getMessage().getHeader(RedCloudConstants.REQUEST_ID)).isEqualTo(requestId);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(1);
    }

    @Test
    void anHtmlBadGatewayGivesATypedErrorWithAnExcerpt() {
        MockResponse html = new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1>" + "x".repeat(5000) + "</body></html>")
                .build();
        for (int i = 0; i < 3; i++) {
            redCloud.script(FakeRedCloud.SEND_PATH, html);
        }

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        RedCloudApiException error = out.getException(RedCloudApiException.class);
        assertThat(error).isNotNull();
        assertThat(error.getStatusCode()).isEqualTo(502);
        assertThat(error.getErrorCode()).isNull();
        assertThat(error.getBodyExcerpt())
                .startsWith("<html><body><h1>502 Bad Gateway</h1>")
                .hasSizeLessThan(210);
        assertThat(error.getMessage()).contains("HTTP 502", "502 Bad Gateway");
        // 502 is transient: the default two retries were spent first
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(3);
    }

    @Test
    void aSuccessStatusWithAnUnreadableBodyIsATypedError() {
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                new MockResponse.Builder().code(202).body("not json").build());

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        RedCloudApiException error = out.getException(RedCloudApiException.class);
        assertThat(error.getStatusCode()).isEqualTo(202);
        assertThat(error.getBodyExcerpt()).isEqualTo("not json");
    }

    @Test
    void partialAcceptanceIsNotAnErrorAndShowsBothParts() {
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                FakeRedCloud.json(
                        202,
                        "{\"results\":[{\"to\":\"+15551234567\",\"messageId\":\"msg_abc123\",\"status\":\"QUEUED\"}],"
                                + "\"errors\":[{\"to\":\"12345\",\"code\":\"INVALID_RECIPIENT\",\"message\":\"not E.164\"}]}"));

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(RedCloudConstants.MESSAGE_ID)).isEqualTo("msg_abc123");
        assertThat(out.getMessage().getHeader(RedCloudConstants.MESSAGE_IDS))
                .isEqualTo(java.util.List.of("msg_abc123"));
        assertThat(out.getMessage().getHeader(RedCloudConstants.STATUS)).isEqualTo("QUEUED");
        assertThat(out.getMessage().getHeader(RedCloudConstants.ACCEPTED_COUNT)).isEqualTo(1);
        assertThat(out.getMessage().getHeader(RedCloudConstants.REJECTED_COUNT)).isEqualTo(1);
        var response = out.getMessage().getBody(live.redcloud.camel.model.SendMessageResponse.class);
        assertThat(response.isPartial()).isTrue();
        assertThat(response.getErrors().get(0).getCode()).isEqualTo("INVALID_RECIPIENT");
    }

    @Test
    void partialAcceptanceFailsWhenAskedTo() {
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                FakeRedCloud.json(
                        202,
                        "{\"results\":[{\"to\":\"+15551234567\",\"messageId\":\"msg_abc123\",\"status\":\"QUEUED\"}],"
                                + "\"errors\":[{\"to\":\"12345\",\"code\":\"INVALID_RECIPIENT\",\"message\":\"not E.164\"}]}"));

        Exchange out = template.request("direct:strict", e -> e.getMessage().setBody("hello"));

        RedCloudSendException error = out.getException(RedCloudSendException.class);
        assertThat(error.getResponse().getResults()).hasSize(1);
        assertThat(error.getMessage()).contains("1 of 2");
    }

    @Test
    void everyRecipientRejectedIsASendException() {
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                FakeRedCloud.json(
                        202,
                        "{\"results\":[],\"errors\":["
                                + "{\"to\":\"12345\",\"code\":\"INVALID_RECIPIENT\",\"message\":\"not E.164\"}]}"));

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        RedCloudSendException error = out.getException(RedCloudSendException.class);
        assertThat(error).isNotNull();
        assertThat(error.getResponse().getErrors()).hasSize(1);
        assertThat(error.getIdempotencyKey())
                .isEqualTo(out.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED));
        // a failed producer leaves the message as it was given; the answer is on the exception
        assertThat(out.getMessage().getBody()).isEqualTo("hello");
        assertThat(out.getMessage().getHeaders())
                .doesNotContainKeys(
                        RedCloudConstants.ACCEPTED_COUNT,
                        RedCloudConstants.REJECTED_COUNT,
                        RedCloudConstants.MESSAGE_ID,
                        RedCloudConstants.MESSAGE_IDS);
    }

    @Test
    void aHandlerOfAPartialFailureResendsTheOriginalBodyToTheRejectedRecipients() {
        String partial = "{\"results\":[{\"to\":\"+15551234567\",\"messageId\":\"msg_abc123\",\"status\":\"QUEUED\"}],"
                + "\"errors\":[{\"to\":\"+15550000009\",\"code\":\"CARRIER_UNAVAILABLE\",\"message\":\"retry\"}],"
                + "\"requestId\":\"req_partial_1\"}";
        redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.json(202, partial));

        Exchange out = template.request("direct:strictWithHandler", e -> {
            e.getMessage().setBody("your parcel is on its way");
            e.getMessage().setHeader(RedCloudConstants.TO, java.util.List.of("+15551234567", "+15550000009"));
            e.getMessage().setHeader("orderId", "o-789");
        });

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(RedCloudConstants.MESSAGE_ID)).isNotEqualTo("msg_abc123");
        var resend = redCloud.requests(FakeRedCloud.SEND_PATH).get(1).getBody().utf8();
        assertThat(resend).contains("\"to\":[\"+15550000009\"]", "\"text\":\"your parcel is on its way\"");
        assertThat(out.getMessage().getHeader("orderId")).isEqualTo("o-789");
        assertThat(redCloud.messagesCreated()).isEqualTo(1);
    }

    @Test
    void redirectsAreNotFollowedSoTheTokenNeverLeavesTheConfiguredHost() throws Exception {
        try (mockwebserver3.MockWebServer elsewhere = new mockwebserver3.MockWebServer()) {
            elsewhere.start();
            redCloud.script(
                    FakeRedCloud.SEND_PATH,
                    new MockResponse.Builder()
                            .code(307)
                            .setHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/steal")
                            .build());

            Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

            assertThat(out.getException(RedCloudApiException.class).getStatusCode())
                    .isEqualTo(307);
            assertThat(elsewhere.getRequestCount()).isZero();
        }
    }

    @Test
    void anE164SendFromMakesNoHttpCallAtAll() {
        Exchange out = template.request("direct:send", e -> {
            e.getMessage().setBody("hello");
            e.getMessage().setHeader(RedCloudConstants.SEND_FROM, "+15551234567");
        });

        assertThat(out.getException())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numberId")
                .hasMessageContaining("+15551234567");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void missingRecipientsOrUnsupportedBodyFailBeforeAnyCall() {
        Exchange noBody = template.request("direct:send", e -> e.getMessage().setBody(42));
        assertThat(noBody.getException())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");

        Exchange noTo = template.request("redcloud:send", e -> e.getMessage().setBody("hi"));
        assertThat(noTo.getException())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipient");
        assertThat(server.getRequestCount()).isZero();
    }
}

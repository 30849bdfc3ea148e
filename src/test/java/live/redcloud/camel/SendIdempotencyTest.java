package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Every attempt of one logical send carries the same Idempotency-Key and the same bytes. */
class SendIdempotencyTest extends RedCloudTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?to=%2B15551234567");
                from("direct:slow").to("redcloud:send?to=%2B15551234567&requestTimeout=300");
                from("direct:redelivered")
                        .errorHandler(
                                defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0))
                        .to("redcloud:send?to=%2B15551234567&maxRetries=0");
                from("direct:loop")
                        .loop(2)
                        .setBody(constant("take your pills"))
                        .to("redcloud:send?to=%2B15551234567")
                        .end();
                from("direct:loopCopy")
                        .loop(2)
                        .copy()
                        .setBody(constant("take your pills"))
                        .to("redcloud:send?to=%2B15551234567")
                        .end();
                from("direct:sendThenLoopCopy")
                        .to("redcloud:send?to=%2B15551234567")
                        .loop(2)
                        .copy()
                        .setBody(constant("take your pills"))
                        .to("redcloud:send?to=%2B15551234567")
                        .end();
                from("direct:redeliveredAfterCommit")
                        .errorHandler(
                                defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0))
                        .to("redcloud:send?to=%2B15551234567&maxRetries=0");
                from("direct:twoSends")
                        .to("redcloud:send?to=%2B15551234567")
                        .setBody(constant("a different text"))
                        .to("redcloud:send?to=%2B15551234567");
            }
        };
    }

    @Test
    void retryAfterServerErrorRepeatsKeyAndPayload() {
        redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(500, "SERVER_ERROR", "boom", "req_1"));

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertSameKeyAndBody(2, out);
    }

    @Test
    void retryAfterDroppedConnectionRepeatsKeyAndPayload() {
        // the request reached Red Cloud, the answer never came back
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                new MockResponse.Builder()
                        .onResponseStart(new SocketEffect.CloseSocket())
                        .build());

        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertSameKeyAndBody(2, out);
    }

    @Test
    void retryAfterATimeoutRepeatsKeyAndPayload() {
        // Red Cloud got the request but answers later than requestTimeout
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                new MockResponse.Builder()
                        .code(202)
                        .headersDelay(1, java.util.concurrent.TimeUnit.SECONDS)
                        .body("{\"results\":[],\"errors\":[]}")
                        .build());

        Exchange out = template.request("direct:slow", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertSameKeyAndBody(2, out);
        assertThat(out.getMessage().getHeader(RedCloudConstants.ACCEPTED_COUNT)).isEqualTo(1);
    }

    @Test
    void retryAfterRateLimitHonoursRetryAfter() {
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                new MockResponse.Builder()
                        .code(429)
                        .setHeader("Retry-After", "1")
                        .setHeader("Content-Type", "application/json")
                        .body("{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"details\":{}},"
                                + "\"requestId\":\"req_rl\"}")
                        .build());

        long start = System.nanoTime();
        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(out.getException()).isNull();
        assertSameKeyAndBody(2, out);
        // the backoff alone would be ~10 ms; Retry-After asked for one second
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(950);
    }

    @Test
    void camelRedeliveryOfTheSameExchangeReusesKeyAndPayload() {
        redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(502, "UPSTREAM_ERROR", "upstream", "req_a"));
        redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(502, "UPSTREAM_ERROR", "upstream", "req_b"));

        Exchange out =
                template.request("direct:redelivered", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertSameKeyAndBody(3, out);
    }

    @Test
    void theSameSendTwiceOnOneExchangeSendsTwice() {
        // "send this reminder twice": one exchange, the same payload, two messages
        Exchange out = template.request("direct:loop", e -> e.getMessage().setBody("take your pills"));

        assertThat(out.getException()).isNull();
        List<String> keys = sendKeys();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
        assertThat(redCloud.messagesCreated()).isEqualTo(2);
    }

    @Test
    void aLoopThatCopiesTheExchangeSendsEachIteration() {
        Exchange out = template.request("direct:loopCopy", e -> e.getMessage().setBody("x"));

        assertThat(out.getException()).isNull();
        assertThat(sendKeys()).hasSize(2).doesNotHaveDuplicates();
        assertThat(redCloud.messagesCreated()).isEqualTo(2);
    }

    @Test
    void aCopyingLoopAfterAnEarlierSendSendsEachIteration() {
        // each iteration starts from a copy of the exchange as it was before the loop, the earlier send's seed and
        // count included; the loop index makes each iteration a send of its own
        Exchange out =
                template.request("direct:sendThenLoopCopy", e -> e.getMessage().setBody("first"));

        assertThat(out.getException()).isNull();
        assertThat(sendKeys()).hasSize(3).doesNotHaveDuplicates();
        assertThat(redCloud.messagesCreated()).isEqualTo(3);
    }

    @Test
    void aCamelRedeliveryAfterALostAnswerSendsOnce() {
        // Red Cloud accepted the send, but the answer never arrived; the component does not retry, Camel does
        redCloud.dropAnswersAfterCommit(1);

        Exchange out = template.request(
                "direct:redeliveredAfterCommit", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertSameKeyAndBody(2, out);
        assertThat(redCloud.messagesCreated()).isEqualTo(1);
    }

    @Test
    void theRetryTimerNeverRejectsAWaitingRetry() {
        // Camel's default scheduled pools reject beyond 1000 queued tasks; a rejected retry would fail an exchange
        // whose request Red Cloud may already have accepted
        java.util.concurrent.ScheduledExecutorService timer = component().getScheduler();
        java.util.List<java.util.concurrent.ScheduledFuture<?>> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            waiting.add(timer.schedule(() -> {}, 1, java.util.concurrent.TimeUnit.HOURS));
        }
        waiting.forEach(f -> f.cancel(false));
        assertThat(waiting).hasSize(5000);
    }

    @Test
    void differentExchangesGetDifferentKeys() {
        template.requestBody("direct:send", "same text");
        template.requestBody("direct:send", "same text");

        List<String> keys = sendKeys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
    }

    @Test
    void aSecondDifferentSendInTheSameRouteGetsItsOwnKey() {
        Exchange out = template.request("direct:twoSends", e -> e.getMessage().setBody("first text"));

        assertThat(out.getException()).isNull();
        List<String> keys = sendKeys();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
        assertThat(out.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED))
                .isEqualTo(keys.get(1));
    }

    @Test
    void aKeySetByTheUserIsUsedAsIs() {
        Exchange out = template.request("direct:send", e -> {
            e.getMessage().setBody("order shipped");
            e.getMessage().setHeader(RedCloudConstants.IDEMPOTENCY_KEY, "idem_order_789");
        });

        assertThat(sendKeys()).containsExactly("idem_order_789");
        assertThat(out.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED))
                .isEqualTo("idem_order_789");
        assertThat(out.getMessage().getBody(SendMessageResponse.class).getResults())
                .hasSize(1);
    }

    private List<String> sendKeys() {
        return redCloud.requests(FakeRedCloud.SEND_PATH).stream()
                .map(r -> r.getHeaders().get("Idempotency-Key"))
                .collect(Collectors.toList());
    }

    private void assertSameKeyAndBody(int attempts, Exchange out) {
        List<RecordedRequest> sends = redCloud.requests(FakeRedCloud.SEND_PATH);
        assertThat(sends).hasSize(attempts);
        String key = sends.get(0).getHeaders().get("Idempotency-Key");
        assertThat(key).isNotBlank();
        for (RecordedRequest send : sends) {
            assertThat(send.getHeaders().get("Idempotency-Key")).isEqualTo(key);
            assertThat(send.getBody()).isEqualTo(sends.get(0).getBody());
        }
        assertThat(out.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED))
                .isEqualTo(key);
    }
}

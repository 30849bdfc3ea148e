package live.redcloud.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Red Cloud's redelivery schedule [WH]: after 1, 5, 15, 60 minutes (scaled here), then terminal failure. */
class WebhookRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private RedCloudSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        receiver.close();
    }

    private RedCloudSandbox start(double retryScale, String inboundUrl) {
        sandbox = RedCloudSandbox.builder()
                .inboundWebhookUrl(inboundUrl)
                .retryScale(retryScale)
                .seed(9)
                .build()
                .start();
        return sandbox;
    }

    @Test
    void injectedDeliveryFailuresAreRetriedOnTheSchedule() {
        start(0.001, receiver.url());
        sandbox.faults().failNextWebhookDeliveries(2);

        InboundMessage m = sandbox.simulateInbound("+15557654321", "num_abc123", "hello");

        await().atMost(WAIT)
                .until(() -> sandbox.admin().deliveredEventsFor(m.messageId()).size() == 1);
        List<WebhookAttempt> attempts = sandbox.admin().webhookAttemptsFor(m.messageId());
        assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(attempts.get(0).error()).contains("injected fault");
        assertThat(attempts.get(2).outcome()).isEqualTo(WebhookAttempt.Outcome.DELIVERED);
        // the receiver saw only the attempt that was not failed on purpose
        assertThat(receiver.received()).hasSize(1);
        assertThat(sandbox.faults().pendingWebhookFailures()).isZero();
    }

    @Test
    void nonSuccessIsRetriedAfterScaledDelaysUntilAccepted() {
        receiver.respondWith(n -> n <= 3 ? 500 : 200);
        start(0.001, receiver.url());

        InboundMessage m = sandbox.simulateInbound("+15557654321", "num_abc123", "hello");

        await().atMost(WAIT)
                .until(() -> sandbox.admin().deliveredEventsFor(m.messageId()).size() == 1);
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(4);
        assertThat(got)
                .extracting(WebhookReceiver.Received::bodyText)
                .containsOnly(got.get(0).bodyText());
        assertGapAtLeast(got, 0, 60);
        assertGapAtLeast(got, 1, 300);
        assertGapAtLeast(got, 2, 900);

        List<WebhookAttempt> attempts = sandbox.admin().webhookAttemptsFor(m.messageId());
        assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3, 4);
        assertThat(attempts).extracting(WebhookAttempt::statusCode).containsExactly(500, 500, 500, 200);
        assertThat(attempts)
                .extracting(WebhookAttempt::outcome)
                .containsExactly(
                        WebhookAttempt.Outcome.RETRY_SCHEDULED, WebhookAttempt.Outcome.RETRY_SCHEDULED,
                        WebhookAttempt.Outcome.RETRY_SCHEDULED, WebhookAttempt.Outcome.DELIVERED);
        assertThat(sandbox.admin().deliveredEvents().get(0).attempts()).isEqualTo(4);
    }

    @Test
    void fiveFailedAttemptsEndInTerminalFailure() {
        receiver.respondWith(n -> 503);
        start(0.0002, receiver.url());

        InboundMessage m = sandbox.simulateInbound("+15557654321", "num_abc123", "hello");

        await().atMost(WAIT)
                .until(() -> sandbox.admin().webhookAttemptsFor(m.messageId()).stream()
                        .anyMatch(a -> a.outcome() == WebhookAttempt.Outcome.FAILED_TERMINALLY));
        List<WebhookAttempt> attempts = sandbox.admin().webhookAttemptsFor(m.messageId());
        assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(attempts.get(4).outcome()).isEqualTo(WebhookAttempt.Outcome.FAILED_TERMINALLY);
        assertThat(receiver.received()).hasSize(5);
        // scaled 1/5/15/60 minutes: 12, 60, 180, 720 ms
        assertGapAtLeast(receiver.received(), 0, 12);
        assertGapAtLeast(receiver.received(), 3, 720);
        assertThat(sandbox.admin().deliveredEvents()).isEmpty();
    }

    @Test
    void connectionFailuresAreRetriedToo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        start(0.0001, "http://127.0.0.1:" + closedPort + "/gone");

        InboundMessage m = sandbox.simulateInbound("+15557654321", "num_abc123", "hello");

        await().atMost(WAIT)
                .until(() -> sandbox.admin().webhookAttemptsFor(m.messageId()).size() == 5);
        assertThat(sandbox.admin().webhookAttemptsFor(m.messageId())).allSatisfy(a -> {
            assertThat(a.statusCode()).isNull();
            assertThat(a.error()).isNotBlank();
        });
    }

    @Test
    void eachRetryCarriesAFreshTimestampAndSignature() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        receiver.respondWith(n -> n == 1 ? 500 : 200).onRequest(() -> clock.advance(Duration.ofSeconds(90)));
        sandbox = RedCloudSandbox.builder()
                .clock(clock)
                .signingSecret("whsec_retry")
                .inboundWebhookUrl(receiver.url())
                .retryScale(0.0001)
                .build()
                .start();

        sandbox.simulateInbound("+15557654321", "num_abc123", "hello");

        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        WebhookReceiver.Received first = receiver.received().get(0);
        WebhookReceiver.Received second = receiver.received().get(1);
        assertThat(second.header("X-RedCloud-Timestamp")).isNotEqualTo(first.header("X-RedCloud-Timestamp"));
        for (WebhookReceiver.Received r : List.of(first, second)) {
            assertThat(r.header("X-RedCloud-Signature"))
                    .isEqualTo(WebhookSignerTest.independentSignature(
                            "whsec_retry", r.header("X-RedCloud-Timestamp"), r.body()));
        }
    }

    private static void assertGapAtLeast(List<WebhookReceiver.Received> got, int index, long millis) {
        long gapNanos = got.get(index + 1).nanoTime() - got.get(index).nanoTime();
        assertThat(Duration.ofNanos(gapNanos))
                .as("gap after attempt %d", index + 1)
                .isGreaterThanOrEqualTo(Duration.ofMillis(millis));
    }
}

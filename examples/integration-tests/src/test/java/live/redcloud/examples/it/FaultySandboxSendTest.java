package live.redcloud.examples.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudConstants;
import live.redcloud.sandbox.RedCloudSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 1,000 logical sends against the sandbox with 5% injected 5xx, 2% of sends dropped after the messages were created,
 * and every token revoked each 100 sends: every send succeeds and Red Cloud created exactly 1,000 messages.
 */
class FaultySandboxSendTest extends CamelTestSupport {

    private static final int SENDS = 1000;
    private static final int IN_FLIGHT = 16;

    private RedCloudSandbox sandbox;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        sandbox = RedCloudSandbox.builder()
                .seed(20261127)
                .sendErrorRate(0.05)
                .dropAfterCommitRate(0.02)
                .build()
                .start();
        CamelContext context = super.createCamelContext();
        RedCloudComponent redcloud = new RedCloudComponent();
        redcloud.getConfiguration().setBaseUrl(sandbox.baseUrl());
        redcloud.getConfiguration().setClientId(sandbox.clientId());
        redcloud.getConfiguration().setClientSecret(sandbox.clientSecret());
        // ~7% of attempts fail: six retries make a lost send (0.07^7) practically impossible
        redcloud.getConfiguration().setMaxRetries(6);
        redcloud.getConfiguration().setRetryBackoff(5);
        redcloud.getConfiguration().setRetryMaxBackoff(100);
        context.addComponent("redcloud", redcloud);
        return context;
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?sendFrom=num_abc123&to=RAW(+15551234567)");
            }
        };
    }

    @Test
    void everyLogicalSendSucceedsExactlyOnce() throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < SENDS; i++) {
            if (i > 0 && i % 100 == 0) {
                sandbox.revokeAllTokens();
            }
            window.acquire();
            String text = "order " + i + " shipped";
            CompletableFuture<Exchange> send =
                    template.asyncSend("direct:send", e -> e.getMessage().setBody(text));
            send.whenComplete((e, t) -> window.release());
            sends.add(send);
        }
        Set<String> messageIds = new HashSet<>();
        for (CompletableFuture<Exchange> send : sends) {
            Exchange done = send.get(60, TimeUnit.SECONDS);
            assertThat(done.getException()).as("send failed").isNull();
            messageIds.add(done.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(messageIds).hasSize(SENDS).doesNotContainNull();
        assertThat(sandbox.admin().messages()).hasSize(SENDS);
        Map<String, Integer> perKey = sandbox.admin().messageCountsByIdempotencyKey();
        assertThat(perKey).hasSize(SENDS);
        assertThat(perKey.values()).allMatch(n -> n == 1);
        // the faults really happened: retries, replays of dropped answers, and new tokens after revocation
        int requests = sandbox.admin().sendRequestCount();
        assertThat(requests).isGreaterThan(SENDS + 50);
        assertThat(sandbox.admin().replayCount()).isPositive();
        assertThat(sandbox.admin().tokensIssued()).isGreaterThanOrEqualTo(10);
        System.out.printf(
                "faulty sandbox: %d logical sends, %d HTTP send requests, %d replays, %d tokens, %.2f s"
                        + " (%.0f sends/s)%n",
                SENDS,
                requests,
                sandbox.admin().replayCount(),
                sandbox.admin().tokensIssued(),
                seconds,
                SENDS / seconds);
    }
}

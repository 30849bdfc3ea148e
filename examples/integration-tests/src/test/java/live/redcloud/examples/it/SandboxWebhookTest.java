package live.redcloud.examples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudConstants;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.sandbox.RedCloudSandbox;
import live.redcloud.sandbox.WebhookAttempt;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's signed webhooks, redeliveries included, into redcloud:webhook. */
class SandboxWebhookTest extends CamelTestSupport {

    private RedCloudSandbox sandbox;
    private int port;
    private final List<RedCloudEvent> routed = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        sandbox = RedCloudSandbox.builder()
                .retryScale(0.001)
                .eventDelay(Duration.ofMillis(10))
                .build()
                .start();
        // both account webhooks registered before the routes start, so the start-up check (startupCheck=warn) finds
        // what the webhook routes (every event type) wait for
        sandbox.deliveryWebhookUrl("http://127.0.0.1:" + port + "/account-hook")
                .inboundWebhookUrl("http://127.0.0.1:" + port + "/account-hook");
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        RedCloudComponent redcloud = new RedCloudComponent();
        redcloud.getConfiguration().setBaseUrl(sandbox.baseUrl());
        redcloud.getConfiguration().setClientId(sandbox.clientId());
        redcloud.getConfiguration().setClientSecret(sandbox.clientSecret());
        redcloud.getConfiguration().setSigningSecret(RedCloudSandbox.DEFAULT_SIGNING_SECRET);
        context.addComponent("redcloud", redcloud);
        return context;
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?sendFrom=num_abc123");
                from("redcloud:webhook?path=/account-hook").process(e -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("store unavailable");
                    }
                    routed.add(e.getMessage().getBody(RedCloudEvent.class));
                });
                from("redcloud:webhook?path=/number-hook")
                        .process(e -> routed.add(e.getMessage().getBody(RedCloudEvent.class)));
            }
        };
    }

    @Test
    void lifecycleArrivesSignedAndInSequence() {
        String messageId = send("+15551234567");

        await().atMost(Duration.ofSeconds(10)).until(() -> types(messageId).size() == 3);
        assertThat(types(messageId)).containsExactly("message.queued", "message.sent", "message.delivery");
        assertThat(routed.stream()
                        .filter(e -> e.getMessageId().equals(messageId))
                        .map(RedCloudEvent::getSequence))
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void theFailureRecipientEndsInMessageFailed() {
        String messageId = send(RedCloudSandbox.FAILURE_RECIPIENT);

        await().atMost(Duration.ofSeconds(10)).until(() -> types(messageId).contains("message.failed"));
        assertThat(types(messageId)).containsExactly("message.queued", "message.failed");
    }

    @Test
    void aRouteFailureIsAnsweredWith500AndRedcloudRedeliversUntilRouted() {
        failuresLeft.set(2);
        String messageId = send("+15551234567");

        await().atMost(Duration.ofSeconds(10)).until(() -> types(messageId).size() == 3);
        List<WebhookAttempt> attempts = sandbox.admin().webhookAttemptsFor(messageId);
        assertThat(attempts.stream().filter(a -> a.statusCode() != null && a.statusCode() == 500))
                .hasSize(2);
        assertThat(types(messageId)).containsExactly("message.queued", "message.sent", "message.delivery");
    }

    @Test
    void aPerNumberOverrideWinsOverTheAccountWebhook() {
        sandbox.number("num_abc123").webhookDeliveryOverride("http://127.0.0.1:" + port + "/number-hook");
        String messageId = send("+15551234567");

        await().atMost(Duration.ofSeconds(10)).until(() -> types(messageId).size() == 3);
        assertThat(sandbox.admin().webhookAttemptsFor(messageId))
                .allMatch(a -> a.url().endsWith("/number-hook"));
    }

    private String send(String to) {
        return template.request("direct:send", e -> {
                    e.getMessage().setBody("hello");
                    e.getMessage().setHeader(RedCloudConstants.TO, to);
                })
                .getMessage()
                .getHeader(RedCloudConstants.MESSAGE_ID, String.class);
    }

    private List<String> types(String messageId) {
        return routed.stream()
                .filter(e -> messageId.equals(e.getMessageId()))
                .map(RedCloudEvent::getType)
                .collect(Collectors.toList());
    }
}

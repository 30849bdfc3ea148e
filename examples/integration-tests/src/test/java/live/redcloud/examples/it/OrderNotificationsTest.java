package live.redcloud.examples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.sandbox.RedCloudSandbox;
import live.redcloud.sandbox.junit.RedCloudSandboxTest;
import live.redcloud.sandbox.junit.SandboxConnection;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's route test written with the test kit (docs/testing.md shows this class): the application's routes
 * (an order notification and an inbound handler), the sandbox started by {@link RedCloudSandboxTest}, and faults
 * and token revocation triggered by the test.
 */
@RedCloudSandboxTest
class OrderNotificationsTest extends CamelTestSupport {

    private static SandboxConnection redCloud;
    private static RedCloudSandbox sandbox;
    private final List<RedCloudEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void sandbox(SandboxConnection connection, RedCloudSandbox running) {
        redCloud = connection;
        sandbox = running;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // the application's HTTP server, on the port the sandbox delivers its webhooks to
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindPort(redCloud.webhookPort());
        context.addService(new VertxPlatformHttpServer(http));
        // the component, configured as the application does, pointed at the sandbox
        RedCloudComponent component = new RedCloudComponent();
        component.getConfiguration().setBaseUrl(redCloud.baseUrl());
        component.getConfiguration().setClientId(redCloud.clientId());
        component.getConfiguration().setClientSecret(redCloud.clientSecret());
        component.getConfiguration().setSigningSecret(redCloud.signingSecret());
        component.getConfiguration().setRetryBackoff(50);
        context.addComponent("redcloud", component);
        return context;
    }

    /** The application's routes under test. */
    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orderShipped")
                        .setHeader("CamelRedCloudTo", simple("${body[phone]}"))
                        .setHeader("CamelRedCloudIdempotencyKey", simple("order-shipped-${body[orderId]}"))
                        .setBody(simple("Your order ${body[orderId]} has shipped"))
                        .to("redcloud:send?sendFrom=num_abc123");
                from("redcloud:webhook") // default path /redcloud/webhook, where the sandbox delivers
                        .process(e -> events.add(e.getMessage().getBody(RedCloudEvent.class)));
            }
        };
    }

    @Test
    void anOrderNotificationIsSentOnceAndItsDeliveryReachesTheRoute() {
        String messageId = shipped("o-1");

        assertThat(sandbox.admin().messageCountsByIdempotencyKey()).containsEntry("order-shipped-o-1", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> types(messageId).contains("message.delivery"));
        assertThat(types(messageId)).containsExactly("message.queued", "message.sent", "message.delivery");
    }

    @Test
    void aReplyFromTheCustomerReachesTheRoute() {
        var inbound = sandbox.simulateInbound("+15557654321", RedCloudSandbox.NUMBER_SMS_MMS, "STOP");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !types(inbound.messageId()).isEmpty());
        assertThat(types(inbound.messageId())).containsExactly("message.inbound");
    }

    @Test
    void twoServerErrorsAreRetriedAndStillSendOneMessage() {
        sandbox.faults().failNextSends(2, 503);

        shipped("o-2");

        assertThat(sandbox.admin().messageCountsByIdempotencyKey()).containsEntry("order-shipped-o-2", 1);
    }

    @Test
    void aRevokedTokenIsReplacedWithoutFailingTheSend() {
        shipped("o-3");
        sandbox.revokeAllTokens();

        shipped("o-4");

        assertThat(sandbox.admin().messageCountsByIdempotencyKey()).containsEntry("order-shipped-o-4", 1);
        assertThat(sandbox.admin().tokensIssued()).isGreaterThanOrEqualTo(2);
    }

    private String shipped(String orderId) {
        return template.requestBody(
                        "direct:orderShipped",
                        Map.of("orderId", orderId, "phone", "+15551234567"),
                        SendMessageResponse.class)
                .getResults()
                .get(0)
                .getMessageId();
    }

    private List<String> types(String messageId) {
        return events.stream()
                .filter(e -> messageId.equals(e.getMessageId()))
                .map(RedCloudEvent::getType)
                .toList();
    }
}

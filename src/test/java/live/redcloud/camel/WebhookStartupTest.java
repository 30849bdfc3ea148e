package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

class WebhookStartupTest {

    @Test
    void startupFailsClearlyWithoutASigningSecret() throws Exception {
        CamelContext context = contextWith("redcloud:webhook?path=/hook", AvailablePortFinder.getNextAvailable());
        try {
            assertThatThrownBy(context::start)
                    .hasMessage("redcloud:webhook needs the signingSecret option"
                            + " (the webhook signing secret from Red Cloud) to verify X-RedCloud-Signature; set"
                            + " allowUnsigned=true only if signing is off for your integration");
        } finally {
            context.close();
        }
    }

    @Test
    void allowUnsignedAcceptsUnsignedEventsAndWarns() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        try (LogCapture logs = new LogCapture();
                CamelContext context = contextWith("redcloud:webhook?path=/hook&allowUnsigned=true", port)) {
            context.start();
            MockEndpoint mock = context.getEndpoint("mock:out", MockEndpoint.class);
            mock.expectedMessageCount(1);

            HttpResponse<String> response = new WebhookTestSupport() {}.post(
                    port, "/hook", WebhookTestSupport.lifecycle("message.sent", "msg_u", 2), null, null, null);

            assertThat(response.statusCode()).isEqualTo(200);
            mock.assertIsSatisfied();
            assertThat(logs.text()).contains("accepts UNSIGNED webhooks");
        }
    }

    @Test
    void theSigningSecretIsMaskedInTheEndpointUri() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        try (CamelContext context =
                contextWith("redcloud:webhook?path=/hook&signingSecret=RAW(whsec_hidden_42)", port)) {
            context.start();
            assertThat(context.getEndpoints())
                    .allSatisfy(e -> assertThat(e.toString()).doesNotContain("whsec_hidden_42"));
        }
    }

    @Test
    void aServerBodyLimitStopsOversizeRequestsBeforeTheComponent() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration conf =
                new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        conf.setMaxBodySize(4096L);
        try (CamelContext context = contextWith(
                "redcloud:webhook?path=/hook&signingSecret=RAW(s)",
                port,
                new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer(conf))) {
            context.start();
            String big = "{\"pad\":\"" + "x".repeat(100_000) + "\"}";
            int status;
            try {
                status = new WebhookTestSupport() {}.post(port, "/hook", big, "1", "00", null)
                        .statusCode();
            } catch (java.io.IOException closed) {
                status = -1;
            }
            assertThat(status).isEqualTo(413);
            RedCloudWebhookConsumer consumer =
                    (RedCloudWebhookConsumer) context.getRoutes().get(0).getConsumer();
            assertThat(consumer.getCounters().snapshot().values()).allMatch(n -> n == 0);
        }
    }

    private static CamelContext contextWith(String uri, int port) {
        return contextWith(uri, port, WebhookTestSupport.platformHttpServer(port));
    }

    private static CamelContext contextWith(String uri, int port, Object server) {
        CamelContext context = new DefaultCamelContext();
        try {
            context.addService(server);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).to("mock:out");
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return context;
    }
}

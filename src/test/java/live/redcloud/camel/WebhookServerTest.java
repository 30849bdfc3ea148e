package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** A webhook whose HTTP server does not listen must not start as if it served its path. */
class WebhookServerTest {

    @Test
    void aTakenPortFailsTheStartWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                LogCapture logs = new LogCapture()) {
            CamelContext context = webhookContext(taken.getLocalPort());

            Throwable failure = catchThrowable(context::start);
            while (failure != null && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("redcloud:webhook cannot serve POST /redcloud/webhook on platform-http")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + " is not listening")
                    .hasMessageContaining("port already taken");
            context.close();

            assertThat(logs.text()).doesNotContain("redcloud:webhook serving POST");
            // the stack trace of the refused start is Camel's to log, and the test's to check: nothing else warns
            assertThat(logs.atLeast(Level.WARN)).noneMatch(line -> line.contains("live.redcloud"));
        }
    }

    @Test
    void theConsumerHealthCheckIsUpWhileThePathIsServedAndDownWhenTheServerStops() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (CamelContext context = webhookContext(port)) {
            context.start();
            assertThat(consumerCheck(context).getState()).isEqualTo(HealthCheck.State.UP);

            context.hasService(VertxPlatformHttpServer.class).stop();

            HealthCheck.Result result = consumerCheck(context);
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage())
                    .hasValueSatisfying(m -> assertThat(m)
                            .contains("POST /redcloud/webhook is not served", "127.0.0.1:" + port + " is not started"));
        }
    }

    @Test
    void healthCheckConsumerEnabledFalseTurnsTheConsumerCheckOff() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (CamelContext context = webhookContext(port)) {
            context.getComponent("redcloud", RedCloudComponent.class).setHealthCheckConsumerEnabled(false);
            context.start();
            context.hasService(VertxPlatformHttpServer.class).stop();

            HealthCheck.Result result = consumerCheck(context);

            assertThat(result.getState()).isNotEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getDetails()).doesNotContainKey("redcloud.webhook.path");
        }
    }

    private static HealthCheck.Result consumerCheck(CamelContext context) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:webhook"))
                .findFirst()
                .orElseThrow();
    }

    private static CamelContext webhookContext(int port) throws Exception {
        CamelContext context = new DefaultCamelContext();
        // what Camel Main and Spring Boot register when health checks are on
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(registry.resolveById("consumers"));
        context.addService(WebhookTestSupport.platformHttpServer(port));
        RedCloudComponent redcloud = new RedCloudComponent();
        redcloud.getConfiguration().setSigningSecret(WebhookTestSupport.SECRET);
        context.addComponent("redcloud", redcloud);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook").routeId("webhook").to("log:events");
            }
        });
        return context;
    }
}

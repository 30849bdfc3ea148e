package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.Test;

class HealthCheckTest extends RedCloudTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // producer health checks are opt-in in Camel (camel.health.producersEnabled=true)
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        HealthCheckRepository producers = (HealthCheckRepository) registry.resolveById("producers");
        producers.setEnabled(true);
        registry.register(producers);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("notify").to("redcloud:send?to=%2B15551234567");
            }
        };
    }

    @Test
    void upWhenATokenCanBeObtained() {
        HealthCheck.Result result = redCloudCheck();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsKey("redcloud.tokenExpiresAt");
        assertThat(redCloud.tokensIssued()).isEqualTo(1);
    }

    @Test
    void downWithTheOAuthErrorCodeAndNoSecretForBadCredentials() {
        redCloud.script(FakeRedCloud.TOKEN_PATH, FakeRedCloud.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));

        HealthCheck.Result result = redCloudCheck();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        Map<String, Object> details = result.getDetails();
        assertThat(details).containsEntry(org.apache.camel.impl.health.AbstractHealthCheck.SERVICE_ERROR_CODE, "invalid_client")
                .containsEntry(org.apache.camel.impl.health.AbstractHealthCheck.SERVICE_STATUS_CODE, 401);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("invalid_client")
                .doesNotContain(FakeRedCloud.CLIENT_SECRET));
        assertThat(details.toString()).doesNotContain(FakeRedCloud.CLIENT_SECRET);
    }

    private HealthCheck.Result redCloudCheck() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:redcloud"))
                .findFirst().orElseThrow(() -> new AssertionError("no redcloud health check registered"));
    }
}

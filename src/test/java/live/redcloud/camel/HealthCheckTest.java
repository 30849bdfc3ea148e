package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
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
                // a second endpoint with the same operation, and one whose step carries the user's own id
                from("direct:send-other").routeId("notify-other").to("redcloud:send?to=%2B15557654321");
                from("direct:whoami").routeId("probe").to("redcloud:whoami").id("redCloudProbe");
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
        redCloud.script(
                FakeRedCloud.TOKEN_PATH,
                FakeRedCloud.json(
                        401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));

        HealthCheck.Result result = redCloudCheck();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        Map<String, Object> details = result.getDetails();
        assertThat(details)
                .containsEntry(org.apache.camel.impl.health.AbstractHealthCheck.SERVICE_ERROR_CODE, "invalid_client")
                .containsEntry(org.apache.camel.impl.health.AbstractHealthCheck.SERVICE_STATUS_CODE, 401);
        assertThat(result.getMessage())
                .hasValueSatisfying(
                        m -> assertThat(m).contains("invalid_client").doesNotContain(FakeRedCloud.CLIENT_SECRET));
        assertThat(details.toString()).doesNotContain(FakeRedCloud.CLIENT_SECRET);
    }

    @Test
    void idsAreReadableStableAndUnique() {
        assertThat(producerChecks().map(HealthCheck::getId))
                .containsExactlyInAnyOrder(
                        "producer:redcloud-send", "producer:redcloud-send-2", "producer:redCloudProbe");
    }

    @Test
    void upFromACachedTokenInsideTheMarginWithoutAnyRequest() throws Exception {
        template.requestBody("direct:send", "hello");
        clock.advance(Duration.ofSeconds(3600 - 30));
        redCloud.script(FakeRedCloud.TOKEN_PATH, stall());
        int requests = redCloud.allRequests().size();

        HealthCheck.Result result = callWithin("producer:redcloud-send", Duration.ofSeconds(2));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails())
                .containsEntry(
                        "redcloud.tokenExpiresAt",
                        component()
                                .getTokenManager()
                                .status()
                                .get(0)
                                .expiresAt()
                                .toString());
        assertThat(redCloud.allRequests())
                .as("answered from the token state alone")
                .hasSize(requests);
    }

    @Test
    void downWithinTheTimeoutWhileTheTokenEndpointHangs() throws Exception {
        redCloud.script(FakeRedCloud.TOKEN_PATH, stall());
        long started = System.nanoTime();

        // healthCheckTimeout defaults to 5 s; a token fetch alone may take 3 x requestTimeout (30 s) and backoffs
        HealthCheck.Result result = callWithin("producer:redcloud-send", Duration.ofSeconds(8));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage())
                .hasValueSatisfying(m ->
                        assertThat(m).contains("no answer within 5000 ms").doesNotContain(FakeRedCloud.CLIENT_SECRET));
        assertThat(result.getDetails().toString()).doesNotContain(FakeRedCloud.CLIENT_SECRET);
    }

    private HealthCheck.Result callWithin(String id, Duration bound) throws Exception {
        HealthCheck check = producerChecks()
                .filter(c -> c.getId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health check " + id));
        return CompletableFuture.supplyAsync(check::call).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Stream<HealthCheck> producerChecks() {
        return HealthCheckHelper.getHealthCheckRepository(context, "producers").stream()
                .filter(c -> c instanceof RedCloudProducerHealthCheck);
    }

    private static MockResponse stall() {
        return new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build();
    }

    private HealthCheck.Result redCloudCheck() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:redcloud"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no redcloud health check registered"));
    }
}

package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.ForwardProxy;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.WebhookTestSupport;
import mockwebserver3.MockWebServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code startupCheck} against a scripted Red Cloud on a real socket: each finding is a WARN in warn mode and a failed
 * start in fail mode; an outage is a WARN within the bound in both; off makes no call; one check per set of
 * credentials; nothing secret in the lines.
 */
class StartupCheckTest {

    private final FakeRedCloud redCloud = new FakeRedCloud();
    private MockWebServer server;
    private CamelContext context;

    @BeforeEach
    void startServer() throws Exception {
        server = redCloud.start();
    }

    @AfterEach
    void stopAll() {
        if (context != null) {
            context.stop();
        }
        server.close();
    }

    /** One misconfiguration: how Red Cloud is scripted, the endpoint that uses it, and what its line must say. */
    record Finding(String name, Consumer<FakeRedCloud> script, String uri, String expected) {
        @Override
        public String toString() {
            return name;
        }

        boolean webhook() {
            return uri.startsWith("redcloud:webhook");
        }
    }

    static Stream<Finding> findings() {
        return Stream.of(
                new Finding(
                        "token refused",
                        r -> r.script(
                                FakeRedCloud.TOKEN_PATH,
                                FakeRedCloud.json(
                                        401,
                                        "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")),
                        "redcloud:send",
                        "invalid_client"),
                new Finding(
                        "API client not ACTIVE",
                        r -> r.whoami(whoami("SUSPENDED", true, true)),
                        "redcloud:whoami",
                        "apiClientStatus SUSPENDED"),
                new Finding(
                        "sendFrom not one of the numbers",
                        r -> {},
                        "redcloud:send?sendFrom=num_other",
                        "sendFrom=num_other of redcloud:send is not one of this API client's numbers"),
                new Finding(
                        "number not ACTIVE",
                        r -> r.numbers(numbers("PENDING", "A1B2C3", true, true, null, null)),
                        "redcloud:send",
                        "has status PENDING"),
                new Finding(
                        "number not smsEnabled",
                        r -> r.numbers(numbers("ACTIVE", "A1B2C3", false, true, null, null)),
                        "redcloud:send",
                        "is not smsEnabled"),
                new Finding(
                        "number not mmsEnabled for MMS",
                        r -> r.numbers(numbers("ACTIVE", "A1B2C3", true, false, null, null)),
                        "redcloud:send?messageType=MMS",
                        "is not mmsEnabled"),
                new Finding(
                        "number without campaignRegId",
                        r -> r.numbers(numbers("ACTIVE", null, true, true, null, null)),
                        "redcloud:send",
                        "has no campaignRegId"),
                new Finding(
                        "webhook while no delivery webhook",
                        r -> r.whoami(whoami("ACTIVE", false, true))
                                .numbers(numbers("ACTIVE", "A1B2C3", true, true, null, null)),
                        "redcloud:webhook",
                        "deliveryWebhookConfigured is false"),
                new Finding(
                        "webhook while no inbound webhook",
                        r -> r.whoami(whoami("ACTIVE", true, false))
                                .numbers(numbers("ACTIVE", "A1B2C3", true, true, null, null)),
                        "redcloud:webhook",
                        "inboundWebhookConfigured is false"),
                new Finding(
                        "override pointing elsewhere",
                        r -> r.whoami(whoami("ACTIVE", true, true))
                                .numbers(numbers(
                                        "ACTIVE",
                                        "A1B2C3",
                                        true,
                                        true,
                                        null,
                                        "https://hooks.elsewhere.example/their/hook?token=tok_receiver")),
                        "redcloud:webhook",
                        "sends its delivery events to host hooks.elsewhere.example"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void inWarnModeEachFindingIsOneWarnLineAndTheStartGoesOn(Finding finding) throws Exception {
        finding.script().accept(redCloud);
        try (LogCapture logs = new LogCapture()) {
            context = context(StartupCheckMode.warn, finding.webhook(), finding.uri());
            context.start();
            assertThat(context.isStarted()).isTrue();

            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> warnings(logs).stream().anyMatch(l -> l.contains(finding.expected())));
            String line = warnings(logs).stream()
                    .filter(l -> l.contains(finding.expected()))
                    .findFirst()
                    .orElseThrow();
            assertThat(line)
                    .contains("Red Cloud start-up check: ")
                    .contains("[fix: ")
                    .doesNotContain("tok_receiver")
                    .doesNotContain(FakeRedCloud.CLIENT_SECRET);
            // a finding is a line, not a stack trace
            assertThat(line).doesNotContain(" | ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void inFailModeEachFindingStopsTheStart(Finding finding) throws Exception {
        finding.script().accept(redCloud);
        try (LogCapture logs = new LogCapture()) {
            context = context(StartupCheckMode.fail, finding.webhook(), finding.uri());

            assertThatThrownBy(context::start)
                    .hasStackTraceContaining("does not start: Red Cloud's bring-up rules are not met")
                    .hasStackTraceContaining(finding.expected())
                    .hasStackTraceContaining("startupCheck=fail");
            assertThat(logs.text()).doesNotContain(FakeRedCloud.CLIENT_SECRET);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = StartupCheckMode.class,
            names = {"warn", "fail"})
    void anUnreachableRedCloudIsAWarningAndTheStartCompletes(StartupCheckMode mode) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LogCapture logs = new LogCapture()) {
            context = context(mode, false, "redcloud:send?baseUrl=http://127.0.0.1:" + closedPort);
            long start = System.nanoTime();
            context.start();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(context.isStarted()).isTrue();
            assertThat(millis).isLessThan(StartupChecks.BOUND.toMillis() + 1500);
            await().atMost(StartupChecks.BOUND.plusSeconds(2))
                    .until(() -> warnings(logs).stream()
                            .anyMatch(l -> l.contains(
                                    "could not check the client context with Red Cloud at 127.0.0.1:" + closedPort)));
        }
    }

    @Test
    void aRedCloudThatDoesNotAnswerHoldsTheStartAtMostTheBound() throws Exception {
        redCloud.tokenDelay(30_000);
        try (LogCapture logs = new LogCapture()) {
            context = context(StartupCheckMode.fail, false, "redcloud:send");
            long start = System.nanoTime();
            context.start();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(context.isStarted()).isTrue();
            assertThat(millis).isBetween(StartupChecks.BOUND.toMillis() - 500, StartupChecks.BOUND.toMillis() + 1500);
            assertThat(warnings(logs)).anyMatch(l -> l.contains("did not answer the start-up check within 5 s"));
        }
    }

    @Test
    void offMakesNoCall() throws Exception {
        context = context(StartupCheckMode.off, true, "redcloud:send", "redcloud:whoami", "redcloud:webhook");
        context.start();
        Thread.sleep(500);

        assertThat(redCloud.allRequests()).isEmpty();
    }

    @Test
    void theInfoLineSaysWhoWeAreAndHoldsNoSecret() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            context = context(StartupCheckMode.warn, false, "redcloud:send");
            context.start();

            await().atMost(10, TimeUnit.SECONDS).until(() -> logs.text().contains("Red Cloud start-up check at"));
            String info = List.of(logs.text().split("\n")).stream()
                    .filter(l -> l.contains("Red Cloud start-up check at"))
                    .collect(Collectors.joining("\n"));
            assertThat(info.lines()).hasSize(1);
            assertThat(info)
                    .contains(
                            "127.0.0.1:" + server.getPort(),
                            "'Test client'",
                            "status ACTIVE",
                            "[numbers:read, numbers:search]",
                            "num_abc123 (+15551234567 ACTIVE, SMS on, MMS on, campaign A1B2C3)");
            String all = logs.text();
            assertThat(all)
                    .doesNotContain(FakeRedCloud.CLIENT_SECRET)
                    .doesNotContain(FakeRedCloud.basic(FakeRedCloud.CLIENT_ID, FakeRedCloud.CLIENT_SECRET)
                            .substring(6));
            assertThat(redCloud.issuedTokenValues())
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(all).doesNotContain(t));
            // a clean check leaves no WARN
            assertThat(warnings(logs)).noneMatch(l -> l.contains("start-up check"));
        }
    }

    @Test
    void endpointsWithTheSameCredentialsShareOneWhoamiAndOneNumbersCall() throws Exception {
        context = context(
                StartupCheckMode.warn,
                false,
                "redcloud:send",
                "redcloud:send?messageType=MMS",
                "redcloud:whoami",
                "redcloud:numbers?startupCheck=fail",
                // other credentials: a check of their own
                "redcloud:send?clientSecret=rc_secret_other");
        context.start();
        List<RedCloudEndpoint> endpoints = redCloudEndpoints();
        assertThat(endpoints).hasSize(5);
        StartupChecks checks =
                context.getComponent("redcloud", RedCloudComponent.class).startupChecks();
        for (RedCloudEndpoint e : endpoints) {
            assertThat(checks.result(e).get(10, TimeUnit.SECONDS)).isEmpty();
        }

        assertThat(redCloud.requests("/api/core/whoami")).hasSize(2);
        assertThat(redCloud.requests("/api/core/numbers")).hasSize(2);
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH)).hasSize(2);
    }

    @Test
    void theFindingsFeedTheHealthCheckDetails() throws Exception {
        context = context(StartupCheckMode.warn, false, "redcloud:send?sendFrom=num_other");
        context.start();
        RedCloudEndpoint endpoint = redCloudEndpoints().get(0);
        RedCloudComponent component = context.getComponent("redcloud", RedCloudComponent.class);
        component.startupChecks().result(endpoint).get(10, TimeUnit.SECONDS);

        Map<String, Object> details = component.startupCheckDetails(endpoint);
        assertThat(details).containsEntry("redcloud.startupCheck", "1 finding(s)");
        assertThat(details.get("redcloud.startupCheck.findings").toString()).contains("sendFrom=num_other");
    }

    @Test
    void aProxyRefusingTheCredentialsWith407FailsTheStartInFailMode() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringCredentials("proxy-user", "proxy-password");
                LogCapture logs = new LogCapture()) {
            context = context(
                    StartupCheckMode.fail,
                    false,
                    "redcloud:whoami?proxyHost=127.0.0.1&proxyPort=" + proxy.port()
                            + "&proxyAuthUsername=proxy-user&proxyAuthPassword=RAW(not-the-password)");

            assertThatThrownBy(context::start)
                    .hasStackTraceContaining("does not start: Red Cloud's bring-up rules are not met")
                    .hasStackTraceContaining("407")
                    .hasStackTraceContaining("[fix: proxyAuthUsername, proxyAuthPassword]");
            assertThat(logs.text()).doesNotContain("not-the-password").doesNotContain("start-up goes on");
        }
    }

    @Test
    void everyDefiniteFindingOfTheStartIsInOneFailureAndEachIsOneWarnLine() throws Exception {
        // two endpoints, two misconfigurations: the first start shows both, not one per restart
        redCloud.numbers(numbers("ACTIVE", "A1B2C3", true, false, null, null));
        try (LogCapture logs = new LogCapture()) {
            context = context(
                    StartupCheckMode.fail, false, "redcloud:send?sendFrom=num_other", "redcloud:send?messageType=MMS");

            Throwable failure = catchThrowable(context::start);

            assertThat(failure)
                    .hasStackTraceContaining("2 finding(s)")
                    .hasStackTraceContaining(
                            "sendFrom=num_other of redcloud:send is not one of this API client's" + " numbers")
                    .hasStackTraceContaining("is not mmsEnabled");
            Throwable cause = failure;
            while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause.getStackTrace())
                    .as("no stack trace repeated for a configuration finding")
                    .isEmpty();
            // one WARN of ours per finding; the rest is Camel's report of the failed start
            List<String> ours = warnings(logs).stream()
                    .filter(l -> l.startsWith("live.redcloud"))
                    .toList();
            assertThat(ours.stream().filter(l -> l.contains("num_other"))).hasSize(1);
            assertThat(ours.stream().filter(l -> l.contains("is not mmsEnabled")))
                    .hasSize(1);
        }
    }

    @Test
    void aWebhookWithoutCredentialsIsSkippedWithADebugLine() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            context = context(StartupCheckMode.fail, true, "redcloud:webhook");
            RedCloudComponent component = context.getComponent("redcloud", RedCloudComponent.class);
            component.getConfiguration().setBaseUrl(null);
            component.getConfiguration().setClientId(null);
            context.start();

            assertThat(logs.text()).contains("Red Cloud start-up check skipped for redcloud:webhook");
            assertThat(redCloud.allRequests()).isEmpty();
        }
    }

    private CamelContext context(StartupCheckMode mode, boolean http, String... uris) throws Exception {
        DefaultCamelContext ctx = new DefaultCamelContext();
        RedCloudComponent component = redCloud.component(server);
        component.getConfiguration().setStartupCheck(mode);
        component.getConfiguration().setSigningSecret(WebhookTestSupport.SECRET);
        ctx.addComponent("redcloud", component);
        if (http) {
            ctx.addService(WebhookTestSupport.platformHttpServer(AvailablePortFinder.getNextAvailable()));
        }
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                int i = 0;
                for (String uri : uris) {
                    if (uri.startsWith("redcloud:webhook")) {
                        from(uri).log("${body}");
                    } else {
                        from("direct:r" + i++).to(uri);
                    }
                }
            }
        });
        return ctx;
    }

    private List<RedCloudEndpoint> redCloudEndpoints() {
        return context.getEndpoints().stream()
                .filter(RedCloudEndpoint.class::isInstance)
                .map(RedCloudEndpoint.class::cast)
                .collect(Collectors.toList());
    }

    private static List<String> warnings(LogCapture logs) {
        return logs.atLeast(Level.WARN);
    }

    static String whoami(String status, boolean delivery, boolean inbound) {
        return "{\"apiClientId\":\"" + FakeRedCloud.CLIENT_ID + "\",\"apiClientName\":\"Test client\","
                + "\"apiClientStatus\":\"" + status + "\",\"capabilities\":[\"numbers:read\"],"
                + "\"inboundWebhookConfigured\":" + inbound + ",\"deliveryWebhookConfigured\":" + delivery + "}";
    }

    static String numbers(
            String status, String campaign, boolean sms, boolean mms, String inboundOverride, String deliveryOverride) {
        return "{\"numbers\":[{\"numberId\":\"num_abc123\",\"e164\":\"+15551234567\",\"status\":\"" + status + "\","
                + "\"campaignRegId\":" + quoted(campaign) + ",\"smsEnabled\":" + sms + ",\"mmsEnabled\":" + mms
                + ",\"webhookInboundOverride\":" + quoted(inboundOverride) + ",\"webhookDeliveryOverride\":"
                + quoted(deliveryOverride) + "}]}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}

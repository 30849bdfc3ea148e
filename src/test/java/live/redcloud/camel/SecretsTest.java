package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.ForwardProxy;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Neither the client secret nor any token nor the proxy credentials may show up in logs, exceptions or endpoint URIs.
 */
class SecretsTest extends RedCloudTestSupport {

    private static final String URI_SECRET = "uri_secret_Zq81xK";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .routeId("secret-route")
                        .to("redcloud:send?to=%2B15551234567&clientSecret=RAW(" + URI_SECRET + ")")
                        .log("sent ${body} ${headers}");
                from("direct:badToken").to("redcloud:whoami?clientSecret=RAW(" + URI_SECRET + ")");
            }
        };
    }

    @Test
    void aFullSendWithDebugLoggingLeaksNoSecretOrToken() throws Exception {
        // the fake accepts any secret; this endpoint uses its own secret from the URI
        Exchange failed;
        Exchange sent;
        Exchange refused;
        try (LogCapture logs = new LogCapture()) {
            // a retry, a dropped connection and a 401 on the way, so every log path runs
            redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(500, "SERVER_ERROR", "x", "req_1"));
            redCloud.script(
                    FakeRedCloud.SEND_PATH,
                    new MockResponse.Builder()
                            .onResponseStart(new SocketEffect.CloseSocket())
                            .build());
            sent = template.request("direct:send", e -> e.getMessage().setBody("hello"));
            redCloud.revokeTokens();
            template.request("direct:send", e -> e.getMessage().setBody("again"));
            redCloud.script(FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(403, "FORBIDDEN", "no", "req_2"));
            failed = template.request("direct:send", e -> e.getMessage().setBody("denied"));
            redCloud.script(
                    FakeRedCloud.TOKEN_PATH,
                    FakeRedCloud.json(
                            401,
                            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
            context.getComponent("redcloud", RedCloudComponent.class)
                    .getTokenManager()
                    .clear();
            refused = template.request("direct:badToken", e -> {});

            assertThat(logs.size()).isGreaterThan(10);
            String text = logs.text();
            for (String secret : secrets()) {
                assertThat(text).as("log output").doesNotContain(secret);
            }
            assertThat(text).contains("Idempotency-Key");
        }
        assertThat(sent.getException()).isNull();
        assertThat(failed.getException()).isNotNull();
        assertThat(refused.getException()).isNotNull();
        for (Exchange exchange : new Exchange[] {failed, refused}) {
            for (String secret : secrets()) {
                assertThat(String.valueOf(exchange.getException())).doesNotContain(secret);
            }
        }
    }

    @Test
    void endpointUrisAsCamelShowsThemAreMasked() {
        for (Endpoint endpoint : context.getEndpoints()) {
            assertThat(endpoint.toString()).doesNotContain(URI_SECRET);
        }
        Endpoint endpoint = context.getRoute("secret-route").getEndpoint().getCamelContext().getEndpoints().stream()
                .filter(e -> e.getEndpointUri().startsWith("redcloud"))
                .findFirst()
                .orElseThrow();
        assertThat(endpoint.toString()).contains("redcloud://send").contains("clientSecret=xxxxxx");
        RedCloudEndpoint redcloud = (RedCloudEndpoint) endpoint;
        assertThat(redcloud.getConfiguration().toString())
                .doesNotContain(URI_SECRET)
                .doesNotContain(FakeRedCloud.CLIENT_SECRET);
    }

    @Test
    void proxyCredentialsStayOutOfLogsExceptionsAndUris() throws Exception {
        String user = "proxy_user_Vb7";
        String password = "proxy_secret_Hn42";
        Exchange refused;
        String text;
        try (ForwardProxy proxy = ForwardProxy.requiringCredentials(user, password);
                LogCapture logs = new LogCapture()) {
            String uri = "redcloud:whoami?proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&proxyAuthUsername=" + user
                    + "&proxyAuthPassword=RAW(" + password + ")";
            template.requestBody(uri, (Object) null);
            // a wrong password that contains the right one, refused by the proxy
            refused = template.request(uri.replace(password, password + "_old"), e -> {});
            assertThat(proxy.refused()).isEqualTo(1);
            text = logs.text();
        }
        String basic = FakeRedCloud.basic(user, password).substring(6);
        assertThat(refused.getException()).isNotNull();
        assertThat(String.valueOf(refused.getException()))
                .doesNotContain(password)
                .doesNotContain(user);
        assertThat(text).as("log output").doesNotContain(password).doesNotContain(basic);
        for (Endpoint endpoint : context.getEndpoints()) {
            assertThat(endpoint.toString()).doesNotContain(password).doesNotContain(user);
            if (endpoint instanceof RedCloudEndpoint redcloud) {
                assertThat(redcloud.getConfiguration().toString())
                        .doesNotContain(password)
                        .doesNotContain(user);
            }
        }
    }

    private Set<String> secrets() {
        java.util.Set<String> all = new java.util.HashSet<>(redCloud.issuedTokenValues());
        for (var r : redCloud.allRequests()) {
            String auth = r.getHeaders().get("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                all.add(auth.substring(7));
            }
        }
        assertThat(all).isNotEmpty();
        all.add(URI_SECRET);
        all.add(FakeRedCloud.CLIENT_SECRET);
        // the Basic credentials as sent on the wire
        all.add(FakeRedCloud.basic(FakeRedCloud.CLIENT_ID, URI_SECRET).substring(6));
        return all;
    }
}

package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenLifecycleTest extends RedCloudTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?to=%2B15551234567");
                from("direct:whoami").to("redcloud:whoami");
            }
        };
    }

    @Test
    void concurrentSendsOnAColdComponentShareOneTokenRequest() throws Exception {
        redCloud.tokenDelay(300);
        List<CompletableFuture<Object>> sends = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sends.add(template.asyncRequestBody("direct:send", "hello " + i));
        }
        for (CompletableFuture<Object> send : sends) {
            send.get(20, TimeUnit.SECONDS);
        }
        assertThat(redCloud.tokensIssued()).isEqualTo(1);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(64);
    }

    @Test
    void tokenIsReplacedInTheBackgroundWhenItEntersTheRefreshMargin() {
        template.requestBody("direct:whoami", (Object) null);
        Instant firstExpiry = component().getTokenManager().status().get(0).expiresAt();
        clock.advance(Duration.ofSeconds(3600 - 61));
        template.requestBody("direct:whoami", (Object) null);
        assertThat(redCloud.tokensIssued()).as("still outside the 60 s margin").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        template.requestBody("direct:whoami", (Object) null);
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> firstExpiry.isBefore(
                        component().getTokenManager().status().get(0).expiresAt()));
        template.requestBody("direct:whoami", (Object) null);

        assertThat(redCloud.tokensIssued())
                .as("inside the margin: refreshed once")
                .isEqualTo(2);
        List<String> bearers = redCloud.requests("/api/core/whoami").stream()
                .map(r -> r.getHeaders().get("Authorization"))
                .toList();
        assertThat(bearers.get(2)).as("the valid token, while the refresh runs").isEqualTo(bearers.get(0));
        assertThat(bearers.get(3)).as("the refreshed token").isNotEqualTo(bearers.get(0));
    }

    @Test
    void unauthorizedEvictsTheTokenAndRetriesOnce() {
        template.requestBody("direct:whoami", (Object) null);
        redCloud.revokeTokens();

        WhoAmI me = template.requestBody("direct:whoami", null, WhoAmI.class);

        assertThat(me.getApiClientId()).isEqualTo(FakeRedCloud.CLIENT_ID);
        assertThat(redCloud.tokensIssued()).isEqualTo(2);
        assertThat(redCloud.requests("/api/core/whoami")).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<html>sign in at the portal</html>|token response without access_token",
                "{\"token_type\":\"bearer\",\"expires_in\":3600}|token response without access_token",
                "{\"access_token\":\"\",\"token_type\":\"bearer\"}|token response without access_token",
                "{\"access_token\":\"tok_mac_1\",\"token_type\":\"mac\"}|unsupported token_type mac"
            })
    void aTokenAnswerWithoutABearerTokenIsATypedErrorThatKeepsTheBodyOut(String body, String reason) {
        redCloud.script(FakeRedCloud.TOKEN_PATH, FakeRedCloud.json(200, body));

        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:whoami", (Object) null));

        assertThat(e.getCause())
                .isInstanceOf(RedCloudAuthenticationException.class)
                .hasMessageContaining("HTTP 200")
                .hasMessageContaining(reason)
                .hasMessageNotContaining("sign in")
                .hasMessageNotContaining("tok_mac_1");
        assertThat(redCloud.requests("/api/core/whoami"))
                .as("no call without a token")
                .isEmpty();
        // the next call fetches again and works: nothing bad was cached
        assertThat(template.requestBody("direct:whoami", null, WhoAmI.class).getApiClientId())
                .isEqualTo(FakeRedCloud.CLIENT_ID);
    }

    @Test
    void secondUnauthorizedIsATypedErrorNotALoop() {
        redCloud.script(
                "/api/core/whoami",
                FakeRedCloud.coreError(401, "UNAUTHORIZED", "Invalid or missing bearer token", "req_auth_001"));
        redCloud.script(
                "/api/core/whoami",
                FakeRedCloud.coreError(401, "UNAUTHORIZED", "Invalid or missing bearer token", "req_auth_002"));

        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:whoami", (Object) null));

        RedCloudApiException error = (RedCloudApiException) e.getCause();
        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(error.getRequestId()).isEqualTo("req_auth_002");
        assertThat(redCloud.requests("/api/core/whoami")).hasSize(2);
        assertThat(redCloud.tokensIssued()).isEqualTo(2);
    }

    @Test
    void concurrentCallsRejectedWithTheSameStaleTokenFetchOneNewToken() throws Exception {
        template.requestBody("direct:whoami", (Object) null);
        redCloud.revokeTokens();
        redCloud.tokenDelay(300);

        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(template.asyncRequestBody("direct:whoami", null));
        }
        for (CompletableFuture<Object> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS)).isInstanceOf(WhoAmI.class);
        }
        assertThat(redCloud.tokensIssued()).isEqualTo(2);
    }

    @Test
    void invalidClientIsNotRetried() {
        redCloud.script(
                FakeRedCloud.TOKEN_PATH,
                FakeRedCloud.json(
                        401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));

        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:whoami", (Object) null));

        RedCloudAuthenticationException error = (RedCloudAuthenticationException) e.getCause();
        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getError()).isEqualTo("invalid_client");
        assertThat(error.getErrorDescription()).isEqualTo("Client authentication failed");
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH)).hasSize(1);
        assertThat(redCloud.requests("/api/core/whoami")).isEmpty();
    }

    @Test
    void tokenEndpointServerErrorsAreRetriedWithBackoff() {
        redCloud.script(
                FakeRedCloud.TOKEN_PATH,
                FakeRedCloud.json(503, "{\"error\":\"server_error\",\"error_description\":\"try later\"}"));
        redCloud.script(
                FakeRedCloud.TOKEN_PATH,
                new MockResponse.Builder()
                        .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket())
                        .build());

        WhoAmI me = template.requestBody("direct:whoami", null, WhoAmI.class);

        assertThat(me.getApiClientStatus()).isEqualTo("ACTIVE");
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH)).hasSize(3);
    }

    @Test
    void failedTokenFetchIsNotCached() {
        redCloud.script(
                FakeRedCloud.TOKEN_PATH,
                FakeRedCloud.json(
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"client_id and client_secret are required\"}"));
        assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:whoami", (Object) null));

        assertThat(template.requestBody("direct:whoami", (Object) null)).isInstanceOf(WhoAmI.class);
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH)).hasSize(2);
    }
}

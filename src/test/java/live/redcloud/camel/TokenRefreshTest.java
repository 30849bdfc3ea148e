package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.model.RedCloudException;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Issue 9, item 5: a token refresh inside the margin never makes a send wait while the cached token is valid. */
class TokenRefreshTest extends RedCloudTestSupport {

    /** Inside the default 60 s margin of a 3600 s token, still valid for 30 s. */
    private static final Duration INTO_THE_MARGIN = Duration.ofSeconds(3600 - 30);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("redcloud:send?to=%2B15551234567");
            }
        };
    }

    @Test
    void aHangingRefreshDoesNotStallSendsOnAValidToken() throws Exception {
        send("first");
        clock.advance(INTO_THE_MARGIN);
        // the token endpoint accepts the request and never answers
        redCloud.script(
                FakeRedCloud.TOKEN_PATH,
                new MockResponse.Builder()
                        .onResponseStart(SocketEffect.Stall.INSTANCE)
                        .build());

        long started = System.nanoTime();
        List<CompletableFuture<Object>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sends.add(template.asyncRequestBody("direct:send", "inside the margin " + i));
        }
        for (CompletableFuture<Object> s : sends) {
            assertThat(s.get(5, TimeUnit.SECONDS)).isInstanceOf(SendMessageResponse.class);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(21);
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> redCloud.requests(FakeRedCloud.TOKEN_PATH).size() >= 2);
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH))
                .as("the first fetch and one refresh")
                .hasSize(2);
        String firstBearer =
                redCloud.requests(FakeRedCloud.SEND_PATH).get(0).getHeaders().get("Authorization");
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH))
                .allMatch(r -> firstBearer.equals(r.getHeaders().get("Authorization")));
    }

    @Test
    void aFailedRefreshBacksOffInsteadOfOneFetchPerSend() {
        send("first");
        clock.advance(INTO_THE_MARGIN);
        // invalid_request is not retried by the token fetch: one HTTP request per refresh attempt
        for (int i = 0; i < 50; i++) {
            redCloud.script(
                    FakeRedCloud.TOKEN_PATH,
                    FakeRedCloud.json(
                            400, "{\"error\":\"invalid_request\",\"error_description\":\"try again later\"}"));
        }

        for (int i = 0; i < 30; i++) {
            send("inside the backoff window " + i);
        }
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH))
                .as("the first fetch and one failed refresh")
                .hasSize(2);

        // 1 s later the backoff allows the next refresh; Red Cloud answers this time
        clock.advance(Duration.ofSeconds(1));
        redCloud.unscript(FakeRedCloud.TOKEN_PATH);
        send("after the backoff");
        await().atMost(5, TimeUnit.SECONDS).until(() -> redCloud.tokensIssued() == 2);
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH)).hasSize(3);
    }

    @Test
    void onceTheTokenExpiredSendsWaitForAFetchAndFailTyped() {
        send("first");
        clock.advance(INTO_THE_MARGIN);
        for (int i = 0; i < 50; i++) {
            redCloud.script(
                    FakeRedCloud.TOKEN_PATH,
                    FakeRedCloud.json(
                            400, "{\"error\":\"invalid_request\",\"error_description\":\"try again later\"}"));
        }
        send("inside the margin, refresh fails in the background");
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> redCloud.requests(FakeRedCloud.TOKEN_PATH).size() == 2);

        // expired, and still inside the backoff window of the failed refresh: a caller waits on a fetch of its own
        clock.advance(Duration.ofSeconds(31));
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> send("after expiry"));

        assertThat(e.getCause())
                .isInstanceOf(RedCloudException.class)
                .isInstanceOf(RedCloudAuthenticationException.class);
        assertThat(((RedCloudAuthenticationException) e.getCause()).getError()).isEqualTo("invalid_request");
        assertThat(redCloud.requests(FakeRedCloud.TOKEN_PATH)).hasSize(3);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH))
                .as("no send with an expired token")
                .hasSize(2);
    }

    private void send(String text) {
        template.requestBody("direct:send", text);
    }
}

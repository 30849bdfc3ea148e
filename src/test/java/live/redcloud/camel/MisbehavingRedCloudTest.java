package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.model.RedCloudConnectionException;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A Red Cloud that misbehaves on purpose: every case ends in bounded time with a typed error, and the next calls work.
 */
class MisbehavingRedCloudTest extends RedCloudTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:send").to("redcloud:send?to=%2B15551234567&requestTimeout=1000&maxRetries=1");
                from("direct:sendSmallCap").to("redcloud:send?to=%2B15551234567&maxResponseSize=4096");
                from("direct:sendBackoff").to("redcloud:send?to=%2B15551234567&maxRetries=2&retryBackoff=400");
                from("direct:whoami").to("redcloud:whoami");
                from("direct:onePooledConnection")
                        .to("redcloud:whoami?maxConnections=1&connectTimeout=300&maxRetries=0");
            }
        };
    }

    @Test
    void aTricklingAnswerIsCutByRequestTimeout() {
        // 90 bytes, one every 200 ms: requestTimeout used to measure only silence, so this took 18 s an attempt
        redCloud.script(FakeRedCloud.SEND_PATH, trickle());
        redCloud.script(FakeRedCloud.SEND_PATH, trickle());

        long start = System.nanoTime();
        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(out.getException())
                .isInstanceOf(RedCloudConnectionException.class)
                .hasMessageContaining("requestTimeout (1000 ms)")
                .hasMessageContaining("after 2 attempts");
        // two attempts of 1 s each, a short backoff between them: far from 2 x 18 s
        assertThat(millis).isBetween(1900L, 8000L);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(2);
    }

    private static MockResponse trickle() {
        return new MockResponse.Builder()
                .code(202)
                .setHeader("Content-Type", "application/json")
                .body(
                        "{\"results\":[{\"to\":\"+15551234567\",\"messageId\":\"msg_1\",\"status\":\"QUEUED\"}],\"errors\":[]}")
                .throttleBody(1, 200, TimeUnit.MILLISECONDS)
                .build();
    }

    @Test
    void anAnswerLargerThanMaxResponseSizeIsAbandonedAndNotRetried() {
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                new MockResponse.Builder()
                        .code(202)
                        .setHeader("Content-Type", "application/json")
                        .body(zeros(10_000_000))
                        .build());

        Exchange out =
                template.request("direct:sendSmallCap", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException())
                .isInstanceOf(RedCloudApiException.class)
                .hasMessageContaining("larger than maxResponseSize (4096 bytes)")
                .hasMessageContaining("HTTP 202");
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(1);
        // the connection was dropped, not reused half-read: the next send works
        Exchange next =
                template.request("direct:sendSmallCap", e -> e.getMessage().setBody("hello again"));
        assertThat(next.getException()).isNull();
    }

    /** A body streamed from nothing: the test server never holds it in memory. */
    static MockResponseBody zeros(long length) {
        return new MockResponseBody() {
            @Override
            public long getContentLength() {
                return length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] chunk = new byte[64 * 1024];
                for (long left = length; left > 0; left -= chunk.length) {
                    sink.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
        };
    }

    @Test
    void negativeAndGarbageRetryAfterKeepTheBackoff() {
        // "-5" and "soon" must not turn the pause off: 3 attempts within 8 ms is what -5 used to give
        redCloud.script(FakeRedCloud.SEND_PATH, rateLimited("-5"));
        redCloud.script(FakeRedCloud.SEND_PATH, rateLimited("soon"));

        long start = System.nanoTime();
        Exchange out =
                template.request("direct:sendBackoff", e -> e.getMessage().setBody("hello"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(out.getException()).isNull();
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(3);
        // retry 1 waits 200-400 ms, retry 2 400-800 ms
        assertThat(millis).isGreaterThanOrEqualTo(600);
    }

    private static MockResponse rateLimited(String retryAfter) {
        return new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", retryAfter)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"details\":{}},"
                        + "\"requestId\":\"req_rl\"}")
                .build();
    }

    @Test
    void connectionRefusedIsAConnectionErrorBeforeAndAfterATokenIsCached() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // before: the token request itself is refused, which says nothing about the credentials
        Exchange cold = template.request(
                "redcloud:whoami?maxRetries=1&retryBackoff=10&baseUrl=http://127.0.0.1:" + closedPort, e -> {});
        assertThat(cold.getException())
                .isInstanceOf(RedCloudConnectionException.class)
                .isNotInstanceOf(RedCloudAuthenticationException.class)
                .hasMessageContaining("token request")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("after 2 attempts");

        // after: a token is cached, then Red Cloud goes away
        assertThat(template.request("direct:whoami", e -> {}).getException()).isNull();
        int port = server.getPort();
        server.close();
        Exchange warm = template.request("direct:whoami", e -> {});
        assertThat(warm.getException())
                .isInstanceOf(RedCloudConnectionException.class)
                .hasMessageContaining("whoami")
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("after 3 attempts");
        assertThat(((RedCloudConnectionException) warm.getException()).getAttempts())
                .isEqualTo(3);
    }

    @Test
    void waitingForAPooledConnectionIsBoundedAndTyped() throws Exception {
        // a token first, then the only connection is busy for 3 s: the next call may wait connectTimeout for it,
        // not HttpClient's default of minutes
        assertThat(template.request("direct:onePooledConnection", e -> {}).getException())
                .isNull();
        redCloud.script(
                "/api/core/whoami",
                new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/json")
                        .body("{\"apiClientId\":\"x\"}")
                        .headersDelay(3, TimeUnit.SECONDS)
                        .build());
        var busy = template.asyncSend("direct:onePooledConnection", e -> {});
        Thread.sleep(300);
        long start = System.nanoTime();
        Exchange waiting = template.request("direct:onePooledConnection", e -> {});
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(waiting.getException())
                .isInstanceOf(RedCloudConnectionException.class)
                .hasMessageContaining("after 1 attempt")
                .hasMessageContaining("no connection within connectTimeout");
        assertThat(millis).isLessThan(2500);
        assertThat(busy.get(10, TimeUnit.SECONDS).getException()).isNull();
    }
}

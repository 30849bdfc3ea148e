package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockResponse;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A 50 MB answer in a JVM with a 64 MB heap (this class runs in a forked JVM of its own, see the small-heap execution
 * in the POM): a typed error, and the sends after it succeed. Without the cap the I/O threads died of
 * OutOfMemoryError and every later send failed until a restart.
 */
class SmallHeapLargeAnswerTest extends RedCloudTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").errorHandler(noErrorHandler()).to("redcloud:send?to=%2B15551234567");
            }
        };
    }

    @Test
    void aFiftyMegabyteAnswerIsATypedErrorAndTheNextSendsWork() {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx64m").isLessThan(100L * 1024 * 1024);
        // a 502 would be retried, but an oversized answer never is: the same request gets the same answer
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                new MockResponse.Builder()
                        .code(502)
                        .setHeader("Content-Type", "text/html")
                        .body(MisbehavingRedCloudTest.zeros(50_000_000))
                        .build());

        Exchange huge = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        assertThat(huge.getException())
                .isInstanceOf(RedCloudApiException.class)
                .hasMessageContaining("larger than maxResponseSize");
        for (int i = 0; i < 5; i++) {
            String text = "after " + i;
            assertThat(template.request("direct:send", e -> e.getMessage().setBody(text))
                            .getException())
                    .isNull();
        }
    }
}

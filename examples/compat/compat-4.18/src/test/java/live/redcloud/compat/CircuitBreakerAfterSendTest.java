package live.redcloud.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A {@code circuitBreaker} (Resilience4j) around a nested Red Cloud call after a send, with one pooled connection
 * and 64 callers. camel-resilience4j 4.22 is not served here, so this runs on the 4.18 line, with the 4.22-built
 * component jar. The circuit breaker runs its steps on a copy of the exchange, on the thread that reached it: after
 * the send that is a worker of the component, never an HttpClient I/O thread, so the nested call's answer can
 * always be read and no send Red Cloud accepted comes back as a failure.
 */
class CircuitBreakerAfterSendTest extends RedCloudTestSupport {

    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("redcloud:send?to=%2B15551234567&maxConnections=1")
                        .circuitBreaker()
                        .process(e -> threads.add(Thread.currentThread().getName()))
                        .to("redcloud:whoami?maxConnections=1")
                        .onFallback()
                        .setBody(constant("fallback"))
                        .end()
                        .setHeader("afterBreaker", simple("${body.class.simpleName}"));
            }
        };
    }

    @Test
    void aCircuitBreakerAfterASendWithOneConnectionAndManyCallers() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<Exchange>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                String text = "breaker " + i;
                results.add(callers.submit(() ->
                        template.request("direct:send", e -> e.getMessage().setBody(text))));
            }
            for (Future<Exchange> result : results) {
                Exchange out = result.get(60, TimeUnit.SECONDS);
                assertThat(out.getException()).isNull();
                assertThat(out.getMessage().getBody()).isInstanceOf(WhoAmI.class);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(redCloud.messagesCreated()).isEqualTo(64);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(64);
        assertThat(threads)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t).contains("RedCloudWorker").doesNotContain("httpclient"));
    }
}

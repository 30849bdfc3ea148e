package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.WebhookTestSupport;
import mockwebserver3.MockWebServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook route that answers with a send: the consumer's own store writes after the route (recording the event,
 * releasing the claim) run on the thread that finished the route, which is the component's worker pool, never the
 * HttpClient I/O thread that read the send's answer.
 */
class WebhookReplyThreadsTest extends WebhookTestSupport {

    private final FakeRedCloud redCloud = new FakeRedCloud();
    private final List<String> storeThreads = new CopyOnWriteArrayList<>();
    private MockWebServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = redCloud.start();
        CamelContext context = super.createCamelContext();
        context.addComponent("redcloud", redCloud.component(server));
        context.getRegistry().bind("routed", new MemoryIdempotentRepository() {
            @Override
            public boolean add(String key) {
                storeThreads.add("routed.add: " + Thread.currentThread().getName());
                return super.add(key);
            }
        });
        context.getRegistry().bind("claims", new MemoryIdempotentRepository() {
            @Override
            public boolean remove(String key) {
                storeThreads.add("claims.remove: " + Thread.currentThread().getName());
                return super.remove(key);
            }
        });
        return context;
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/hook&signingSecret=RAW(" + SECRET
                                + ")&idempotentRepository=#routed&claimRepository=#claims")
                        .setBody(constant("Thanks, we got your message"))
                        .to("redcloud:send?to=%2B15551234567");
            }
        };
    }

    @Test
    void theStoreWritesAfterAReplyingRouteRunOnTheWorkerPool() throws Exception {
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_reply", 1);
        String ts = now();

        HttpResponse<String> answer = post(port, "/hook", body, ts, sign(SECRET, ts, body), null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(redCloud.messagesCreated()).isEqualTo(1);
        assertThat(storeThreads)
                .hasSize(2)
                .allSatisfy(t -> assertThat(t).contains("RedCloudWorker").doesNotContain("httpclient"));
    }
}

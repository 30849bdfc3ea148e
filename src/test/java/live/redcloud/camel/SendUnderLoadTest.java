package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes that do work after the send, driven by many callers: every send Red Cloud accepted completes its exchange
 * successfully, and nothing is sent twice, also through a consumer that redelivers failures as fresh exchanges.
 */
class SendUnderLoadTest extends RedCloudTestSupport {

    private static final int CALLERS = 64;
    private static final int SENDS = 2000;
    private static final int FILES = 60;

    @TempDir
    Path orders;

    private final AtomicInteger filesSent = new AtomicInteger();
    private final Set<String> workThreads = ConcurrentHashMap.newKeySet();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // storing the messageId, say: 50 ms of blocking work after every send
                from("direct:sendThenWork")
                        .to("redcloud:send?to=%2B15551234567")
                        .process(e -> {
                            workThreads.add(Thread.currentThread().getName());
                            Thread.sleep(50);
                        });
                // a failed exchange leaves its file in place, and the next poll reads it again as a new exchange
                from("file:" + orders + "?delete=true&initialDelay=0&delay=20&maxMessagesPerPoll=" + FILES)
                        .routeId("orders")
                        .autoStartup(false)
                        .threads(30, 30)
                        .to("redcloud:send?to=%2B15551234567")
                        .process(e -> Thread.sleep(50))
                        .process(e -> filesSent.incrementAndGet());
            }
        };
    }

    @Test
    void manyCallersWithWorkAfterTheSendLoseNothing() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        AtomicInteger next = new AtomicInteger();
        List<Exchange> exchanges = new ArrayList<>();
        // open before the first send: the first such line comes at once, the next only a minute later
        try (LogCapture logs = new LogCapture()) {
            List<Future<List<Exchange>>> results = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                results.add(callers.submit(() -> {
                    List<Exchange> done = new ArrayList<>();
                    for (int i = next.getAndIncrement(); i < SENDS; i = next.getAndIncrement()) {
                        String text = "order " + i + " shipped";
                        done.add(template.request(
                                "direct:sendThenWork", e -> e.getMessage().setBody(text)));
                    }
                    return done;
                }));
            }
            for (Future<List<Exchange>> r : results) {
                exchanges.addAll(r.get(5, TimeUnit.MINUTES));
            }
            // the blocking work ran on the component's worker pool, grown to the callers: never on an I/O thread,
            // and the pool never had to refuse
            assertThat(workThreads).allSatisfy(name -> assertThat(name).contains("RedCloudWorker"));
            assertThat(workThreads.size()).isGreaterThan(10);
            assertThat(logs.text()).doesNotContain("continuation(s) since the last such line");
        } finally {
            callers.shutdown();
        }

        List<String> failures = exchanges.stream()
                .filter(e -> e.getException() != null)
                .map(e -> String.valueOf(e.getException()))
                .distinct()
                .limit(3)
                .toList();
        assertThat(failures).as("failed exchanges").isEmpty();
        assertThat(exchanges)
                .hasSize(SENDS)
                .allSatisfy(e -> assertThat(e.getMessage().getHeader(RedCloudConstants.MESSAGE_ID))
                        .isNotNull());
        assertThat(redCloud.messagesCreated()).isEqualTo(SENDS);
    }

    @Test
    void aConsumerThatRedeliversFailuresSendsEachOrderOnce() throws Exception {
        for (int i = 0; i < FILES; i++) {
            Files.writeString(orders.resolve("order-" + i + ".txt"), "order " + i + " shipped", StandardCharsets.UTF_8);
        }
        context.getRouteController().startRoute("orders");

        await().atMost(2, TimeUnit.MINUTES)
                .pollInterval(50, TimeUnit.MILLISECONDS)
                .untilAsserted(() -> {
                    try (var left = Files.list(orders)) {
                        assertThat(left.filter(p -> p.getFileName().toString().startsWith("order-")))
                                .isEmpty();
                    }
                    assertThat(context.getInflightRepository().size()).isZero();
                });

        assertThat(filesSent.get()).isEqualTo(FILES);
        assertThat(redCloud.messagesCreated())
                .as("messages for " + FILES + " orders")
                .isEqualTo(FILES);
    }
}

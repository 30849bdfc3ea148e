package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.model.RedCloudSendOutcomeUnknownException;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Which thread runs the user's route after a Red Cloud call, and that no blocking step, delayed redelivery, nested
 * call or evicted producer there stalls the calls of others: the route never runs on an HttpClient I/O thread or the
 * component's timer.
 */
class SendThreadsTest extends RedCloudTestSupport {

    private static final String SEND = "redcloud:send?to=%2B15551234567";

    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final List<String> redeliveryThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService userPool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "user-pool-" + System.nanoTime());
        t.setDaemon(true);
        return t;
    });

    @Override
    protected RouteBuilder createRouteBuilder() {
        context.getRegistry().bind("userPool", userPool);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(SEND).process(e -> record(e, "after"));

                from("direct:timeout")
                        .onException(Exception.class)
                        .handled(true)
                        .process(e -> record(e, "onException"))
                        .end()
                        .to(SEND + "&requestTimeout=300&maxRetries=0");

                from("direct:redeliver")
                        .errorHandler(defaultErrorHandler()
                                .maximumRedeliveries(1)
                                .redeliveryDelay(3000)
                                .onRedelivery(e -> redeliveryThreads.add(
                                        Thread.currentThread().getName())))
                        .to(SEND + "&maxRetries=0");

                // one pooled connection, shared by the send and the nested whoami (same connection settings)
                from("direct:nested")
                        .to(SEND + "&maxConnections=1")
                        .process(e -> e.getMessage()
                                .setHeader(
                                        "whoami",
                                        template.requestBody("redcloud:whoami?maxConnections=1", null, WhoAmI.class)));

                from("direct:toD").to(SEND).toD("redcloud:whoami?connectTimeout=${header.n}", 2);

                from("direct:recipientList")
                        .to(SEND)
                        .recipientList(simple("redcloud:numbers?connectTimeout=${header.n}"))
                        .cacheSize(2);
            }
        };
    }

    private void record(Exchange exchange, String step) {
        threads.add(step + ": " + Thread.currentThread().getName());
        exchange.getMessage().setHeader("thread", Thread.currentThread().getName());
    }

    private static void assertWorker(String thread) {
        assertThat(thread)
                .contains("RedCloudWorker")
                .doesNotContain("httpclient")
                .doesNotContain("RedCloudTimer");
    }

    @Test
    void afterAnAnswerTheRouteContinuesOnTheWorkerPool() {
        Exchange out = template.request("direct:send", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertWorker(out.getMessage().getHeader("thread", String.class));
    }

    @Test
    void afterATimeoutOnExceptionRunsOnTheWorkerPoolWithAnOutcomeUnknownErrorAndItsKey() {
        redCloud.sendDelay(3000);

        Exchange out = template.request("direct:timeout", e -> e.getMessage().setBody("slow"));

        assertWorker(out.getMessage().getHeader("thread", String.class));
        Exception failure = out.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(failure).isInstanceOf(RedCloudSendOutcomeUnknownException.class);
        String key = out.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY_USED, String.class);
        assertThat(key).isNotNull();
        assertThat(((RedCloudSendOutcomeUnknownException) failure).getIdempotencyKey())
                .isEqualTo(key);
    }

    @Test
    void synchronousContinuesOnTheCallersThreadAfterAnAnswerAndAfterATimeout() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sync").to(SEND + "&synchronous=true").process(e -> record(e, "after"));
                from("direct:syncTimeout")
                        .onException(Exception.class)
                        .handled(true)
                        .process(e -> record(e, "onException"))
                        .end()
                        .to(SEND + "&synchronous=true&requestTimeout=300&maxRetries=0");
            }
        });
        ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-caller"));
        try {
            Exchange answered = caller.submit(() ->
                            template.request("direct:sync", e -> e.getMessage().setBody("hello")))
                    .get(10, TimeUnit.SECONDS);
            assertThat(answered.getException()).isNull();
            assertThat(answered.getMessage().getHeader("thread")).isEqualTo("the-caller");

            redCloud.sendDelay(3000);
            Exchange timedOut = caller.submit(() -> template.request(
                            "direct:syncTimeout", e -> e.getMessage().setBody("slow")))
                    .get(10, TimeUnit.SECONDS);
            assertThat(timedOut.getMessage().getHeader("thread")).isEqualTo("the-caller");
            assertThat(timedOut.getProperty(Exchange.EXCEPTION_CAUGHT))
                    .isInstanceOf(RedCloudSendOutcomeUnknownException.class);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aUserWorkerPoolIsUsedAndNotShutDownByTheComponent() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:userPool").to(SEND + "&workerPool=#userPool").process(e -> record(e, "after"));
            }
        });
        Exchange out = template.request("direct:userPool", e -> e.getMessage().setBody("hello"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader("thread", String.class)).startsWith("user-pool-");
        context.stop();
        assertThat(userPool.isShutdown()).isFalse();
        userPool.shutdownNow();
    }

    @Test
    void aDelayedRedeliveryStallsNoOtherSend() throws Exception {
        // 8 sends fail once with a 500 and wait 3 s for Camel's redelivery
        for (int i = 0; i < 8; i++) {
            redCloud.script(
                    FakeRedCloud.SEND_PATH, FakeRedCloud.coreError(500, "INTERNAL", "try again", "req_500_" + i));
        }
        List<CompletableFuture<Exchange>> failing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String text = "failing once " + i;
            failing.add(
                    template.asyncSend("direct:redeliver", e -> e.getMessage().setBody(text)));
        }
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> redCloud.requests(FakeRedCloud.SEND_PATH).size() == 8);

        // 20 unrelated sends meanwhile: all answered while the 8 still wait for their redelivery
        for (int i = 0; i < 20; i++) {
            int n = i;
            Exchange out = template.request("direct:send", e -> e.getMessage().setBody("unrelated " + n));
            assertThat(out.getException()).isNull();
        }
        assertThat(redeliveryThreads).as("no redelivery has happened yet").isEmpty();
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(28);

        for (CompletableFuture<Exchange> f : failing) {
            assertThat(f.get(20, TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(redeliveryThreads).hasSize(8).allSatisfy(SendThreadsTest::assertWorker);
        assertThat(redCloud.messagesCreated()).isEqualTo(28);
    }

    @Test
    void aNestedSynchronousCallAfterASendWithOneConnectionAndManyCallers() throws Exception {
        List<Exchange> exchanges = callers(16, 64, "direct:nested");

        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader("whoami")).isInstanceOf(WhoAmI.class);
        });
        assertThat(redCloud.messagesCreated()).isEqualTo(64);
    }

    @Test
    void aProducerStoppedWithCallsInFlightWaitsForNoneAndFailsNone() throws Exception {
        // what a toD, recipientList or ProducerTemplate cache does when it evicts a producer: stop it while the
        // context runs, here from a worker thread of the component with 50 of its sends in flight
        redCloud.sendDelay(300);
        Endpoint endpoint = context.getEndpoint(SEND);
        AsyncProducer producer = (AsyncProducer) endpoint.createProducer();
        producer.start();
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Exchange exchange = endpoint.createExchange();
            exchange.getMessage().setBody("evicted " + i);
            CompletableFuture<Exchange> done = new CompletableFuture<>();
            producer.process(exchange, doneSync -> done.complete(exchange));
            sends.add(done);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> redCloud.messagesCreated() == 50);

        long stopMillis = CompletableFuture.supplyAsync(
                        () -> {
                            long start = System.nanoTime();
                            producer.stop();
                            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        },
                        component().getWorkerPool())
                .get(10, TimeUnit.SECONDS);
        // a call on the stopped producer (a cache handing it out as it evicts it) still works
        Exchange late = endpoint.createExchange();
        late.getMessage().setBody("evicted, late");
        producer.process(late);

        assertThat(stopMillis).as("the stop waits for no answer (300 ms away)").isLessThan(250);
        for (CompletableFuture<Exchange> send : sends) {
            assertThat(send.get(10, TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(late.getException()).isNull();
        assertThat(redCloud.messagesCreated()).isEqualTo(51);
    }

    @Test
    void toDAndRecipientListWithCachesOfTwoAfterASend() throws Exception {
        // one waiting caller: with many threads in a tiny cache at once, Camel 4.22 itself fails exchanges whatever
        // the component (a producer handed out as it is evicted, "No producer"; recipientList stops the error
        // handler it cached for an evicted producer with exchanges inside it)
        List<Exchange> exchanges = new ArrayList<>(callers(1, 100, "direct:toD"));
        exchanges.addAll(callers(1, 100, "direct:recipientList"));

        assertThat(exchanges)
                .hasSize(200)
                .allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(redCloud.messagesCreated()).isEqualTo(200);
    }

    /** {@code count} exchanges through {@code uri} from {@code callers} waiting threads. */
    private List<Exchange> callers(int callers, int count, String uri) throws Exception {
        return callers(
                callers,
                count,
                n -> template.request(uri, e -> {
                    e.getMessage().setBody(uri + " message " + n);
                    e.getMessage().setHeader("n", 1000 + n % 10);
                }));
    }

    /** {@code count} exchanges made by {@code call} (given the exchange's number) from {@code callers} threads. */
    private List<Exchange> callers(int callers, int count, java.util.function.IntFunction<Exchange> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<List<Exchange>>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                results.add(pool.submit(() -> {
                    List<Exchange> done = new ArrayList<>();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        done.add(call.apply(i));
                    }
                    return done;
                }));
            }
            List<Exchange> all = new ArrayList<>();
            for (Future<List<Exchange>> r : results) {
                all.addAll(r.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}

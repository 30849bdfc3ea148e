package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** 2,000 distinct signed events from 16 concurrent clients: all acknowledged, each routed exactly once. */
class WebhookConcurrencyTest extends WebhookTestSupport {

    private static final int EVENTS = 2000;
    private static final int CLIENTS = 16;

    private final Map<String, AtomicInteger> routedPerMessage = new ConcurrentHashMap<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/load&signingSecret=RAW(" + SECRET + ")")
                        .process(e -> routedPerMessage
                                .computeIfAbsent(
                                        e.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class),
                                        k -> new AtomicInteger())
                                .incrementAndGet());
            }
        };
    }

    @Test
    void twoThousandEventsFromSixteenClientsAreRoutedExactlyOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        List<Future<Integer>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            results.add(clients.submit(() -> {
                int ok = 0;
                for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                    HttpResponse<String> r = postSigned("/load", lifecycle(RedCloudEvent.DELIVERY, "msg_" + i, 3));
                    if (r.statusCode() == 200) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        int acknowledged = 0;
        for (Future<Integer> f : results) {
            acknowledged += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();

        assertThat(acknowledged).isEqualTo(EVENTS);
        assertThat(routedPerMessage).hasSize(EVENTS);
        assertThat(routedPerMessage.values()).allMatch(n -> n.get() == 1);
        System.out.printf(
                "redcloud:webhook load: %d signed events from %d clients in %.2f s = %.0f events/s%n",
                EVENTS, CLIENTS, seconds, EVENTS / seconds);
    }
}

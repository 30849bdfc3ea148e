package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.TimeUnit;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Connection pools and their threads have one owner: endpoints with the same connection settings share one, and it
 * goes away with the last of them. Restarting routes or the component leaves nothing dead behind.
 */
class ConnectionResourcesTest extends RedCloudTestSupport {

    private static final int ENDPOINTS = 40;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:whoami").routeId("whoami").to("redcloud:whoami");
            }
        };
    }

    @Test
    void endpointsDifferingInPerCallLimitsShareOnePool() throws Exception {
        assertThat(call("direct:whoami").getException()).isNull();
        int pools = component().openTransports();
        for (int i = 0; i < ENDPOINTS; i++) {
            addRoute(
                    "timeout" + i, "redcloud:whoami?requestTimeout=" + (5000 + i) + "&maxResponseSize=" + (10_000 + i));
            assertThat(call("direct:timeout" + i).getException()).isNull();
        }
        assertThat(component().openTransports()).isEqualTo(pools);
    }

    @Test
    void fortyDistinctPoolsAreReleasedWithTheirEndpoints() throws Exception {
        assertThat(call("direct:whoami").getException()).isNull();
        int idleThreads = clientThreads();
        for (int i = 0; i < ENDPOINTS; i++) {
            addRoute("pool" + i, "redcloud:whoami?maxConnections=" + (100 + i));
            assertThat(call("direct:pool" + i).getException()).isNull();
        }
        assertThat(component().openTransports()).isEqualTo(ENDPOINTS + 1);
        assertThat(clientThreads()).isGreaterThan(idleThreads + ENDPOINTS);

        for (int i = 0; i < ENDPOINTS; i++) {
            context.getRouteController().stopRoute("pool" + i);
            context.removeRoute("pool" + i);
        }

        assertThat(component().openTransports()).isEqualTo(1);
        // I/O threads end shortly after their reactor is closed
        await().atMost(20, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> assertThat(clientThreads()).as(threadNames()).isEqualTo(idleThreads));
    }

    @Test
    void aRestartedRouteAndARestartedComponentWork() throws Exception {
        assertThat(call("direct:whoami").getException()).isNull();

        context.getRouteController().stopRoute("whoami");
        assertThat(component().openTransports()).isZero();
        context.getRouteController().startRoute("whoami");
        assertThat(call("direct:whoami").getException()).isNull();

        // the component alone: its producers keep running and get new connections
        component().stop();
        component().start();
        Exchange afterRestart = call("direct:whoami");
        assertThat(afterRestart.getException()).isNull();
        assertThat(component().openTransports()).isEqualTo(1);
    }

    private void addRoute(String id, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + id).routeId(id).to(uri);
            }
        });
    }

    private Exchange call(String uri) {
        return template.request(uri, e -> {});
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The threads of HttpClient (I/O dispatchers, reactor, idle evictor); the test server's are not ours to count. */
    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("httpclient-") || n.startsWith("idle-connection-evictor"))
                .count();
    }
}

package live.redcloud.camel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Camel-free transport on its own: it survives the death of HttpClient's I/O reactor, and leases count. */
class HttpTransportRecoveryTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MockWebServer server = new MockWebServer();
    private final HttpTransports transports = new HttpTransports(timer);
    private final AttemptLimits limits = new AttemptLimits(Duration.ofSeconds(5), 1024 * 1024, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        transports.close();
        timer.shutdownNow();
        server.close();
    }

    @Test
    void aDeadReactorIsReplacedOnTheNextCall() throws Exception {
        server.start();
        server.enqueue(new MockResponse.Builder().code(200).body("one").build());
        server.enqueue(new MockResponse.Builder().code(200).body("two").build());
        HttpTransports.Lease lease =
                transports.acquire(new HttpTransportSettings(Duration.ofSeconds(2), 4, null, null));
        HttpTransport transport = lease.transport();
        HttpRequestSpec get =
                new HttpRequestSpec("GET", URI.create(server.url("/x").toString()), null, null, Map.of());

        assertThat(transport.execute(get, null, limits).get(5, TimeUnit.SECONDS).status())
                .isEqualTo(200);
        transport.killReactor();
        assertThat(transport.isRunning()).isFalse();

        HttpResult again = transport.execute(get, null, limits).get(5, TimeUnit.SECONDS);
        assertThat(new String(again.body())).isEqualTo("two");
        assertThat(transport.isRunning()).isTrue();
        assertThat(transport.attemptsRunning()).isZero();
    }

    @Test
    void theLastLeaseClosesTheTransport() {
        HttpTransportSettings settings = new HttpTransportSettings(Duration.ofSeconds(2), 4, null, null);
        HttpTransports.Lease a = transports.acquire(settings);
        HttpTransports.Lease b = transports.acquire(new HttpTransportSettings(Duration.ofSeconds(2), 4, null, null));
        assertThat(b.transport()).isSameAs(a.transport());

        a.close();
        a.close(); // twice gives back once
        assertThat(transports.size()).isEqualTo(1);
        assertThat(b.transport().isRunning()).isTrue();
        b.close();
        assertThat(transports.size()).isZero();
        assertThat(b.transport().isRunning()).isFalse();
    }
}

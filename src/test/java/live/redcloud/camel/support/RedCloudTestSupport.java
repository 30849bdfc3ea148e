package live.redcloud.camel.support;

import java.time.Clock;
import live.redcloud.camel.RedCloudComponent;
import mockwebserver3.MockWebServer;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * Camel tests against a {@link FakeRedCloud} on a real socket. The component is configured with the fake's URL and
 * credentials and a {@link MutableClock}; fast retries keep the suite quick.
 */
public abstract class RedCloudTestSupport extends CamelTestSupport {

    protected final FakeRedCloud redCloud = new FakeRedCloud();
    protected final MutableClock clock = new MutableClock();
    protected MockWebServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = redCloud.start();
        CamelContext context = super.createCamelContext();
        RedCloudComponent component = redCloud.component(server);
        component.setClock(clock);
        context.addComponent("redcloud", component);
        return context;
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    protected RedCloudComponent component() {
        return context.getComponent("redcloud", RedCloudComponent.class);
    }

    public static final class MutableClock extends Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-11-27T12:00:00Z");

        public void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}

package live.redcloud.examples.cluster;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * One instance of the webhook receiver, as its own JVM: Camel Main, the YAML route {@code routes/instance.yaml}
 * ({@code redcloud:webhook} into {@link InboxWriter}) with the component's {@code PostgresEventStore}, or
 * {@code routes/instance-camel-sql.yaml} with camel-sql's dedup and claim repositories, and {@code GET /ready}: Camel's
 * readiness checks (the webhook consumer's among them), the balancer's readiness probe. Arguments: {@code NAME PORT
 * JDBC_URL SIGNING_SECRET ROUTE_FAILURE_RATE SEED LEASE_MILLIS STORES}.
 */
public final class Instance {

    private Instance() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        String jdbcUrl = args[2];
        String secret = args[3];
        double failureRate = Double.parseDouble(args[4]);
        long seed = Long.parseLong(args[5]);
        long leaseMillis = Long.parseLong(args[6]);
        boolean camelSql = "camel-sql".equals(args[7]);

        HikariDataSource pool = Stores.pool(jdbcUrl, name);
        Main main = new Main();
        main.configure()
                .withRoutesIncludePattern(
                        camelSql ? "classpath:routes/instance-camel-sql.yaml" : "classpath:routes/instance.yaml");
        main.configure().addRoutesBuilder(new Readiness());
        main.configure().withName(name);
        // a graceful stop drains in-flight webhooks for up to 10 s before the JVM ends (SIGTERM, e.g. Kubernetes)
        main.configure().withShutdownTimeout(10);
        main.bind("inbox", new InboxWriter(pool, name, failureRate, seed));
        // on the component, not in the route's URI: Camel's route dumps print URIs as written
        main.addInitialProperty("camel.component.redcloud.signing-secret", secret);
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        http.setMaxBodySize(1024L * 1024);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                try {
                    m.getCamelContext().addService(new VertxPlatformHttpServer(http));
                    if (camelSql) {
                        m.getCamelContext().getRegistry().bind("routed", Stores.routed(pool));
                        m.getCamelContext()
                                .getRegistry()
                                .bind("claims", Stores.claims(pool, m.getCamelContext(), leaseMillis));
                    } else {
                        m.getCamelContext().getRegistry().bind("events", Stores.events(pool, leaseMillis));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                pool.close();
            }
        });
        main.run();
    }

    /**
     * {@code GET /ready}: the webhook consumer's health check ({@code consumer:redcloud-webhook}, UP only while its path
     * is served), 200 when UP, else 503: what a Kubernetes readiness probe on Camel's health endpoint sees.
     */
    static final class Readiness extends RouteBuilder {
        @Override
        public void configure() {
            from("platform-http:/ready?httpMethodRestrict=GET")
                    .routeId("readiness")
                    .process(exchange -> {
                        Route webhook = exchange.getContext().getRoute("redcloud-webhook");
                        HealthCheck.Result result =
                                webhook != null && webhook.getConsumer() instanceof HealthCheckAware aware
                                        ? aware.getHealthCheck().call()
                                        : null;
                        boolean up = result != null && result.getState() == HealthCheck.State.UP;
                        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
                        exchange.getMessage()
                                .setBody(
                                        result == null
                                                ? "DOWN: no webhook route"
                                                : result.getState()
                                                        + result.getMessage()
                                                                .map(m -> ": " + m)
                                                                .orElse(""));
                    });
        }
    }
}

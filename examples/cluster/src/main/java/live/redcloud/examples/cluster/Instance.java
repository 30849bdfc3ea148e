package live.redcloud.examples.cluster;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * One instance of the webhook receiver, as its own JVM: Camel Main, the YAML route {@code routes/instance.yaml}
 * ({@code redcloud:webhook} into {@link InboxWriter}), camel-sql's dedup and claim repositories on PostgreSQL.
 * Arguments: {@code NAME PORT JDBC_URL SIGNING_SECRET ROUTE_FAILURE_RATE SEED}.
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

        HikariDataSource pool = Stores.pool(jdbcUrl, name);
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:routes/instance.yaml");
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
                    m.getCamelContext().getRegistry().bind("routed", Stores.routed(pool));
                    m.getCamelContext().getRegistry().bind("claims", Stores.claims(pool, m.getCamelContext()));
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
}

package live.redcloud.examples.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Duration;
import live.redcloud.sandbox.RedCloudSandbox;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.Main;

/**
 * Runs the quick start: the YAML routes in {@code routes/quickstart.yaml} on Camel Main, against the embedded Red Cloud
 * sandbox (or a real Red Cloud, see {@link QuickStartSettings}). It ends when the sent message reached
 * {@code message.delivery} and an inbound message got its automatic reply: exit 0, or 1 with the reason.
 */
public final class QuickStart {

    private final QuickStartSettings settings;
    private final PrintStream out;
    private final Progress progress = new Progress();
    private RedCloudSandbox sandbox;

    QuickStart(QuickStartSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new QuickStart(QuickStartSettings.fromEnvironment(System.getenv()), System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println("quick start: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    Progress progress() {
        return progress;
    }

    RedCloudSandbox sandbox() {
        return sandbox;
    }

    /** Runs to completion; 0 on success, 1 when a step did not happen in time or failed. */
    int run() {
        Main main = new Main();
        try {
            QuickStartSettings s = settings;
            int port = s.webhookPort == 0 ? freePort() : s.webhookPort;
            if (s.useSandbox()) {
                sandbox = RedCloudSandbox.builder()
                        .retryScale(0.01)
                        .eventDelay(Duration.ofMillis(200))
                        .build()
                        .start();
                String webhook = "http://127.0.0.1:" + port + "/redcloud/webhook";
                sandbox.deliveryWebhookUrl(webhook).inboundWebhookUrl(webhook);
                s = s.connectedTo(
                        sandbox.baseUrl(),
                        sandbox.clientId(),
                        sandbox.clientSecret(),
                        RedCloudSandbox.DEFAULT_SIGNING_SECRET,
                        port);
                out.println("No RC_BASE_URL set: using the embedded Red Cloud sandbox at " + sandbox.baseUrl());
            } else {
                out.println("Using Red Cloud at " + s.baseUrl + "; expose http://<public-host>:" + port
                        + "/redcloud/webhook as your delivery and inbound webhook URL");
            }
            configure(main, s, port);
            main.start();

            String messageId = progress.awaitSent(settings.timeout);
            progress.awaitDelivered(settings.timeout);
            out.println("Message " + messageId + " went " + String.join(" -> ", progress.eventsOf(messageId)));
            if (sandbox != null) {
                out.println("Simulating an inbound message from " + QuickStartSettings.SANDBOX_INBOUND_FROM);
                sandbox.simulateInbound(QuickStartSettings.SANDBOX_INBOUND_FROM, s.numberId, "Is my order on its way?");
            } else {
                out.println("Reply to the message from " + s.to + " to see the automatic reply");
            }
            progress.awaitReplied(settings.timeout);
            out.println("Quick start complete: sent, delivered, and an inbound message answered.");
            return 0;
        } catch (Exception e) {
            System.err.println("quick start FAILED: " + e.getMessage());
            return 1;
        } finally {
            stopQuietly(main);
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private void configure(Main main, QuickStartSettings s, int port) {
        main.configure().withRoutesIncludePattern("classpath:routes/quickstart.yaml");
        main.configure().withDurationMaxSeconds(0);
        main.bind("progress", progress);
        // camel-platform-http-main 4.22.0 is not published: start the Vert.x server platform-http serves on ourselves
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindPort(port);
        // the server reads a request before redcloud:webhook sees it: cap it where the bytes arrive
        http.setMaxBodySize(1024L * 1024);
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void beforeConfigure(org.apache.camel.main.BaseMainSupport m) {
                try {
                    m.getCamelContext().addService(new VertxPlatformHttpServer(http));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        main.addInitialProperty("camel.component.redcloud.base-url", s.baseUrl);
        main.addInitialProperty("camel.component.redcloud.client-id", s.clientId);
        main.addInitialProperty("camel.component.redcloud.client-secret", s.clientSecret);
        // on the component, not in the route's URI: Camel's route dumps print URIs as written
        main.addInitialProperty("camel.component.redcloud.signing-secret", s.signingSecret);
        main.addInitialProperty("quickstart.number-id", s.numberId);
        main.addInitialProperty("quickstart.to", s.to);
        main.addInitialProperty("camel.main.name", "redcloud-quickstart");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void stopQuietly(Main main) {
        try {
            main.stop();
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }
}

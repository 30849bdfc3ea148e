package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook's Vert.x server closes connections that hold it without sending a request: idle ones, and ones that
 * trickle a body byte by byte (each byte restarts an idle timeout, so that alone cannot bound them).
 */
class WebhookConnectionBoundsTest {

    /** Long enough to tell "closed by the server" from "never closed". */
    private static final int PATIENCE_MS = 8_000;

    private final ExecutorService trickler = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopTrickling() {
        trickler.shutdownNow();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        int port = freePort();
        try (CamelContext context = webhook(port, "idleTimeout=1000&requestReadTimeout=0");
                Socket socket = connect(port)) {
            long start = System.nanoTime();

            assertThat(readUntilClosed(socket)).isTrue();
            assertThat(millisSince(start)).isBetween(700L, 4_000L);
        }
    }

    @Test
    void aTricklingBodyIsCutOffAfterTheReadTimeoutThoughEachByteRestartsTheIdleTimeout() throws Exception {
        int port = freePort();
        try (CamelContext context = webhook(port, "idleTimeout=1000&requestReadTimeout=1500");
                Socket socket = connect(port)) {
            assertCutOffWhileTrickling(socket, "/redcloud/webhook");
        }
    }

    @Test
    void theReadTimeoutAlsoBoundsAPathBehindTheRestContextPath() throws Exception {
        int port = freePort();
        try (CamelContext context = webhook(port, "idleTimeout=0&requestReadTimeout=1500", "/api/");
                Socket socket = connect(port)) {
            assertCutOffWhileTrickling(socket, "/api/redcloud/webhook");
        }
    }

    @Test
    void theServedPathIsTheRestContextPathAndTheConfiguredPath() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            RedCloudConfiguration config = new RedCloudConfiguration();
            config.setPath("/redcloud/webhook");
            assertThat(RedCloudWebhookConsumer.servedPath(context, config)).isEqualTo("/redcloud/webhook");

            context.getRestConfiguration().setContextPath("/api/");
            assertThat(RedCloudWebhookConsumer.servedPath(context, config)).isEqualTo("/api/redcloud/webhook");
        }
    }

    @Test
    void theIdleTimeoutIsUndoneWhenTheLastWebhookStops() throws Exception {
        int port = freePort();
        try (CamelContext context = webhook(port, "idleTimeout=1000&requestReadTimeout=0")) {
            context.getRouteController().stopRoute("webhook");

            try (Socket idle = connect(port)) {
                idle.setSoTimeout(2_500);
                assertThat(readUntilClosed(idle))
                        .as("the other routes of the server keep Vert.x's default")
                        .isFalse();
            }
        }
    }

    @Test
    void withBothBoundsOffVertxKeepsSuchConnectionsOpen() throws Exception {
        // the control: what the two tests above would see without the bounds
        int port = freePort();
        try (CamelContext context = webhook(port, "idleTimeout=0&requestReadTimeout=0");
                Socket idle = connect(port);
                Socket trickling = connect(port)) {
            OutputStream out = trickling.getOutputStream();
            out.write(("POST /redcloud/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            trickle(out, 200);

            idle.setSoTimeout(2_500);
            trickling.setSoTimeout(100);
            assertThat(readUntilClosed(idle)).isFalse();
            assertThat(readUntilClosed(trickling)).isFalse();
        }
    }

    @Test
    void aNegativeBoundIsRefusedAtStart() throws Exception {
        int port = freePort();
        CamelContext context = context(port, "idleTimeout=-1");
        try {
            assertThatThrownBy(context::start)
                    .hasStackTraceContaining("idleTimeout and requestReadTimeout must not be negative");
        } finally {
            context.close();
        }
    }

    /** Sends the headers of a POST to {@code path}, then its body a byte every 200 ms: the server must close it. */
    private void assertCutOffWhileTrickling(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 500\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        trickle(out, 200);

        assertThat(readUntilClosed(socket)).isTrue();
        assertThat(millisSince(start)).isBetween(1_200L, 5_000L);
    }

    private void trickle(OutputStream out, long everyMillis) {
        trickler.execute(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(everyMillis);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // the server closed the connection, or the test is over
            }
        });
    }

    /** Reads until the server closes the connection ({@code true}) or the socket's timeout passes. */
    private static boolean readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // a 408/400 answer before the close is fine: the point is that the connection ends
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(PATIENCE_MS);
        return socket;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static CamelContext webhook(int port, String options) throws Exception {
        return webhook(port, options, null);
    }

    private static CamelContext webhook(int port, String options, String restContextPath) throws Exception {
        CamelContext context = context(port, options);
        if (restContextPath != null) {
            context.getRestConfiguration().setContextPath(restContextPath);
        }
        context.start();
        return context;
    }

    private static CamelContext context(int port, String options) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(WebhookTestSupport.platformHttpServer(port));
        RedCloudComponent redcloud = new RedCloudComponent();
        redcloud.getConfiguration().setSigningSecret(WebhookTestSupport.SECRET);
        context.addComponent("redcloud", redcloud);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?" + options).routeId("webhook").to("log:events");
            }
        });
        return context;
    }
}

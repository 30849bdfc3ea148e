package live.redcloud.camel;

import io.vertx.core.http.HttpServer;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** The Vert.x platform-http servers of a context; loaded only when camel-platform-http-vertx is on the class path. */
final class VertxServers {

    private VertxServers() {}

    /** Why a Vert.x platform-http server of the context has no socket, or {@code null} if all listen. */
    static String notListening(CamelContext context) {
        for (VertxPlatformHttpServer service : context.hasServices(VertxPlatformHttpServer.class)) {
            String where = "the Vert.x HTTP server on " + service.getHost() + ":" + configuredPort(service);
            if (!service.isStarted()) {
                return where + " is not started";
            }
            HttpServer server = service.getServer();
            if (server == null || !listening(server)) {
                return where
                        + " is not listening (is the port already taken? Vert.x logs the reason as 'Failed to start"
                        + " Vert.x HttpServer')";
            }
        }
        return null;
    }

    /**
     * The port the server was configured with: {@code getConfigurationPort()}, which Camel 4.14 does not have yet
     * (there {@code getPort()} is Vert.x's actual port once a server exists, else the configured one).
     */
    private static int configuredPort(VertxPlatformHttpServer service) {
        try {
            return service.getConfigurationPort();
        } catch (NoSuchMethodError olderCamel) {
            return service.getPort();
        }
    }

    /**
     * Vert.x 4's public HttpServer cannot tell (actualPort() is the configured port even after a failed bind); its
     * implementation can. Any other implementation is taken as listening rather than failing a start by guessing.
     */
    private static boolean listening(HttpServer server) {
        return !(server instanceof TCPServerBase) || ((TCPServerBase) server).isListening();
    }
}

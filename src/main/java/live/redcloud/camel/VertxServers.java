package live.redcloud.camel;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.net.impl.TCPServerBase;
import io.vertx.ext.web.Route;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Vert.x platform-http servers of a context; loaded only when camel-platform-http-vertx is on the class path. */
final class VertxServers {

    private static final Logger LOG = LoggerFactory.getLogger(VertxServers.class);

    private VertxServers() {}

    /**
     * Gives the context's main Vert.x servers (never the management server) an idle timeout where they have none.
     * Camel builds their {@link HttpServerOptions} inside {@code VertxPlatformHttpServer.startServer()} with no way to
     * configure it, and Vert.x reads the options of its server for every new connection: set on that object, the
     * bound applies to the connections accepted from now on.
     *
     * @param notApplied receives why a server could not get it
     * @return what undoes each change, for when no webhook needs it any more
     */
    static List<Runnable> applyIdleTimeout(CamelContext context, long millis, List<String> notApplied) {
        List<Runnable> undo = new ArrayList<>();
        Set<HttpServer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            VertxPlatformHttpServer service = isManagement(router) ? null : router.getServer();
            HttpServer server = service == null ? null : service.getServer();
            if (server == null || !seen.add(server)) {
                continue;
            }
            HttpServerOptions options;
            try {
                options = options(server);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                notApplied.add(
                        service.getHost() + ": this Vert.x version keeps its server options out of reach (" + e + ")");
                continue;
            }
            if (options.getIdleTimeout() > 0) {
                // set by someone who knew what they wanted, or by another webhook: the first bound stays
                LOG.debug(
                        "Vert.x server on {} already closes idle connections after {} {}",
                        service.getHost(),
                        options.getIdleTimeout(),
                        options.getIdleTimeoutUnit());
                continue;
            }
            int ours = (int) Math.min(Integer.MAX_VALUE, millis);
            TimeUnit unit = options.getIdleTimeoutUnit();
            options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
            options.setIdleTimeout(ours);
            undo.add(() -> {
                if (options.getIdleTimeout() == ours && options.getIdleTimeoutUnit() == TimeUnit.MILLISECONDS) {
                    options.setIdleTimeout(0);
                    options.setIdleTimeoutUnit(unit);
                }
            });
        }
        return undo;
    }

    private static HttpServerOptions options(HttpServer server) throws ReflectiveOperationException {
        Field field = HttpServerImpl.class.getDeclaredField("options");
        field.setAccessible(true);
        return (HttpServerOptions) field.get(server);
    }

    /**
     * Closes the connection of a request to {@code path} whose body is still arriving {@code millis} after its
     * headers. A handler ahead of Camel's body handler, on every main platform-http router of the context; Vert.x has
     * no read deadline of its own, and its idle timeout restarts with every byte a trickling client sends.
     *
     * @return the routes to remove when the webhook stops
     */
    static List<Route> cutTrickledRequests(CamelContext context, String path, long millis) {
        List<Route> routes = new ArrayList<>();
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (isManagement(router)) {
                continue;
            }
            routes.add(router.route(path).order(Integer.MIN_VALUE).handler(ctx -> {
                HttpServerRequest request = ctx.request();
                if (!request.isEnded()) {
                    long timer = ctx.vertx().setTimer(millis, id -> {
                        if (!request.isEnded()) {
                            LOG.debug(
                                    "Closed a connection from {}: its request body to {} was still arriving after"
                                            + " {} ms",
                                    request.remoteAddress(),
                                    path,
                                    millis);
                            request.connection().close();
                        }
                    });
                    ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
                }
                ctx.next();
            }));
        }
        return routes;
    }

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

    /** Camel 4.14 has no management server (nor {@code getServerType()}): every router serves routes. */
    private static boolean isManagement(VertxPlatformHttpRouter router) {
        try {
            return VertxPlatformHttpRouter.SERVER_TYPE_MANAGEMENT.equals(router.getServerType());
        } catch (NoSuchMethodError olderCamel) {
            return false;
        }
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

package live.redcloud.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes {@code /api/core/*} and turns failures into the CORE error wrapper with a fresh {@code requestId}.
 * Unknown paths are 404 {@code NOT_FOUND}; a known path with the wrong method is 405 {@code INVALID_REQUEST} with an
 * {@code Allow} header (the docs list no code for 405). Path and method are checked before the bearer token.
 */
final class CoreApiHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(CoreApiHandler.class.getName());

    record Route(String method, CoreRoute handler) {}

    private final Map<String, Route> routes;
    private final Ids ids;

    CoreApiHandler(Map<String, Route> routes, Ids ids) {
        this.routes = Map.copyOf(routes);
        this.ids = ids;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = ids.next("req_", 16);
        try (exchange) {
            try {
                dispatch(exchange);
            } catch (ApiException e) {
                HttpIo.sendCoreError(exchange, e, requestId);
            } catch (HttpIo.BodyTooLargeException e) {
                HttpIo.sendCoreError(exchange, new ApiException(413, "INVALID_REQUEST", e.getMessage()), requestId);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "sandbox bug while handling " + exchange.getRequestURI().getPath() + " (" + requestId + ")",
                        e);
                HttpIo.sendCoreError(
                        exchange, new ApiException(500, "SERVER_ERROR", "Internal sandbox error"), requestId);
            }
        }
        HttpIo.logOutcome(LOG, exchange, " (" + requestId + ")");
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(path);
        if (route == null) {
            throw new ApiException(404, "NOT_FOUND", "No route for " + exchange.getRequestMethod() + " " + path);
        }
        if (!route.method().equals(exchange.getRequestMethod())) {
            throw new ApiException(
                    405,
                    "INVALID_REQUEST",
                    "Method " + exchange.getRequestMethod() + " is not allowed on " + path + "; use " + route.method(),
                    Map.of("Allow", route.method()));
        }
        route.handler().handle(exchange);
    }
}

package live.redcloud.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Everything outside the known routes: 404 in the CORE wrapper. */
final class NotFoundHandler implements HttpHandler {

    private final Ids ids;

    NotFoundHandler(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpIo.sendCoreError(exchange, notFound(exchange), ids.next("req_", 16));
        }
    }

    private static ApiException notFound(HttpExchange exchange) {
        return new ApiException(
                404,
                "NOT_FOUND",
                "No route for " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
    }
}

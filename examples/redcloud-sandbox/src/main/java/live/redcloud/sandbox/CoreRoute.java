package live.redcloud.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One {@code /api/core/*} operation. Throw {@link ApiException} for an error; the router renders the CORE wrapper. */
@FunctionalInterface
interface CoreRoute {
    void handle(HttpExchange exchange) throws IOException;
}

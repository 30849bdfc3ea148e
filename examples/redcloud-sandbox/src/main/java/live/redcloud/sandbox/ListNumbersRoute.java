package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code GET /api/core/numbers}: the caller's own numbers, {@code {"numbers":[...]}} [NUM]. Query parameters are ignored. */
final class ListNumbersRoute implements CoreRoute {

    private final BearerAuth auth;
    private final NumberRegistry numbers;

    ListNumbersRoute(BearerAuth auth, NumberRegistry numbers) {
        this.auth = auth;
        this.numbers = numbers;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String clientId = auth.requireClient(exchange);
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("numbers");
        numbers.ownedBy(clientId).forEach(n -> list.add(n.toJson()));
        HttpIo.sendJson(exchange, 200, body);
    }
}

package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/core/numbers/search}: a JSON body of optional string filters [NUM][OAPI]. Unknown filter names and
 * non-string values are a 400, so a typo in a filter is not silently read as "no filter".
 */
final class SearchNumbersRoute implements CoreRoute {

    static final Set<String> FILTERS = Set.of("npa", "nxx", "city", "state", "zipCode", "rateCenter");

    private final BearerAuth auth;
    private final NumberInventory inventory;

    SearchNumbersRoute(BearerAuth auth, NumberInventory inventory) {
        this.auth = auth;
        this.inventory = inventory;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        auth.requireClient(exchange);
        if (!HttpIo.hasContentType(exchange, "application/json")) {
            throw ApiException.invalidRequest("Content-Type must be application/json");
        }
        JsonNode body = Json.parse(HttpIo.readBody(exchange))
                .filter(JsonNode::isObject)
                .orElseThrow(() -> ApiException.invalidRequest("Request body must be a JSON object of search filters"));
        Map<String, String> filters = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!FILTERS.contains(field.getKey())) {
                throw ApiException.invalidRequest("Unknown search filter '" + field.getKey()
                        + "'; allowed: npa, nxx, city, state, zipCode, rateCenter");
            }
            if (field.getValue().isNull()) {
                continue;
            }
            if (!field.getValue().isTextual()) {
                throw ApiException.invalidRequest("Search filter '" + field.getKey() + "' must be a string");
            }
            filters.put(field.getKey(), field.getValue().asText());
        }
        HttpIo.sendJson(exchange, 200, inventory.search(filters));
    }
}

package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The fixed inventory behind {@code POST /api/core/numbers/search}. The response shape is a working assumption
 * (redcloud-api.md section 10): {@code {"groups":[{rateCenter, city, state, npa, nxx, numbers:[{e164}]}]}}.
 */
final class NumberInventory {

    /** One group of available numbers sharing rate center and NPA-NXX. Zip codes are only used for filtering. */
    record Group(
            String rateCenter,
            String city,
            String state,
            String npa,
            String nxx,
            List<String> zipCodes,
            List<String> numbers) {}

    static final List<Group> GROUPS = List.of(
            new Group(
                    "AUSTIN",
                    "Austin",
                    "TX",
                    "555",
                    "123",
                    List.of("78701", "78702"),
                    List.of("+15551230101", "+15551230102", "+15551230103")),
            new Group(
                    "AUSTIN",
                    "Austin",
                    "TX",
                    "555",
                    "234",
                    List.of("78701", "78704"),
                    List.of("+15552340101", "+15552340102")),
            new Group("AUSTIN", "Austin", "TX", "512", "555", List.of("78701"), List.of("+15125550101")),
            new Group(
                    "DALLAS", "Dallas", "TX", "214", "555", List.of("75201"), List.of("+12145550101", "+12145550102")),
            new Group("SEATTLE", "Seattle", "WA", "206", "555", List.of("98101"), List.of("+12065550101")),
            new Group("NWYRCYZN01", "New York", "NY", "212", "555", List.of("10001"), List.of("+12125550101")));

    /** Keys are the documented filter names; absent or blank filters match everything. */
    ObjectNode search(Map<String, String> filters) {
        ArrayNode groups = Json.array();
        for (Group g : GROUPS) {
            if (matches(g, filters)) {
                ObjectNode group = groups.addObject();
                group.put("rateCenter", g.rateCenter());
                group.put("city", g.city());
                group.put("state", g.state());
                group.put("npa", g.npa());
                group.put("nxx", g.nxx());
                ArrayNode numbers = group.putArray("numbers");
                g.numbers().forEach(e164 -> numbers.addObject().put("e164", e164));
            }
        }
        ObjectNode body = Json.object();
        body.set("groups", groups);
        return body;
    }

    private static boolean matches(Group g, Map<String, String> f) {
        return eq(f.get("npa"), g.npa(), false)
                && eq(f.get("nxx"), g.nxx(), false)
                && eq(f.get("city"), g.city(), true)
                && eq(f.get("state"), g.state(), true)
                && eq(f.get("rateCenter"), g.rateCenter(), true)
                && (blank(f.get("zipCode"))
                        || g.zipCodes().contains(f.get("zipCode").trim()));
    }

    private static boolean eq(String filter, String value, boolean ignoreCase) {
        if (blank(filter)) {
            return true;
        }
        return ignoreCase ? value.equalsIgnoreCase(filter.trim()) : value.equals(filter.trim());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

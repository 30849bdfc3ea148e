package live.redcloud.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The component's option names, as its catalog ({@code redcloud.json}) lists them, and the closest one to a name that
 * is none of them: Camel suggests the closest option for a mistyped endpoint URI, not for a mistyped
 * {@code camel.component.redcloud.*} property.
 */
final class OptionNames {

    private static final String CATALOG = "/META-INF/live/redcloud/camel/redcloud.json";

    private final List<String> names;

    private OptionNames(List<String> names) {
        this.names = names;
    }

    static OptionNames ofComponent(ObjectMapper json) {
        List<String> names = new ArrayList<>();
        try (InputStream in = OptionNames.class.getResourceAsStream(CATALOG)) {
            if (in != null) {
                JsonNode properties = json.readTree(in).path("componentProperties");
                properties.fieldNames().forEachRemaining(names::add);
            }
        } catch (IOException unreadable) {
            // no suggestions then; the catalog ships in the same jar
        }
        return new OptionNames(List.copyOf(names));
    }

    /** The option closest to {@code name} (ignoring case and dashes), or {@code null} when none is close. */
    String closest(String name) {
        String wanted = normal(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : names) {
            int distance = distance(wanted, normal(option));
            if (distance < bestDistance) {
                best = option;
                bestDistance = distance;
            }
        }
        // a third of the name may be wrong: "sendfrm" -> sendFrom, not "x" -> path
        return best != null && bestDistance <= Math.max(1, wanted.length() / 3) ? best : null;
    }

    private static String normal(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

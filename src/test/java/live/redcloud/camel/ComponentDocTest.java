package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The option and header tables of the component page are generated from the component JSON, so they cannot drift
 * from the code. When an option changes, regenerate them with {@code mvn test -Dtest=ComponentDocTest
 * -Dredcloud.docs.update=true} and commit the page.
 */
class ComponentDocTest {

    private static final Path PAGE = Path.of("src/main/docs/redcloud-component.adoc");
    private static final String START = "// generated option tables: START\n";
    private static final String END = "// generated option tables: END";

    @Test
    void optionTablesMatchTheComponentJson() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        assertThat(start).as("start marker").isNotNegative();
        assertThat(end).as("end marker").isGreaterThan(start);

        String expected = tables(componentJson());
        String actual = page.substring(start + START.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("redcloud.docs.update")) {
            Files.writeString(PAGE, page.substring(0, start + START.length()) + expected + page.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual).as("option tables in " + PAGE + " (regenerate with -Dredcloud.docs.update=true)")
                .isEqualTo(expected);
    }

    static String tables(JsonNode json) {
        StringBuilder sb = new StringBuilder();
        sb.append("== Component options\n\nSet on the `redcloud` component, these are defaults for every endpoint.\n\n");
        options(sb, json.get("componentProperties"));
        sb.append("\n== Endpoint options\n\n");
        sb.append("Path parameter: `operation` (required), one of `send`, `whoami`, `numbers`, `search-numbers`,"
                + " `webhook`.\n\n");
        JsonNode properties = json.get("properties");
        options(sb, properties);
        sb.append("\n== Message headers\n\n");
        sb.append("[width=\"100%\",cols=\"3,1,6\",options=\"header\"]\n|===\n| Header | Type | Description\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            sb.append("| `").append(h.getKey()).append("` | `").append(h.getValue().path("javaType").asText())
                    .append("` | ").append(escape(h.getValue().path("description").asText())).append('\n');
        }
        sb.append("|===\n");
        return sb.toString();
    }

    private static void options(StringBuilder sb, JsonNode options) {
        sb.append("[width=\"100%\",cols=\"2,5,1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> o = it.next();
            JsonNode v = o.getValue();
            if ("path".equals(v.path("kind").asText())) {
                continue;
            }
            sb.append("| *").append(o.getKey()).append("* (").append(v.path("group").asText()).append(")")
                    .append(v.path("secret").asBoolean() ? " _secret_" : "")
                    .append(" | ").append(escape(v.path("description").asText()))
                    .append(" | ").append(v.has("defaultValue") ? escape(v.get("defaultValue").asText()) : "")
                    .append(" | `").append(simpleType(v.path("javaType").asText())).append("`\n");
        }
        sb.append("|===\n");
    }

    private static String simpleType(String javaType) {
        int generic = javaType.indexOf('<');
        String raw = generic < 0 ? javaType : javaType.substring(0, generic);
        return raw.substring(raw.lastIndexOf('.') + 1) + (generic < 0 ? "" : javaType.substring(generic));
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    private static JsonNode componentJson() throws Exception {
        try (InputStream in = ComponentDocTest.class.getResourceAsStream("/META-INF/live/redcloud/camel/redcloud.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}

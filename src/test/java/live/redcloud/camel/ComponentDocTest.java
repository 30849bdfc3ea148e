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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The option and header tables of the component page (AsciiDoc) and of the user guide (Markdown) are generated from the
 * component JSON, so they cannot drift from the code. When an option changes, regenerate them with
 * {@code mvn test -Dtest=ComponentDocTest -Dredcloud.docs.update=true} and commit the pages.
 */
class ComponentDocTest {

    enum Page {
        COMPONENT_ADOC(
                "src/main/docs/redcloud-component.adoc",
                "// generated option tables: START\n",
                "// generated option tables: END",
                "== ",
                "[width=\"100%\",cols=\"2,5,1,2\",options=\"header\"]\n|===\n",
                "|===\n"),
        USER_GUIDE_MD(
                "docs/configuration.md",
                "<!-- generated option tables: START -->\n",
                "<!-- generated option tables: END -->",
                "## ",
                "",
                "");

        final Path path;
        final String start;
        final String end;
        final String heading;
        final String tableOpen;
        final String tableClose;

        Page(String path, String start, String end, String heading, String tableOpen, String tableClose) {
            this.path = Path.of(path);
            this.start = start;
            this.end = end;
            this.heading = heading;
            this.tableOpen = tableOpen;
            this.tableClose = tableClose;
        }

        boolean markdown() {
            return this == USER_GUIDE_MD;
        }
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void optionTablesMatchTheComponentJson(Page page) throws Exception {
        String text = Files.readString(page.path, StandardCharsets.UTF_8);
        int start = text.indexOf(page.start);
        int end = text.indexOf(page.end);
        assertThat(start).as("start marker in " + page.path).isNotNegative();
        assertThat(end).as("end marker in " + page.path).isGreaterThan(start);

        String expected = tables(componentJson(), page);
        String actual = text.substring(start + page.start.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("redcloud.docs.update")) {
            Files.writeString(
                    page.path,
                    text.substring(0, start + page.start.length()) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual)
                .as("option tables in " + page.path + " (regenerate with -Dredcloud.docs.update=true)")
                .isEqualTo(expected);
    }

    static String tables(JsonNode json, Page page) {
        StringBuilder sb = new StringBuilder();
        sb.append(page.heading)
                .append("Component options\n\nSet on the `redcloud` component (e.g.")
                .append(" `camel.component.redcloud.base-url`), these are defaults for every endpoint.\n\n");
        options(sb, json.get("componentProperties"), page);
        sb.append('\n').append(page.heading).append("Endpoint options\n\n");
        sb.append("Path parameter: `operation` (required), one of `send`, `whoami`, `numbers`, `search-numbers`,"
                + " `webhook`.\n\n");
        options(sb, json.get("properties"), page);
        sb.append('\n').append(page.heading).append("Message headers\n\n");
        if (page.markdown()) {
            sb.append("| Header | Type | Description |\n| --- | --- | --- |\n");
        } else {
            sb.append("[width=\"100%\",cols=\"3,1,6\",options=\"header\"]\n|===\n| Header | Type | Description\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            row(
                    sb,
                    page,
                    "`" + h.getKey() + "`",
                    "`" + h.getValue().path("javaType").asText() + "`",
                    escape(h.getValue().path("description").asText()));
        }
        sb.append(page.tableClose);
        return sb.toString();
    }

    private static void options(StringBuilder sb, JsonNode options, Page page) {
        if (page.markdown()) {
            sb.append("| Name | Description | Default | Type |\n| --- | --- | --- | --- |\n");
        } else {
            sb.append(page.tableOpen).append("| Name | Description | Default | Type\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            JsonNode v = o.getValue();
            if ("path".equals(v.path("kind").asText())) {
                continue;
            }
            row(
                    sb,
                    page,
                    "*" + o.getKey() + "* (" + v.path("group").asText() + ")"
                            + (v.path("secret").asBoolean() ? " _secret_" : ""),
                    escape(v.path("description").asText()),
                    v.has("defaultValue") ? escape(v.get("defaultValue").asText()) : "",
                    "`" + simpleType(v.path("javaType").asText()) + "`");
        }
        sb.append(page.tableClose);
    }

    private static void row(StringBuilder sb, Page page, String... cells) {
        if (page.markdown()) {
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        } else {
            sb.append("| ").append(String.join(" | ", cells)).append('\n');
        }
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
        try (InputStream in =
                ComponentDocTest.class.getResourceAsStream("/META-INF/live/redcloud/camel/redcloud.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}

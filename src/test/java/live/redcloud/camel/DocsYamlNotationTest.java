package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.ProjectDocs;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML route in the docs (and the quick start's and the cluster's route files) is in Camel's canonical notation: it loads, and
 * Camel does not log "YAML DSL compact notation detected", which users would otherwise see on every start.
 */
class DocsYamlNotationTest {

    private static final Pattern MARKDOWN_YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ASCIIDOC_YAML =
            Pattern.compile("\\[source,yaml]\\n----\\n(.*?)\\n----", Pattern.DOTALL);

    record Example(String where, String yaml) {
        @Override
        public String toString() {
            return where;
        }
    }

    static List<Example> routeExamples() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path doc : ProjectDocs.all()) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = (doc.toString().endsWith(".adoc") ? ASCIIDOC_YAML : MARKDOWN_YAML).matcher(text);
            int n = 0;
            while (m.find()) {
                n++;
                if (isRoutes(m.group(1))) {
                    examples.add(new Example(doc + " YAML block " + n, m.group(1)));
                }
            }
        }
        for (String dir : new String[] {
            "examples/quickstart/src/main/resources/routes", "examples/cluster/src/main/resources/routes"
        }) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    examples.add(new Example(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        return examples;
    }

    /** Route files start with a sequence ("- route:"); application.yaml and the like do not. */
    private static boolean isRoutes(String yaml) {
        return yaml.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .findFirst()
                .map(l -> l.startsWith("- "))
                .orElse(false);
    }

    @Test
    void theDocsHaveYamlRoutes() throws IOException {
        assertThat(routeExamples()).hasSizeGreaterThanOrEqualTo(9);
    }

    @ParameterizedTest
    @MethodSource("routeExamples")
    void loadsInCanonicalNotation(Example example) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext();
                LogCapture logs = new LogCapture(Level.WARN)) {
            // the loader goes by the file extension
            String name = example.where().replaceAll("[^A-Za-z0-9_-]", "_") + ".yaml";
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name, example.yaml()));

            assertThat(context.getRouteDefinitions()).as(example.where()).isNotEmpty();
            assertThat(logs.text()).as(example.where()).doesNotContain("compact notation");
        }
    }
}

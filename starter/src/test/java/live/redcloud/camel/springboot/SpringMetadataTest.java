package live.redcloud.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * META-INF/spring-configuration-metadata.json, what IDEs show for {@code camel.component.redcloud.*}, is generated at
 * build time from the component catalog (src/build/java/SpringBootMetadataGenerator.java): it must list exactly the
 * component's options (plus {@code enabled}), each with the catalog's description and default.
 */
class SpringMetadataTest {

    private static final String PREFIX = "camel.component.redcloud.";

    @Test
    void springMetadataIsTheComponentCatalog() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode component =
                read(mapper, "/META-INF/live/redcloud/camel/redcloud.json").get("componentProperties");
        Map<String, JsonNode> spring = new LinkedHashMap<>();
        read(mapper, "/META-INF/spring-configuration-metadata.json")
                .get("properties")
                .forEach(p -> spring.put(p.get("name").asText(), p));

        TreeSet<String> expectedNames = new TreeSet<>();
        expectedNames.add(PREFIX + "enabled");
        component.properties().forEach(e -> {
            if (!e.getKey().equals("configuration")) {
                expectedNames.add(PREFIX + kebab(e.getKey()));
            }
        });
        assertThat(new TreeSet<>(spring.keySet())).isEqualTo(expectedNames);
        assertThat(expectedNames).hasSizeGreaterThan(30);

        component.properties().forEach(e -> {
            JsonNode option = e.getValue();
            JsonNode property = spring.get(PREFIX + kebab(e.getKey()));
            if (e.getKey().equals("configuration")) {
                return;
            }
            String name = e.getKey();
            assertThat(property.path("description").asText())
                    .as("description of " + name)
                    .isNotBlank()
                    .startsWith(option.path("description")
                            .asText()
                            .replaceAll("\\s+", " ")
                            .trim());
            JsonNode expected = option.get("defaultValue");
            JsonNode actual = property.get("defaultValue");
            if (expected == null) {
                assertThat(actual).as("default of " + name).isNull();
            } else if ("duration".equals(option.path("type").asText())) {
                assertThat(TimeUtils.toMilliSeconds(actual.asText())).as(name).isEqualTo(expected.asLong());
            } else {
                assertThat(actual.asText()).as("default of " + name).isEqualTo(expected.asText());
            }
        });
        assertThat(spring.get(PREFIX + "max-retries").path("defaultValue").asInt())
                .isEqualTo(2);
        assertThat(spring.get(PREFIX + "connect-timeout").path("type").asText()).isEqualTo("java.time.Duration");
        assertThat(spring.get(PREFIX + "enabled").path("defaultValue").asBoolean())
                .isTrue();
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static JsonNode read(ObjectMapper mapper, String resource) throws Exception {
        try (InputStream in = SpringMetadataTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return mapper.readTree(in);
        }
    }
}

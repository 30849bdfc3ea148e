package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The defaults that IDEs show for {@code camel.component.redcloud.*} are written by hand in
 * additional-spring-configuration-metadata.json; they must be the component's real defaults.
 */
class SpringMetadataDefaultsTest {

    @Test
    void springMetadataDefaultsAreTheComponentDefaults() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode component = read(mapper, "/META-INF/live/redcloud/camel/redcloud.json").get("componentProperties");
        JsonNode spring = read(mapper, "/META-INF/additional-spring-configuration-metadata.json").get("properties");
        int compared = 0;
        for (JsonNode property : spring) {
            String name = property.get("name").asText().substring("camel.component.redcloud.".length());
            if (name.equals("enabled")) {
                continue;
            }
            JsonNode option = component.get(camelCase(name));
            assertThat(option).as("component option for " + name).isNotNull();
            String expected = option.path("defaultValue").asText();
            String actual = property.get("defaultValue").asText();
            if ("duration".equals(option.path("type").asText())) {
                assertThat(TimeUtils.toMilliSeconds(actual)).as(name).isEqualTo(Long.parseLong(expected));
            } else {
                assertThat(actual).as(name).isEqualTo(expected);
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(15);
    }

    private static String camelCase(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static JsonNode read(ObjectMapper mapper, String resource) throws Exception {
        try (InputStream in = SpringMetadataDefaultsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return mapper.readTree(in);
        }
    }
}

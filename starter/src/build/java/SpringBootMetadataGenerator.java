import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Build step (run by the component POM with the Java source launcher, at process-classes): writes
 * META-INF/spring-configuration-metadata.json, the IDE metadata of camel.component.redcloud.*, from the component's
 * own catalog (redcloud.json, written by camel-package-maven-plugin). One entry per component option with its
 * description and default, so a new option in RedCloudConfiguration needs no Spring edit: the auto-configuration
 * binds camel.component.redcloud.* straight through the generated configurer.
 *
 * Usage: java -cp JACKSON SpringBootMetadataGenerator.java COMPONENT_JSON OUTPUT_JSON
 */
public class SpringBootMetadataGenerator {

    static final String PREFIX = "camel.component.redcloud";
    static final String SOURCE_TYPE = "live.redcloud.camel.RedCloudComponent";

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode catalog = mapper.readTree(new File(args[0]));
        JsonNode options = catalog.path("componentProperties");
        if (options.size() == 0) {
            throw new IllegalStateException("no componentProperties in " + args[0]);
        }
        // the nested configuration object itself is no property: its fields are
        Set<String> configurationClasses = new HashSet<>();
        options.forEach(o -> {
            if (o.hasNonNull("configurationClass")) {
                configurationClasses.add(o.get("configurationClass").asText());
            }
        });

        ObjectNode root = mapper.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        ObjectNode group = groups.addObject();
        group.put("name", PREFIX);
        group.put("type", SOURCE_TYPE);
        group.put("sourceType", SOURCE_TYPE);
        group.put(
                "description",
                "Options of the " + catalog.path("component").path("name").asText("redcloud")
                        + " component (generated from its catalog, redcloud.json).");
        ArrayNode properties = root.putArray("properties");
        ObjectNode enabled = properties.addObject();
        enabled.put("name", PREFIX + ".enabled");
        enabled.put("type", "java.lang.Boolean");
        enabled.put(
                "description",
                "Whether to enable auto configuration of the redcloud component. This is enabled by default.");
        enabled.put("sourceType", SOURCE_TYPE);
        enabled.put("defaultValue", true);
        ArrayNode hints = root.putArray("hints");

        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode option = entry.getValue();
            String javaType = option.path("javaType").asText();
            if (configurationClasses.contains(javaType)) {
                continue;
            }
            String type = option.path("type").asText();
            String property = PREFIX + "." + kebab(name);
            ObjectNode out = properties.addObject();
            out.put("name", property);
            out.put("type", springType(type, javaType));
            String description =
                    option.path("description").asText().replaceAll("\\s+", " ").trim();
            if ("object".equals(type)) {
                description += " The option is a " + javaType + " type; in properties refer to a bean with #bean:name.";
            } else if ("duration".equals(type)) {
                description += " In milliseconds, or a duration such as 10s.";
            }
            out.put("description", description);
            out.put("sourceType", SOURCE_TYPE);
            JsonNode defaultValue = option.get("defaultValue");
            if (defaultValue != null && !defaultValue.isNull()) {
                if ("duration".equals(type)) {
                    out.put("defaultValue", duration(Long.parseLong(defaultValue.asText())));
                } else if ("integer".equals(type)) {
                    out.put("defaultValue", Long.parseLong(defaultValue.asText()));
                } else if ("boolean".equals(type)) {
                    out.put("defaultValue", Boolean.parseBoolean(defaultValue.asText()));
                } else {
                    out.put("defaultValue", defaultValue.asText());
                }
            }
            if (option.path("deprecated").asBoolean(false)) {
                out.put("deprecated", true);
            }
            if (option.path("enum").isArray()) {
                ObjectNode hint = hints.addObject();
                hint.put("name", property);
                ArrayNode values = hint.putArray("values");
                option.path("enum").forEach(v -> values.addObject().put("value", v.asText()));
            }
        }
        File output = new File(args[1]);
        output.getParentFile().mkdirs();
        mapper.writeValue(output, root);
        System.out.println(
                "[spring-boot-metadata] " + (properties.size() - 1) + " options of " + args[0] + " -> " + output);
    }

    static String springType(String type, String javaType) {
        switch (type) {
            case "duration":
                return "java.time.Duration";
            case "boolean":
                return "java.lang.Boolean";
            case "integer":
                return "long".equals(javaType) || "java.lang.Long".equals(javaType)
                        ? "java.lang.Long"
                        : "java.lang.Integer";
            case "string":
                return "java.lang.String";
            default:
                return javaType.isEmpty() ? "java.lang.Object" : javaType;
        }
    }

    /** 10000 -> "10s", 500 -> "500ms" (Spring's Duration notation; Camel reads both). */
    static String duration(long millis) {
        return millis != 0 && millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }

    static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

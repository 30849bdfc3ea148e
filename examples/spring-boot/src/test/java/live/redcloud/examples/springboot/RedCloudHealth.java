package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the Red Cloud producer check in the details of actuator's {@code camelHealth} component. */
final class RedCloudHealth {

    private RedCloudHealth() {}

    /** The one {@code producer:redcloud-...} entry ({@code producer:redcloud-send} here), with its state. */
    static Map.Entry<String, JsonNode> producerCheck(JsonNode camelHealth) {
        List<Map.Entry<String, JsonNode>> checks = new ArrayList<>();
        camelHealth.path("details").properties().forEach(entry -> {
            if (entry.getKey().startsWith("producer:redcloud")
                    && !entry.getKey().endsWith(".data")) {
                checks.add(entry);
            }
        });
        assertThat(checks).as("producer:redcloud-* checks in %s", camelHealth).hasSize(1);
        return checks.get(0);
    }
}

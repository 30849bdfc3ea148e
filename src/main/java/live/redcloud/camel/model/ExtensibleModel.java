package live.redcloud.camel.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Red Cloud documents only part of its payloads, so every model type keeps the fields it does not know and writes
 * them back out unchanged.
 */
public abstract class ExtensibleModel {

    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    /** Fields this version of the component does not model, in the order Red Cloud sent them. */
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }
}

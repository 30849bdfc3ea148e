package live.redcloud.camel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answer of {@code POST /api/core/numbers/search}. Red Cloud's docs show only that it starts with {@code groups}; each
 * group is kept as a JSON object so no field Red Cloud sends is lost, and every other top-level field is kept too.
 */
public class NumberSearchResult extends ExtensibleModel {

    private List<Map<String, Object>> groups = new ArrayList<>();

    public List<Map<String, Object>> getGroups() {
        return groups;
    }

    public void setGroups(List<Map<String, Object>> groups) {
        this.groups = groups == null ? new ArrayList<>() : groups;
    }

    @Override
    public String toString() {
        return "NumberSearchResult[groups=" + groups.size() + "]";
    }
}

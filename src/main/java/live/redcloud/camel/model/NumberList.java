package live.redcloud.camel.model;

import java.util.ArrayList;
import java.util.List;

/** Envelope of {@code GET /api/core/numbers}: {@code {"numbers":[...]}}. */
public class NumberList extends ExtensibleModel {

    private List<RedCloudNumber> numbers = new ArrayList<>();

    public List<RedCloudNumber> getNumbers() {
        return numbers;
    }

    public void setNumbers(List<RedCloudNumber> numbers) {
        this.numbers = numbers == null ? new ArrayList<>() : numbers;
    }
}

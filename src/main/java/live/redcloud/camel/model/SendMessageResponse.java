package live.redcloud.camel.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The 202 answer to a send: accepted recipients in {@code results[]}, rejected ones in {@code errors[]}. A 202 means
 * queued by Red Cloud, not delivered: the lifecycle arrives by webhook.
 */
public class SendMessageResponse extends ExtensibleModel {

    private List<SendResult> results = new ArrayList<>();
    private List<SendError> errors = new ArrayList<>();

    public List<SendResult> getResults() {
        return results;
    }

    public void setResults(List<SendResult> results) {
        this.results = results == null ? new ArrayList<>() : results;
    }

    public List<SendError> getErrors() {
        return errors;
    }

    public void setErrors(List<SendError> errors) {
        this.errors = errors == null ? new ArrayList<>() : errors;
    }

    /** True when at least one recipient was accepted and at least one rejected. */
    public boolean isPartial() {
        return !results.isEmpty() && !errors.isEmpty();
    }

    @Override
    public String toString() {
        return "SendMessageResponse[results=" + results + ", errors=" + errors + "]";
    }
}

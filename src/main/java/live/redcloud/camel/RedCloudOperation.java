package live.redcloud.camel;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code operation} part of a {@code redcloud:} URI. */
public enum RedCloudOperation {
    send("send"),
    whoami("whoami"),
    numbers("numbers"),
    searchNumbers("search-numbers"),
    webhook("webhook");

    private final String uriName;

    RedCloudOperation(String uriName) {
        this.uriName = uriName;
    }

    /** The name as written in a URI, e.g. {@code search-numbers}. */
    public String uriName() {
        return uriName;
    }

    public boolean isProducer() {
        return this != webhook;
    }

    public static RedCloudOperation fromUri(String name) {
        for (RedCloudOperation op : values()) {
            if (op.uriName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown Red Cloud operation '" + name + "'; use one of "
                + Arrays.stream(values()).map(RedCloudOperation::uriName).collect(Collectors.joining(", ")));
    }
}

package live.redcloud.examples.benchmarks;

import java.util.Locale;

/** How a round drives a client, by the name used in {@code -Dbench.modes}. */
public enum DriveMode {

    /** One driver thread keeps C sends in flight through {@link SendClient#send} (closed loop, {@link LoadDriver}). */
    ASYNC("async"),
    /** C caller threads, each one {@link SendClient#sendAndWait} after another ({@link WaitingDriver}). */
    WAITING("waiting");

    private final String id;

    DriveMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** One round of {@code sends} sends with {@code concurrency} in flight, in this mode. */
    public RoundResult run(
            SendClient client, int sends, int concurrency, long timeoutMillis, boolean measureAllocations)
            throws InterruptedException {
        return run(client, sends, concurrency, timeoutMillis, measureAllocations, 0);
    }

    /** The same with a time cap ({@link WaitingDriver}; waiting mode only), or 0 for none. */
    public RoundResult run(
            SendClient client,
            int sends,
            int concurrency,
            long timeoutMillis,
            boolean measureAllocations,
            long capMillis)
            throws InterruptedException {
        if (this == ASYNC) {
            if (capMillis > 0) {
                throw new IllegalArgumentException("a round time cap is for waiting mode only");
            }
            return LoadDriver.run(client, sends, concurrency, timeoutMillis, measureAllocations);
        }
        return WaitingDriver.run(client, sends, concurrency, timeoutMillis, measureAllocations, capMillis);
    }

    public static DriveMode of(String id) {
        for (DriveMode m : values()) {
            if (m.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode " + id + " (async, waiting)");
    }
}

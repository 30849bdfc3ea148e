package live.redcloud.camel;

/** What the start-up check does with what it finds (option {@code startupCheck}). */
public enum StartupCheckMode {
    /** Each finding is one WARN line naming the option to fix; start-up goes on. */
    warn,
    /** A definite misconfiguration stops the route (and so the application) from starting. */
    fail,
    /** No call to Red Cloud at start. */
    off
}

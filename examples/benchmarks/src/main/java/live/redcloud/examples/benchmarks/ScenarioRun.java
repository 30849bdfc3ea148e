package live.redcloud.examples.benchmarks;

import java.util.List;

/** The results of all clients for one scenario in one mode: one block of rows in the table. */
public record ScenarioRun(Scenario scenario, DriveMode mode, List<ClientResult> results) {

    /** The result of that client, or {@code null} if it was not run. */
    public ClientResult of(ClientKind kind) {
        return results.stream().filter(r -> r.kind() == kind).findFirst().orElse(null);
    }
}

package live.redcloud.examples.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scenario in one {@linkplain DriveMode mode} for several clients against one stub: each client is started and
 * primed with one send on its own (so the token is fetched once, before any concurrency), then all clients take turns
 * round by round (warm-up rounds, then measured rounds), so slow drifts of the machine spread over all of them alike.
 * Finally each client kind is started once more with a fresh client id and hit with a cold burst of {@code C}
 * concurrent sends in the same mode, to count how many token requests a cold start under load makes. A scenario with
 * {@linkplain Scenario#workMillis() work} gives every client that blocking step after its send ({@link RouteSteps}).
 */
public final class Harness {

    private static final AtomicInteger RUN = new AtomicInteger();

    /**
     * @param deadlineNanos {@link System#nanoTime()} after which no further round starts
     * @param roundCapMillis a time cap for each warm-up and measured round (waiting mode only; see
     *     {@link WaitingDriver}), 0 for none
     */
    public record Options(
            int warmupRounds,
            int measuredRounds,
            long roundTimeoutMillis,
            boolean measureAllocations,
            boolean strictStub,
            boolean coldBurst,
            long deadlineNanos,
            long roundCapMillis) {

        public Options(
                int warmupRounds,
                int measuredRounds,
                long roundTimeoutMillis,
                boolean measureAllocations,
                boolean strictStub,
                boolean coldBurst,
                long deadlineNanos) {
            this(
                    warmupRounds,
                    measuredRounds,
                    roundTimeoutMillis,
                    measureAllocations,
                    strictStub,
                    coldBurst,
                    deadlineNanos,
                    0);
        }
    }

    private Harness() {}

    public static List<ClientResult> runScenario(
            Scenario scenario, DriveMode mode, List<ClientKind> kinds, Options options, PrintStream log)
            throws Exception {
        int run = RUN.incrementAndGet();
        int c = scenario.concurrency();
        int n = scenario.sends();
        RouteSteps steps = RouteSteps.work(scenario.workMillis());
        Map<ClientKind, ClientResult> results = new LinkedHashMap<>();
        try (StubRedCloud stub = StubRedCloud.start(scenario.latencyMillis(), options.strictStub())) {
            List<SendClient> clients = new ArrayList<>();
            long[] succeeded = new long[kinds.size()];
            try {
                for (ClientKind kind : kinds) {
                    SendClient client = kind.create(stub, kind.id() + "-" + mode.id() + "-run" + run, c, steps);
                    clients.add(client);
                    client.start();
                    ClientResult result = new ClientResult(kind, client.name());
                    results.put(kind, result);
                    RoundResult prime = mode.run(client, 1, 1, options.roundTimeoutMillis(), false);
                    succeeded[clients.size() - 1] += prime.succeeded();
                    if (!prime.allSucceeded()) {
                        result.problem("first send failed: " + prime.firstFailure());
                    }
                }
                for (int w = 0; w < options.warmupRounds(); w++) {
                    for (int i = 0; i < clients.size(); i++) {
                        if (pastDeadline(options, log)) {
                            break;
                        }
                        RoundResult r = mode.run(
                                clients.get(i), n, c, options.roundTimeoutMillis(), false, options.roundCapMillis());
                        succeeded[i] += r.succeeded();
                        log.printf(
                                "  warm-up %d  %-34s %9.0f sends/s%s%s%n",
                                w + 1,
                                clients.get(i).name(),
                                r.sendsPerSecond(),
                                capped(r, n, options),
                                r.allSucceeded() ? "" : "  FAILED: " + r.firstFailure());
                        if (!r.allSucceeded()) {
                            results.get(kinds.get(i)).problem("warm-up: " + r.firstFailure());
                        }
                    }
                }
                for (int m = 0; m < options.measuredRounds(); m++) {
                    for (int i = 0; i < clients.size(); i++) {
                        if (pastDeadline(options, log)) {
                            break;
                        }
                        if (options.measureAllocations()) {
                            System.gc(); // each round starts on an empty young generation
                        }
                        RoundResult r = mode.run(
                                clients.get(i),
                                n,
                                c,
                                options.roundTimeoutMillis(),
                                options.measureAllocations(),
                                options.roundCapMillis());
                        results.get(kinds.get(i)).add(r);
                        succeeded[i] += r.succeeded();
                        log.printf(
                                "  round %d    %-34s %9.0f sends/s  %8.0f B/send  %6.1f us CPU/send  stub %3.0f%% of a"
                                        + " core%s%s%n",
                                m + 1,
                                clients.get(i).name(),
                                r.sendsPerSecond(),
                                r.allocatedBytes() / (double) r.sends(),
                                r.cpuNanos() / 1000.0 / r.sends(),
                                100 * r.stubBusyCores(),
                                capped(r, n, options),
                                r.allSucceeded() ? "" : "  FAILED: " + r.firstFailure());
                    }
                }
                // let answers to sends that timed out arrive before counting what the stub accepted
                Thread.sleep(Math.min(2_000, 100 + 20 * scenario.latencyMillis()));
                for (int i = 0; i < clients.size(); i++) {
                    ClientResult result = results.get(kinds.get(i));
                    result.tokenRequests(stub.tokenRequests(clients.get(i).clientId()));
                    long accepted = stub.acceptedSends(clients.get(i).clientId());
                    if (accepted != succeeded[i]) {
                        result.problem("the stub accepted " + accepted + " sends but the client saw " + succeeded[i]
                                + " succeed: " + (accepted - succeeded[i]) + " were sent although reported failed");
                    }
                }
            } finally {
                for (SendClient client : clients) {
                    closeQuietly(client);
                }
            }
            if (options.coldBurst()) {
                for (ClientKind kind : kinds) {
                    if (pastDeadline(options, log)) {
                        break;
                    }
                    SendClient client = kind.create(stub, kind.id() + "-" + mode.id() + "-cold" + run, c, steps);
                    try {
                        client.start();
                        RoundResult r = mode.run(client, c, c, options.roundTimeoutMillis(), false);
                        ClientResult result = results.get(kind);
                        result.coldBurstTokenRequests(stub.tokenRequests(client.clientId()));
                        if (!r.allSucceeded()) {
                            result.problem("cold burst: " + r.firstFailure());
                        }
                    } finally {
                        closeQuietly(client);
                    }
                }
            }
            if (stub.rejectedRequests() > 0) {
                log.println("  the stub rejected " + stub.rejectedRequests() + " request(s), first: "
                        + stub.firstRejection());
            }
        }
        return new ArrayList<>(results.values());
    }

    private static String capped(RoundResult r, int n, Options options) {
        return r.capped()
                ? String.format(
                        Locale.ROOT, "  (time cap %d ms: %,d of %,d sends)", options.roundCapMillis(), r.sends(), n)
                : "";
    }

    private static boolean pastDeadline(Options options, PrintStream log) {
        if (System.nanoTime() - options.deadlineNanos() > 0) {
            log.println("  time budget used up: skipping the remaining rounds");
            return true;
        }
        return false;
    }

    static void closeQuietly(SendClient client) {
        try {
            client.close();
        } catch (RuntimeException e) {
            // stopping anyway
        }
    }
}

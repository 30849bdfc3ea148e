package live.redcloud.examples.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.sandbox.RedCloudSandbox;
import live.redcloud.sandbox.WebhookAttempt;

/**
 * The cluster run: a real PostgreSQL, N instance JVMs behind {@link Balancer}, the Red Cloud sandbox sending signed
 * lifecycle and inbound events to the balancer with its retry schedule scaled down, and the faults (SIGKILLs and
 * restarts, route failures, duplicate deliveries, one database restart). It ends with one line computed by SQL and
 * exits 0 only when nothing was lost or applied twice and every message reached its terminal state.
 */
public final class ClusterMain {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger SANDBOX_LOG =
            java.util.logging.Logger.getLogger("live.redcloud.sandbox");

    private final ClusterSettings settings;
    private final PrintStream out;
    private final Random random;
    private final List<InstanceProcess> instances = new ArrayList<>();
    private final Map<String, Boolean> sent = new ConcurrentHashMap<>();
    private final AtomicInteger inbound = new AtomicInteger();
    private final AtomicInteger sendFailures = new AtomicInteger();
    private final Path runDirectory;
    private String summary;

    ClusterMain(ClusterSettings settings, PrintStream out) throws IOException {
        this.settings = settings;
        this.out = out;
        this.random = new Random(settings.seed);
        this.runDirectory = Files.createTempDirectory("redcloud-cluster-run");
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new ClusterMain(ClusterSettings.parse(args), System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println("cluster: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("cluster FAILED: " + e + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            code = 1;
        }
        System.exit(code);
    }

    String summary() {
        return summary;
    }

    int run() throws Exception {
        // the sandbox logs every retry through java.util.logging; the progress lines below say what matters
        SANDBOX_LOG.setLevel(java.util.logging.Level.SEVERE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds);
        Thread cleanup = new Thread(this::killAll, "cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Database db = null;
        Balancer balancer = null;
        RedCloudSandbox sandbox = null;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            db = Database.start(freePort());
            out.println("cluster: PostgreSQL 14 on 127.0.0.1:" + db.port() + "; instance logs in " + runDirectory);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < settings.instances; i++) {
                ports.add(freePort());
            }
            balancer = new Balancer(ports, settings.duplicateRate, settings.seed);
            sandbox = RedCloudSandbox.builder()
                    .retryScale(settings.timeScale)
                    .eventDelay(Duration.ofMillis(20))
                    .seed(settings.seed)
                    .build()
                    .start();
            sandbox.deliveryWebhookUrl(balancer.url()).inboundWebhookUrl(balancer.url());
            for (int i = 0; i < settings.instances; i++) {
                InstanceProcess instance = new InstanceProcess(
                        "instance-" + i,
                        ports.get(i),
                        db.jdbcUrl(),
                        settings.routeFailureRate,
                        settings.seed * 1000 + i,
                        runDirectory,
                        settings.leaseMillis(),
                        settings.stores);
                instances.add(instance);
                instance.start();
            }
            for (InstanceProcess instance : instances) {
                instance.awaitListening(Duration.ofSeconds(60));
            }
            // a rollout: traffic starts once every instance is ready, as the balancer sees it
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (balancer.readyInstances() < settings.instances && System.nanoTime() < readyBy) {
                Thread.sleep(100);
            }
            out.printf(
                    "cluster: %d instances behind %s (%s, lease %d ms); Red Cloud redelivers after %s%n",
                    settings.instances, balancer.url(), settings.stores, settings.leaseMillis(), redeliveries());

            RedCloudSandbox sb = sandbox;
            String token = sandbox.issueToken();
            long sendNanos = (long) (1e9 / settings.rate);
            long start = System.nanoTime();
            for (int i = 0; i < settings.messages; i++) {
                int n = i;
                long at = start + n * sendNanos;
                senders.submit(() -> send(sb, token, n, at));
            }
            senders.shutdown();

            long sendPhase = (long) (settings.messages * 1e9 / settings.rate);
            long dbRestartAt = start + sendPhase / 2;
            boolean dbRestarted = !settings.restartDatabase;
            long killNanos = settings.killEvery > 0 ? (long) (settings.killEvery * 1e9) : Long.MAX_VALUE;
            long nextKill = start + Math.min(killNanos, Math.max(sendPhase / 3, 1));
            long nextProgress = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                boolean sending = !senders.isTerminated();
                if (!sending && settled(sandbox) == expectedEvents()) {
                    break;
                }
                if (now > deadline) {
                    out.println("cluster: timeout: not every event settled in " + settings.timeoutSeconds + " s");
                    break;
                }
                if (sending && now >= nextKill) {
                    InstanceProcess victim = instances.get(random.nextInt(instances.size()));
                    victim.kill();
                    fault(db, "kill");
                    out.println("cluster: SIGKILL " + victim.name + " (restarting it)");
                    victim.start();
                    nextKill = now + killNanos;
                }
                if (!dbRestarted && now >= dbRestartAt) {
                    out.println("cluster: restarting PostgreSQL");
                    db.restart();
                    dbRestarted = true;
                    fault(db, "database-restart");
                    out.println("cluster: PostgreSQL is back");
                }
                for (InstanceProcess instance : instances) {
                    if (!instance.isAlive()) {
                        // e.g. it started while the database was down: a supervisor (Kubernetes) restarts it
                        instance.start();
                    }
                }
                if (now >= nextProgress) {
                    out.printf(
                            "cluster: sent=%d/%d inbound=%d events settled=%d/%d answers=%s duplicated=%d%n",
                            sent.size(),
                            settings.messages,
                            inbound.get(),
                            settled(sandbox),
                            expectedEvents(),
                            balancer.statuses(),
                            balancer.duplicated());
                    nextProgress = now + TimeUnit.SECONDS.toNanos(2);
                }
                Thread.sleep(100);
            }
            record(db, sandbox);
            Summary result = Summary.of(db.dataSource());
            summary = result.line();
            out.println("cluster: answers to Red Cloud " + balancer.statuses() + ", same event at two instances "
                    + balancer.duplicated() + " times, both routed it " + balancer.bothAccepted() + " times, sent on"
                    + " to another ready instance " + balancer.retriedElsewhere() + " times, no instance ready "
                    + balancer.noneReady() + " times"
                    + (sendFailures.get() > 0 ? ", sends failed " + sendFailures.get() : ""));
            for (String line : Summary.unsettled(db.dataSource(), 20)) {
                out.println("cluster: " + line);
            }
            out.println(summary);
            return result.ok() && balancer.bothAccepted() == 0 ? 0 : 1;
        } finally {
            senders.shutdownNow();
            stopAll();
            if (sandbox != null) {
                sandbox.close();
            }
            if (balancer != null) {
                balancer.close();
            }
            if (db != null) {
                db.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private void send(RedCloudSandbox sandbox, String token, int n, long at) {
        try {
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean fails = n % 10 == 7;
            String to = fails ? RedCloudSandbox.FAILURE_RECIPIENT : String.format("+1555%07d", n);
            String body = "{\"sendFrom\":\"" + RedCloudSandbox.NUMBER_SMS_MMS + "\",\"to\":[\"" + to
                    + "\"],\"messageType\":\"SMS\",\"text\":\"cluster message " + n + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/core/messages/send"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "cluster-" + settings.seed + "-" + n)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("results").path(0);
            if (response.statusCode() != 202 || !result.has("messageId")) {
                sendFailures.incrementAndGet();
                return;
            }
            sent.put(result.get("messageId").asText(), fails);
            if (settings.inboundEvery > 0 && n % settings.inboundEvery == 0) {
                sandbox.simulateInbound(String.format("+1666%07d", n), RedCloudSandbox.NUMBER_SMS_MMS, "reply " + n);
                inbound.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            sendFailures.incrementAndGet();
        }
    }

    private int expectedEvents() {
        int events = inbound.get();
        for (boolean fails : sent.values()) {
            events += fails ? 2 : 3;
        }
        return events;
    }

    /** Events Red Cloud is done with: delivered (2xx), or given up after the fifth failed attempt. */
    private static int settled(RedCloudSandbox sandbox) {
        Map<String, Boolean> done = new HashMap<>();
        for (WebhookAttempt a : sandbox.admin().webhookAttempts()) {
            if (a.outcome() == WebhookAttempt.Outcome.DELIVERED
                    || a.outcome() == WebhookAttempt.Outcome.FAILED_TERMINALLY) {
                done.put(a.eventId(), Boolean.TRUE);
            }
        }
        return done.size();
    }

    /**
     * Writes what Red Cloud sent (the sandbox's own record) next to what the instances applied: per event whether it
     * was delivered (a 2xx), whether Red Cloud gave up on it, and the answer of every attempt.
     */
    private void record(Database db, RedCloudSandbox sandbox) throws SQLException {
        Map<String, List<WebhookAttempt>> events = new HashMap<>();
        for (WebhookAttempt a : sandbox.admin().webhookAttempts()) {
            String key = a.eventType() + ":" + a.messageId() + sequenceSuffix(a.eventType());
            events.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        }
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sent (message_id) VALUES (?)")) {
                for (String id : sent.keySet()) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO expected_events (event_key, delivered," + " gave_up, answers) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, List<WebhookAttempt>> e : events.entrySet()) {
                    List<WebhookAttempt> attempts = e.getValue();
                    attempts.sort(java.util.Comparator.comparingInt(WebhookAttempt::attempt));
                    ps.setString(1, e.getKey());
                    ps.setBoolean(2, attempts.stream().anyMatch(a -> a.outcome() == WebhookAttempt.Outcome.DELIVERED));
                    ps.setBoolean(
                            3,
                            attempts.stream().anyMatch(a -> a.outcome() == WebhookAttempt.Outcome.FAILED_TERMINALLY));
                    ps.setString(
                            4,
                            attempts.stream()
                                    .map(a -> a.statusCode() != null
                                            ? a.statusCode().toString()
                                            : "no answer")
                                    .collect(java.util.stream.Collectors.joining(", ")));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private String redeliveries() {
        return java.util.stream.Stream.of(1, 5, 15, 60)
                .map(minutes -> String.format("%.1f", minutes * 60 * settings.timeScale))
                .collect(java.util.stream.Collectors.joining("/", "", " s"));
    }

    /** The dedup key's sequence part (see DedupKeys): the sandbox numbers each lifecycle 1, 2, 3. */
    private static String sequenceSuffix(String type) {
        return switch (type) {
            case "message.queued" -> ":1";
            case "message.sent", "message.failed" -> ":2";
            case "message.delivery" -> ":3";
            default -> "";
        };
    }

    private static void fault(Database db, String kind) {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO faults (kind) VALUES ('" + kind + "')");
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the fault " + kind, e);
        }
    }

    private void killAll() {
        for (InstanceProcess instance : instances) {
            instance.kill();
        }
    }

    /** The run is over: a graceful stop (SIGTERM), so the instances' shutdown hooks run (a coverage agent dumps). */
    private void stopAll() {
        long start = System.nanoTime();
        instances.forEach(InstanceProcess::terminate);
        int killed = 0;
        for (InstanceProcess instance : instances) {
            if (!instance.awaitExit(Duration.ofSeconds(15))) {
                instance.kill();
                killed++;
            }
        }
        out.println("cluster: instances stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms"
                + (killed > 0 ? ", " + killed + " killed after 15 s" : ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One instance JVM: same java, same class path, logs to a file; killed with SIGKILL, restarted on its port. */
    static final class InstanceProcess {
        final String name;
        private final int port;
        private final String jdbcUrl;
        private final double failureRate;
        private final long seed;
        private final Path logs;
        private final long leaseMillis;
        private final String stores;
        private int starts;
        private volatile Process process;

        InstanceProcess(
                String name,
                int port,
                String jdbcUrl,
                double failureRate,
                long seed,
                Path logs,
                long leaseMillis,
                String stores) {
            this.leaseMillis = leaseMillis;
            this.stores = stores;
            this.name = name;
            this.port = port;
            this.jdbcUrl = jdbcUrl;
            this.failureRate = failureRate;
            this.seed = seed;
            this.logs = logs;
        }

        synchronized void start() throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            File log = logs.resolve(name + ".log").toFile();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            // the launcher's Java agents go with it (in the build: JaCoCo's, so the instances count for coverage)
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(arg -> arg.startsWith("-javaagent:"))
                    .forEach(command::add);
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    Instance.class.getName(),
                    name,
                    String.valueOf(port),
                    jdbcUrl,
                    RedCloudSandbox.DEFAULT_SIGNING_SECRET,
                    String.valueOf(failureRate),
                    String.valueOf(seed + 7919L * starts++),
                    String.valueOf(leaseMillis),
                    stores));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            process = builder.start();
        }

        boolean isAlive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        void awaitListening(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout);
        }

        /** SIGTERM: Camel Main's shutdown hook stops the routes gracefully. */
        synchronized void terminate() {
            Process p = process;
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }

        /** Whether the instance's JVM has exited within the timeout (or was not running). */
        boolean awaitExit(Duration timeout) {
            Process p = process;
            try {
                return p == null || p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** SIGKILL: no shutdown hook, no graceful stop, claims left behind. */
        synchronized void kill() {
            Process p = process;
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package live.redcloud.examples.karaf;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apache Karaf, unpacked by Maven, copied afresh into a work directory, configured on free ports and run
 * headless ({@code bin/karaf server}) as a child process. Commands go through {@code bin/client} in batch mode
 * with the commands on standard input (a command passed as an argument misbehaves with this client).
 */
final class KarafContainer implements AutoCloseable {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);
    private static final String SPLIT = "@@karaf-it-output-split@@";

    private final Path home;
    private final String version;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private final int httpPort;
    private final Path consoleLog;
    private Process process;

    private KarafContainer(
            Path home, String version, int sshPort, int rmiRegistryPort, int rmiServerPort, int httpPort) {
        this.home = home;
        this.version = version;
        this.sshPort = sshPort;
        this.rmiRegistryPort = rmiRegistryPort;
        this.rmiServerPort = rmiServerPort;
        this.httpPort = httpPort;
        this.consoleLog = home.resolveSibling("karaf-console.log");
    }

    /** Copies the pristine distribution to {@code workDir} and configures it; does not start it. */
    static KarafContainer prepare(Path distribution, Path workDir, String version, String localRepository)
            throws IOException {
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Path home = workDir.resolve(distribution.getFileName());
        copyRecursively(distribution, home);
        int[] ports = freePorts(4);
        KarafContainer karaf = new KarafContainer(home, version, ports[0], ports[1], ports[2], ports[3]);
        karaf.configure(localRepository);
        return karaf;
    }

    private void configure(String localRepository) throws IOException {
        Path etc = home.resolve("etc");
        // the distribution ships without an active user: enable karaf/karaf for bin/client
        edit(
                etc.resolve("users.properties"),
                text -> text.replace("#karaf = karaf,_g_:admingroup", "karaf = karaf,_g_:admingroup")
                        .replace("#_g_\\:admingroup = ", "_g_\\:admingroup = "));
        edit(
                etc.resolve("org.apache.karaf.shell.cfg"),
                text -> text.replaceAll("(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort));
        edit(
                etc.resolve("org.apache.karaf.management.cfg"),
                text -> text.replaceAll("(?m)^rmiRegistryPort\\s*=.*$", "rmiRegistryPort = " + rmiRegistryPort)
                        .replaceAll("(?m)^rmiServerPort\\s*=.*$", "rmiServerPort = " + rmiServerPort));
        // only used once an HTTP service (pax-web) is installed, set so that it could never collide either
        Files.writeString(
                etc.resolve("org.ops4j.pax.web.cfg"),
                "org.osgi.service.http.port = " + httpPort + "\n",
                StandardCharsets.UTF_8);
        if (localRepository != null && !localRepository.isBlank()) {
            // Karaf's mvn: resolver uses the same local repository as the Maven build and never goes online: every
            // mvn: location the test needs (Camel's features repositories) was downloaded by the build
            edit(
                    etc.resolve("org.ops4j.pax.url.mvn.cfg"),
                    text -> text
                            + "\norg.ops4j.pax.url.mvn.localRepository = " + localRepository.replace('\\', '/')
                            + "\norg.ops4j.pax.url.mvn.offline = true\n");
        }
        String users = Files.readString(etc.resolve("users.properties"));
        if (!users.contains("\nkaraf = karaf,_g_:admingroup")) {
            throw new IllegalStateException("could not enable the karaf user in " + etc.resolve("users.properties"));
        }
    }

    void start() throws IOException {
        Path script = home.resolve("bin/karaf");
        script.toFile().setExecutable(true);
        home.resolve("bin/client").toFile().setExecutable(true);
        home.resolve("bin/stop").toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile());
        environment(builder.environment());
        process = builder.start();
    }

    /** Waits, bounded, until the remote console answers; fails early if Karaf's process ended. */
    void awaitConsole(Duration atMost) {
        await("Karaf " + version + " console on ssh port " + sshPort)
                .atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .pollDelay(Duration.ofSeconds(2))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Karaf exited with " + process.exitValue()
                                + " before its console answered; see " + consoleLog);
                    }
                    String out = execute(Duration.ofSeconds(20), "system:version");
                    return out.lines().anyMatch(line -> line.trim().equals(version));
                });
    }

    /** Runs commands (one per line) in one bin/client session and returns stdout and stderr, ANSI codes removed. */
    String execute(String... commands) {
        return execute(CLIENT_TIMEOUT, commands);
    }

    /**
     * Runs the commands in one bin/client session (one client JVM start instead of one per command) and returns
     * each command's output, split at echoed markers.
     */
    List<String> executeEach(Duration timeout, List<String> commands) {
        List<String> script = new ArrayList<>();
        for (String command : commands) {
            script.add("echo " + SPLIT);
            script.add(command);
        }
        script.add("echo " + SPLIT);
        String out = execute(timeout, script.toArray(String[]::new));
        List<String> parts = new ArrayList<>(List.of(out.split("(?m)^" + Pattern.quote(SPLIT) + "\\R?", -1)));
        // before the first marker (client notices) and after the last one
        if (parts.size() != commands.size() + 2) {
            throw new IllegalStateException("expected the output of " + commands.size() + " commands, got:\n" + out);
        }
        return List.copyOf(parts.subList(1, parts.size() - 1));
    }

    String execute(Duration timeout, String... commands) {
        try {
            Path input = Files.createTempFile(home.getParent(), "commands", ".txt");
            Path output = Files.createTempFile(home.getParent(), "client", ".out");
            Files.writeString(input, String.join("\n", commands) + "\n", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/client").toString(),
                            "-a",
                            Integer.toString(sshPort),
                            "-h",
                            "127.0.0.1",
                            "-u",
                            "karaf",
                            "-p",
                            "karaf",
                            "-b")
                    .directory(home.toFile())
                    .redirectInput(input.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            environment(builder.environment());
            Process client = builder.start();
            if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(client);
                throw new IllegalStateException("bin/client did not finish within " + timeout + " for "
                        + List.of(commands) + "; output so far: " + Files.readString(output));
            }
            String text = ANSI.matcher(Files.readString(output, StandardCharsets.UTF_8))
                    .replaceAll("");
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** bin/stop, then, if Karaf is still running after a bounded wait, kill it and its children. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                ProcessBuilder stop = new ProcessBuilder(
                                home.resolve("bin/stop").toString())
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
                environment(stop.environment());
                Process stopper = stop.start();
                if (!stopper.waitFor(30, TimeUnit.SECONDS)) {
                    destroyTree(stopper);
                }
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // fall through to the kill below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                destroyTree(process);
            }
        }
    }

    private void environment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JAVA_OPTS");
        env.remove("EXTRA_JAVA_OPTS");
    }

    private static void destroyTree(Process process) {
        // bin/karaf runs java as a child (it does not exec it in "server" mode): end the children first
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    Path home() {
        return home;
    }

    Path karafLog() {
        return home.resolve("data/log/karaf.log");
    }

    String ports() {
        return "ssh " + sshPort + ", rmi registry " + rmiRegistryPort + ", rmi server " + rmiServerPort + ", http "
                + httpPort;
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    private interface Edit {
        String apply(String text);
    }

    private static void edit(Path file, Edit edit) throws IOException {
        Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}

package live.redcloud.sandbox;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * {@code java -jar redcloud-sandbox.jar --port 8089}: runs the sandbox until the process is stopped (Ctrl-C).
 * Prints one line when ready; {@code --help} lists every setting.
 */
public final class SandboxMain {

    /** What a launch produced: a running sandbox, or an exit code when there is nothing to run. */
    record Launch(int exitCode, RedCloudSandbox sandbox) {}

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        Launch launch = launch(args, System.out, System.err);
        if (launch.sandbox() == null) {
            System.exit(launch.exitCode());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            launch.sandbox().close();
                            stopped.countDown();
                        },
                        "redcloud-sandbox-shutdown"));
        stopped.await();
    }

    /** Parses, builds and starts; prints the ready line (never a secret) or the error. Exit codes: 0 help, 2 usage, 1 bind. */
    static Launch launch(String[] args, PrintStream out, PrintStream err) {
        SandboxCli.Options options;
        try {
            options = SandboxCli.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to list the settings.");
            return new Launch(2, null);
        }
        if (options.help) {
            out.print(SandboxCli.usage());
            out.flush();
            return new Launch(0, null);
        }
        RedCloudSandbox sandbox;
        try {
            sandbox = options.create();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return new Launch(2, null);
        }
        configureLogging(options.verbose);
        try {
            sandbox.start();
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return new Launch(1, null);
        }
        out.println("Red Cloud sandbox listening on " + sandbox.baseUrl());
        out.flush();
        return new Launch(0, sandbox);
    }

    /** Sandbox logs go to stderr as single lines, so stdout carries only the ready line. */
    private static void configureLogging(boolean verbose) {
        Logger logger = Logger.getLogger(SandboxMain.class.getPackageName());
        if (logger.getHandlers().length > 0) {
            return;
        }
        Level level = verbose ? Level.FINE : Level.INFO;
        StreamHandler handler = new StreamHandler(System.err, new OneLineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        logger.setLevel(level);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    private static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        @Override
        public String format(LogRecord r) {
            String line = LocalTime.now().format(TIME) + " " + r.getLevel().getName() + " " + formatMessage(r)
                    + System.lineSeparator();
            if (r.getThrown() != null) {
                line += r.getThrown() + System.lineSeparator();
            }
            return line;
        }
    }
}

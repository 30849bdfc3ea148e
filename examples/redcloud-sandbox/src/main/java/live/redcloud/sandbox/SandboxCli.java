package live.redcloud.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Command-line settings of the standalone sandbox. The flag table below is the single source for both parsing and
 * {@code --help}, so the help always lists every setting. Flags take {@code --name value} or {@code --name=value}.
 */
final class SandboxCli {

    static final int DEFAULT_PORT = 8089;

    /** The parsed command line: a builder plus what is applied to the built sandbox. */
    static final class Options {
        final RedCloudSandbox.Builder builder = RedCloudSandbox.builder().port(DEFAULT_PORT);
        final Map<String, String> numberDeliveryOverrides = new LinkedHashMap<>();
        final Map<String, String> numberInboundOverrides = new LinkedHashMap<>();
        int failNextSends;
        int failStatus = 500;
        int dropNextSends;
        int failNextTokenRequests;
        int failNextWebhookDeliveries;
        boolean help;
        boolean verbose;

        /** Builds the (unstarted) sandbox with every parsed setting applied. */
        RedCloudSandbox create() {
            RedCloudSandbox sandbox = builder.build();
            numberDeliveryOverrides.forEach((id, url) -> sandbox.number(id).webhookDeliveryOverride(url));
            numberInboundOverrides.forEach((id, url) -> sandbox.number(id).webhookInboundOverride(url));
            sandbox.faults()
                    .failNextSends(failNextSends, failStatus)
                    .dropNextSendsAfterCommit(dropNextSends)
                    .failNextTokenRequests(failNextTokenRequests)
                    .failNextWebhookDeliveries(failNextWebhookDeliveries);
            return sandbox;
        }
    }

    private record Flag(String name, String arg, String help, BiConsumer<Options, String> apply) {
        boolean takesValue() {
            return arg != null;
        }
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("--host", "HOST", "interface to bind (default 127.0.0.1)", (o, v) -> o.builder.host(v)),
            new Flag(
                    "--port",
                    "PORT",
                    "port to listen on (default 8089; 0 = a free port)",
                    (o, v) -> o.builder.port(integer(v, "--port"))),
            new Flag(
                    "--client-id",
                    "ID",
                    "the API client's client_id (default rc_test_client_123)",
                    (o, v) -> o.builder.clientId(v)),
            new Flag(
                    "--client-secret",
                    "SECRET",
                    "the API client's client_secret (default rc_secret_abc123)",
                    (o, v) -> o.builder.clientSecret(v)),
            new Flag(
                    "--signing-secret",
                    "SECRET",
                    "webhook signing secret (default whsec_sandbox_secret)",
                    (o, v) -> o.builder.signingSecret(v)),
            new Flag(
                    "--no-signing",
                    null,
                    "send webhooks without X-RedCloud-Timestamp/X-RedCloud-Signature",
                    (o, v) -> o.builder.noSigning()),
            new Flag(
                    "--delivery-webhook-url",
                    "URL",
                    "account-level URL for message.queued/sent/delivery/failed" + " (default none)",
                    (o, v) -> o.builder.deliveryWebhookUrl(v)),
            new Flag(
                    "--inbound-webhook-url",
                    "URL",
                    "account-level URL for message.inbound (default none)",
                    (o, v) -> o.builder.inboundWebhookUrl(v)),
            new Flag(
                    "--number-delivery-webhook",
                    "NUMBER_ID=URL",
                    "per-number webhookDeliveryOverride (repeatable)",
                    (o, v) -> pair(v, "--number-delivery-webhook", o.numberDeliveryOverrides)),
            new Flag(
                    "--number-inbound-webhook",
                    "NUMBER_ID=URL",
                    "per-number webhookInboundOverride (repeatable)",
                    (o, v) -> pair(v, "--number-inbound-webhook", o.numberInboundOverrides)),
            new Flag(
                    "--token-lifetime",
                    "SECONDS",
                    "access token lifetime, expires_in (default 3600)",
                    (o, v) -> o.builder.tokenLifetime(Duration.ofSeconds(integer(v, "--token-lifetime")))),
            new Flag(
                    "--retry-scale",
                    "FACTOR",
                    "webhook retry delay multiplier: 1.0 = 1/5/15/60 minutes,"
                            + " 0.001 = 60/300/900/3600 ms (default 1.0)",
                    (o, v) -> o.builder.retryScale(decimal(v, "--retry-scale"))),
            new Flag(
                    "--event-delay-ms",
                    "MS",
                    "delay before each lifecycle event (default 200)",
                    (o, v) -> o.builder.eventDelay(Duration.ofMillis(integer(v, "--event-delay-ms")))),
            new Flag(
                    "--seed",
                    "N",
                    "seed for fault draws and ids (default random)",
                    (o, v) -> o.builder.seed(longValue(v, "--seed"))),
            new Flag(
                    "--send-error-rate",
                    "P",
                    "probability 0..1 that a send answers 500 SERVER_ERROR (default 0)",
                    (o, v) -> o.builder.sendErrorRate(decimal(v, "--send-error-rate"))),
            new Flag(
                    "--send-rate-limit-rate",
                    "P",
                    "probability 0..1 that a send answers 429 RATE_LIMITED" + " (default 0)",
                    (o, v) -> o.builder.sendRateLimitRate(decimal(v, "--send-rate-limit-rate"))),
            new Flag(
                    "--retry-after-seconds",
                    "SECONDS",
                    "Retry-After of 429 answers (default 1)",
                    (o, v) -> o.builder.retryAfterSeconds(integer(v, "--retry-after-seconds"))),
            new Flag(
                    "--drop-after-commit-rate",
                    "P",
                    "probability 0..1 that a send is accepted and stored, then the"
                            + " connection is closed with no response (default 0)",
                    (o, v) -> o.builder.dropAfterCommitRate(decimal(v, "--drop-after-commit-rate"))),
            new Flag(
                    "--token-error-rate",
                    "P",
                    "probability 0..1 that a token request answers 500 server_error" + " (default 0)",
                    (o, v) -> o.builder.tokenErrorRate(decimal(v, "--token-error-rate"))),
            new Flag(
                    "--fail-next-sends",
                    "N",
                    "the first N sends fail with --fail-status (default 0)",
                    (o, v) -> o.failNextSends = integer(v, "--fail-next-sends")),
            new Flag(
                    "--fail-status",
                    "STATUS",
                    "status for --fail-next-sends: 429, 500, 502, 503 or 504 (default 500)",
                    (o, v) -> o.failStatus = integer(v, "--fail-status")),
            new Flag(
                    "--drop-next-sends",
                    "N",
                    "the first N accepted sends drop the connection after committing" + " (default 0)",
                    (o, v) -> o.dropNextSends = integer(v, "--drop-next-sends")),
            new Flag(
                    "--fail-next-token-requests",
                    "N",
                    "the first N token requests answer 500 (default 0)",
                    (o, v) -> o.failNextTokenRequests = integer(v, "--fail-next-token-requests")),
            new Flag(
                    "--fail-next-webhook-deliveries",
                    "N",
                    "the first N webhook delivery attempts fail as if the"
                            + " receiver were unreachable, and are retried on the schedule (default 0)",
                    (o, v) -> o.failNextWebhookDeliveries = integer(v, "--fail-next-webhook-deliveries")),
            new Flag(
                    "--verbose",
                    null,
                    "log each request (method, path, status) and webhook delivery to stderr",
                    (o, v) -> o.verbose = true),
            new Flag("--help", null, "print this help and exit", (o, v) -> o.help = true));

    private SandboxCli() {}

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException with a message fit for the user on an unknown flag or a bad value
     */
    static Options parse(String... args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Flag flag = find(name.equals("-h") ? "--help" : name);
            if (flag.takesValue() && value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value (" + flag.arg() + ")");
                }
                value = args[++i];
            } else if (!flag.takesValue() && value != null) {
                throw new IllegalArgumentException(name + " takes no value");
            }
            flag.apply().accept(options, value);
        }
        return options;
    }

    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: java -jar redcloud-sandbox.jar [options]\n\n");
        b.append("A local Red Cloud CORE API (tokens, numbers, sends, signed webhooks) for development and tests.\n");
        b.append("Admin endpoints (no auth): GET /sandbox/state, POST /sandbox/inbound, POST /sandbox/faults,\n");
        b.append("POST /sandbox/tokens/revoke, POST /sandbox/config, POST /sandbox/numbers/{numberId},"
                + " POST /sandbox/reset\n\n");
        b.append("Options:\n");
        for (Flag f : FLAGS) {
            String left = f.name() + (f.takesValue() ? " " + f.arg() : "");
            b.append(String.format("  %-40s %s%n", left, f.help()));
        }
        return b.toString();
    }

    private static Flag find(String name) {
        return FLAGS.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown option: " + name));
    }

    private static void pair(String value, String flag, Map<String, String> target) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new IllegalArgumentException(flag + " expects NUMBER_ID=URL, got: " + value);
        }
        target.put(value.substring(0, eq), value.substring(eq + 1));
    }

    private static int integer(String value, String flag) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number, got: " + value);
        }
    }

    private static long longValue(String value, String flag) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number, got: " + value);
        }
    }

    private static double decimal(String value, String flag) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a number, got: " + value);
        }
    }
}

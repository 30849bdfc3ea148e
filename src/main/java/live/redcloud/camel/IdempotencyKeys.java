package live.redcloud.camel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The {@code Idempotency-Key} of a send. A key the user set in the header is used as is. Otherwise the key is derived
 * from a random seed kept on the exchange, the number of sends that already succeeded on it, and the payload. A
 * redelivery of a send that failed repeats the same key (no duplicate message); a new send on the same exchange (a
 * second, different send in the route, or the same one again in a {@code loop}) gets a key of its own. Derived keys
 * are recognised by their shape, so a key header copied along to another exchange is never mistaken for one the user
 * chose.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {}

    /** What this class derives: {@code camel-<32 hex seed>-<16 hex payload hash>}. */
    private static final Pattern DERIVED = Pattern.compile("camel-([0-9a-f]{32})-[0-9a-f]{16}");

    static String keyFor(Exchange exchange, byte[] payload) {
        String header = exchange.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY, String.class);
        String seed = exchange.getProperty(RedCloudConstants.IDEMPOTENCY_SEED_PROPERTY, String.class);
        if (header != null && !header.isBlank()) {
            Matcher derived = DERIVED.matcher(header);
            if (!derived.matches()) {
                // a key the user chose
                return header;
            }
            // the out header of an earlier send (maybe copied over from another exchange): keep its seed, but hash
            // this payload, so a different message never reuses the key
            if (seed == null) {
                seed = derived.group(1);
            }
        }
        if (seed == null) {
            // unique, not secret: no need for SecureRandom's shared lock on the send path
            ThreadLocalRandom random = ThreadLocalRandom.current();
            seed = HexFormat.of().toHexDigits(random.nextLong())
                    + HexFormat.of().toHexDigits(random.nextLong());
        }
        exchange.setProperty(RedCloudConstants.IDEMPOTENCY_SEED_PROPERTY, seed);
        Integer succeeded = exchange.getProperty(RedCloudConstants.SENDS_SUCCEEDED_PROPERTY, Integer.class);
        return "camel-" + seed + "-" + payloadHash(payload, succeeded == null ? 0 : succeeded);
    }

    /** Counts a send that Red Cloud accepted: the next send on this exchange is a new one and gets a new key. */
    static void sendCompleted(Exchange exchange) {
        Integer succeeded = exchange.getProperty(RedCloudConstants.SENDS_SUCCEEDED_PROPERTY, Integer.class);
        exchange.setProperty(RedCloudConstants.SENDS_SUCCEEDED_PROPERTY, succeeded == null ? 1 : succeeded + 1);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    });

    private static String payloadHash(byte[] payload, int sendsBefore) {
        MessageDigest sha256 = SHA256.get();
        sha256.update(payload);
        if (sendsBefore > 0) {
            // the first send's key stays what it always was; later ones differ by their position on the exchange
            sha256.update(("#" + sendsBefore).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}

package live.redcloud.camel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;

/**
 * The {@code Idempotency-Key} of a send. A key the user set in the header is used as is. Otherwise the key is derived
 * from a random seed kept on the exchange and from the payload: a redelivery of the same exchange repeats the same key
 * (no duplicate message), while a second, different send in the same route gets a key of its own (instead of a 409
 * for reusing a key with another payload).
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static String keyFor(Exchange exchange, byte[] payload) {
        String header = exchange.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY, String.class);
        String derivedBefore = exchange.getProperty(RedCloudConstants.DERIVED_KEY_PROPERTY, String.class);
        // the out header of an earlier send in this route is not a key the user chose
        if (header != null && !header.isBlank() && !header.equals(derivedBefore)) {
            return header;
        }
        String seed = exchange.getProperty(RedCloudConstants.IDEMPOTENCY_SEED_PROPERTY, String.class);
        if (seed == null) {
            // unique, not secret: no need for SecureRandom's shared lock on the send path
            ThreadLocalRandom random = ThreadLocalRandom.current();
            seed = HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
            exchange.setProperty(RedCloudConstants.IDEMPOTENCY_SEED_PROPERTY, seed);
        }
        String key = "camel-" + seed + "-" + payloadHash(payload);
        exchange.setProperty(RedCloudConstants.DERIVED_KEY_PROPERTY, key);
        return key;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    });

    private static String payloadHash(byte[] payload) {
        byte[] digest = SHA256.get().digest(payload);
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}

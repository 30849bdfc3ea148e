package live.redcloud.camel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeExtension;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.SafeCopyProperty;

/**
 * The {@code Idempotency-Key} of a send: one key for one send of one exchange. A key the user set in the
 * {@code CamelRedCloudIdempotencyKey} header is used as is. Otherwise the key is derived from the exchange's seed, the
 * number of sends Red Cloud already accepted on it, and the payload, so a redelivery of a failed send repeats its key
 * and a second send gets a new one.
 *
 * <p>The seed is kept as a {@link SafeCopyProperty}, so Camel tells us when it copies the exchange. A copy with an
 * exchange id of its own (multicast, split, wireTap, enrich, a seda hand-over, an aggregation,
 * {@code exchange.copy()}) derives its seed from its parent's and its id at its first send; a copy that keeps the id
 * and loop index (a failover attempt, a routing slip step) is the same send and keeps the seed. Derived from the id, a
 * failover of a copy repeats the copy's key too. A {@code loop().copy()} iteration keeps the id but not the loop
 * index, and Camel keeps only the innermost loop's index, so iterations get random seeds: never one key for two
 * iterations.
 */
final class IdempotencyKeys {

    private static final String SEED = "CamelRedCloudSendSeed";

    /** Seeds of exchanges without one derive from it and the exchange id: a failover's copies agree on the key. */
    private final byte[] salt = new byte[16];

    IdempotencyKeys() {
        new SecureRandom().nextBytes(salt);
    }

    String keyFor(Exchange exchange, byte[] payload) {
        String header = exchange.getMessage().getHeader(RedCloudConstants.IDEMPOTENCY_KEY, String.class);
        if (header != null && !header.isBlank()) {
            return header;
        }
        Seed seed = seedOf(exchange);
        return "camel-" + seed.value() + "-" + payloadHash(payload, seed.sendsSucceeded());
    }

    /** Counts a send that Red Cloud accepted: the next send on this exchange is a new one and gets a new key. */
    void sendCompleted(Exchange exchange) {
        ExchangeExtension extension = exchange.getExchangeExtension();
        Seed seed = extension.getSafeCopyProperty(SEED, Seed.class);
        if (seed != null && !seed.inherited()) {
            extension.setSafeCopyProperty(SEED, seed.afterSend());
        }
    }

    private Seed seedOf(Exchange exchange) {
        ExchangeExtension extension = exchange.getExchangeExtension();
        Seed found = extension.getSafeCopyProperty(SEED, Seed.class);
        if (found != null && !found.inherited()) {
            return found;
        }
        String id = exchange.getExchangeId();
        Object loopIndex = exchange.getProperty(ExchangePropertyKey.LOOP_INDEX);
        // Camel's "off" UUID generator gives every exchange the same empty id: such ids never make two sends one
        boolean usableId = id != null && !id.isEmpty();
        Seed own;
        if (!usableId) {
            own = new Seed(randomSeed(), 0, id, loopIndex, false);
        } else if (found == null) {
            // a loop index alone cannot tell the iterations of nested loops apart: only outside loops is the id enough
            own = new Seed(loopIndex == null ? digest(salt, id, null) : randomSeed(), 0, id, loopIndex, false);
        } else if (!id.equals(found.exchangeId())) {
            // a copy with an id of its own: a branch, or an exchange that got a branch's results copied back
            own = new Seed(digest(found.value(), found.sendsSucceeded(), id, loopIndex), 0, id, loopIndex, false);
        } else if (Objects.equals(loopIndex, found.loopIndex())) {
            // the same id in the same iteration: a failover attempt or a routing slip step repeats this exchange
            own = new Seed(found.value(), found.sendsSucceeded(), id, loopIndex, false);
        } else {
            // the same id in another iteration: a loop().copy() iteration, perhaps of a loop in a loop
            own = new Seed(randomSeed(), 0, id, loopIndex, false);
        }
        extension.setSafeCopyProperty(SEED, own);
        return own;
    }

    /**
     * The seed of one exchange. Camel calls {@link #safeCopy()} on every copy of the exchange (and when it copies a
     * copy's results back), which marks the copy's seed as inherited: the copy decides at its first send whether it
     * is the same send or a new one.
     */
    record Seed(String value, int sendsSucceeded, String exchangeId, Object loopIndex, boolean inherited)
            implements SafeCopyProperty {

        Seed afterSend() {
            return new Seed(value, sendsSucceeded + 1, exchangeId, loopIndex, false);
        }

        @Override
        public SafeCopyProperty safeCopy() {
            return new Seed(value, sendsSucceeded, exchangeId, loopIndex, true);
        }
    }

    private static String randomSeed() {
        // unique, not secret: no need for SecureRandom's shared lock on the send path
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    private static String digest(byte[] salt, String exchangeId, Object loopIndex) {
        MessageDigest sha256 = SHA256.get();
        sha256.update(salt);
        sha256.update(exchangeId.getBytes(StandardCharsets.UTF_8));
        return hex(sha256, loopIndex);
    }

    private static String digest(String parentSeed, int parentSends, String exchangeId, Object loopIndex) {
        MessageDigest sha256 = SHA256.get();
        sha256.update((parentSeed + "#" + parentSends + "/").getBytes(StandardCharsets.US_ASCII));
        sha256.update(exchangeId.getBytes(StandardCharsets.UTF_8));
        return hex(sha256, loopIndex);
    }

    private static String hex(MessageDigest sha256, Object loopIndex) {
        if (loopIndex != null) {
            sha256.update(("@" + loopIndex).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
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
            sha256.update(("#" + sendsBefore).getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }
}

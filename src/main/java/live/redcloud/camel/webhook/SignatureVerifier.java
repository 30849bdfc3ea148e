package live.redcloud.camel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Red Cloud's webhook signature: {@code X-RedCloud-Signature} is the hex HMAC-SHA256, keyed with the signing secret,
 * of {@code timestamp + "." + rawBody}, where timestamp is the exact {@code X-RedCloud-Timestamp} string and rawBody the
 * body bytes as received (never re-serialised JSON). The comparison is constant-time over the decoded bytes, so upper-
 * and lower-case hex are both accepted and nothing leaks through timing.
 */
public final class SignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_LENGTH = 32;

    private final SecretKeySpec key;

    public SignatureVerifier(String signingSecret) {
        if (signingSecret == null || signingSecret.isEmpty()) {
            throw new IllegalArgumentException("A webhook signing secret is required");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Whether {@code signature} is Red Cloud's signature of this timestamp and body. Missing parts never verify. */
    public boolean verify(String timestamp, byte[] rawBody, String signature) {
        if (timestamp == null || timestamp.isEmpty() || signature == null || rawBody == null) {
            return false;
        }
        byte[] given = decodeHex(signature.trim());
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected(timestamp, rawBody), given);
    }

    private byte[] expected(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(rawBody);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is mandatory on every Java platform
            throw new IllegalStateException(e);
        }
    }

    /** The digest bytes, or {@code null} unless it is exactly 64 hex digits. */
    private static byte[] decodeHex(String hex) {
        if (hex.length() != DIGEST_LENGTH * 2) {
            return null;
        }
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < DIGEST_LENGTH; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}

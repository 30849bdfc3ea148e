package live.redcloud.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Red Cloud's webhook signature [SIG]: lower-case hex of HMAC-SHA256, keyed with the signing secret (UTF-8), over
 * the exact {@code X-RedCloud-Timestamp} string, a {@code "."}, and the raw body bytes as sent.
 */
public final class WebhookSigner {

    public static final String TIMESTAMP_HEADER = "X-RedCloud-Timestamp";
    public static final String SIGNATURE_HEADER = "X-RedCloud-Signature";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WebhookSigner() {}

    public static String sign(String secret, String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return hex(mac.doFinal(rawBody));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}

package live.redcloud.camel.webhook;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import live.redcloud.camel.model.RedCloudEvent;

/**
 * The identity of a webhook event for deduplication. Red Cloud redelivers the same event (same body, new timestamp and
 * signature) until it gets a 2xx, so the key must not depend on the headers.
 */
public final class DedupKeys {

    private DedupKeys() {}

    /** {@code type:messageId:sequence} when the event has them (sequence optional), else a hash of the raw body. */
    public static String keyFor(RedCloudEvent event, byte[] rawBody) {
        if (event.getType() != null && event.getMessageId() != null) {
            return event.getType() + ":" + event.getMessageId()
                    + (event.getSequence() != null ? ":" + event.getSequence() : "");
        }
        return "sha256:" + sha256(rawBody);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

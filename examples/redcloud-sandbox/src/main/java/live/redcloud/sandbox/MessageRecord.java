package live.redcloud.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One outbound message the sandbox accepted (one per accepted recipient of a send).
 *
 * @param messageId         the {@code msg_...} id returned in {@code results[]}
 * @param clientId          the API client that sent it
 * @param sendFrom          the sending numberId
 * @param to                the recipient, E.164
 * @param messageType       {@code SMS} or {@code MMS}
 * @param text              the text, or {@code null}
 * @param mediaUrls         the MMS media URLs (empty for SMS)
 * @param externalReference the caller's correlation id, or {@code null}
 * @param idempotencyKey    the {@code Idempotency-Key} of the send that created it
 * @param createdAt         when it was accepted (sandbox clock)
 * @param status            the latest lifecycle status: {@code QUEUED}, {@code SENT}, {@code DELIVERED} or {@code FAILED}
 */
public record MessageRecord(
        String messageId,
        String clientId,
        String sendFrom,
        String to,
        String messageType,
        String text,
        List<String> mediaUrls,
        String externalReference,
        String idempotencyKey,
        Instant createdAt,
        String status) {

    public MessageRecord {
        mediaUrls = List.copyOf(mediaUrls);
    }

    MessageRecord withStatus(String newStatus) {
        return new MessageRecord(
                messageId,
                clientId,
                sendFrom,
                to,
                messageType,
                text,
                mediaUrls,
                externalReference,
                idempotencyKey,
                createdAt,
                newStatus);
    }
}

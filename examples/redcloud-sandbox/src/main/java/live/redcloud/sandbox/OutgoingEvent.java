package live.redcloud.sandbox;

/**
 * One webhook event ready to deliver. The body bytes are fixed when the event occurs: every retry sends the same
 * bytes (only the timestamp and signature are recomputed per attempt).
 *
 * @param url {@code null} when no webhook was configured for it
 */
record OutgoingEvent(String eventId, String type, String messageId, Integer sequence, String url, byte[] body) {}

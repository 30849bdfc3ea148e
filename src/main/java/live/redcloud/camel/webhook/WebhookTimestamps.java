package live.redcloud.camel.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code X-RedCloud-Timestamp}. Red Cloud's docs do not say its format, so unix seconds, unix milliseconds and
 * ISO-8601 are all accepted. Red Cloud sets no replay window itself; {@link #isWithin} enforces the one a user chose.
 */
public final class WebhookTimestamps {

    /** Numbers above this are milliseconds: as seconds they would lie after the year 5000. */
    private static final long MAX_SECONDS = 100_000_000_000L;

    private WebhookTimestamps() {}

    /** The instant the header names, or {@code null} when it is in none of the accepted formats. */
    public static Instant parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 18) {
            long number = Long.parseLong(value);
            return number >= MAX_SECONDS ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }

    /** Whether the header is a timestamp no further than {@code tolerance} from {@code now}, either way. */
    public static boolean isWithin(String header, Instant now, Duration tolerance) {
        Instant at = parse(header);
        return at != null && Duration.between(at, now).abs().compareTo(tolerance) <= 0;
    }
}

package live.redcloud.camel.client;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;

/**
 * When a failed call may be sent again, and after how long. Only failures after which a resend cannot do harm qualify:
 * every resend carries the same {@code Idempotency-Key} and payload, so Red Cloud answers a request it already accepted
 * with the stored response instead of sending twice.
 */
public final class RetryPolicy {

    private final int maxRetries;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final DoubleSupplier random;
    private final Clock clock;

    public RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff) {
        this(maxRetries, backoff, maxBackoff, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
    }

    RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff, DoubleSupplier random, Clock clock) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.random = random;
        this.clock = clock;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** 429 and transient 5xx. 501 and 505 say the server cannot do it, which a resend will not change. */
    public boolean isRetryable(int status) {
        return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /**
     * Connect failures, timeouts and dropped connections. Not: unknown hosts or TLS failures (configuration errors), nor
     * anything that is not I/O (a refused token, a bad payload).
     */
    public boolean isRetryable(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof UnknownHostException
                || cause instanceof SSLException
                || cause instanceof ResponseTooLargeException) {
            return false;
        }
        // a TimeoutException is HttpClient's "no pooled connection free in time": nothing was sent
        return cause instanceof IOException || cause instanceof TimeoutException;
    }

    /**
     * The pause before retry number {@code retry} (1 for the first). Exponential with "equal jitter" (between half and
     * all of {@code backoff * 2^(retry-1)}), capped by {@code maxBackoff}. A {@code Retry-After} header, in seconds or
     * as an HTTP date, replaces it (still capped, so a hostile value cannot park the exchange for hours); a negative
     * number, a date in the past or anything unreadable is ignored, so it can never turn the backoff off.
     */
    public Duration delay(int retry, String retryAfter) {
        Duration hinted = parseRetryAfter(retryAfter);
        if (hinted != null) {
            return min(hinted, maxBackoff);
        }
        long baseMillis = backoff.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(baseMillis, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }

    Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException | ArithmeticException tooLong) {
                // more digits than a long holds: absurd, so capped like any huge value
                return v.chars().allMatch(Character::isDigit) ? maxBackoff : null;
            }
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(clock.instant(), at);
            return until.isNegative() ? null : until;
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

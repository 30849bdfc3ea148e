package live.redcloud.camel.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A cached bearer token with its validity window. {@link #toString()} never shows the value. */
public final class AccessToken {

    private final String value;
    private final Instant issuedAt;
    private final Instant expiresAt;

    AccessToken(String value, Instant issuedAt, Instant expiresAt) {
        this.value = Objects.requireNonNull(value, "value");
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String value() {
        return value;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether the token must be replaced before use at {@code now}: within {@code margin} of expiry. A token whose whole
     * lifetime is not longer than the margin is used for half its lifetime instead, so that a short-lived token does not
     * cost a token request per call.
     */
    boolean needsRefresh(Instant now, Duration margin) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        Duration effectiveMargin = margin.compareTo(lifetime) < 0 ? margin : lifetime.dividedBy(2);
        return !now.isBefore(expiresAt.minus(effectiveMargin));
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}

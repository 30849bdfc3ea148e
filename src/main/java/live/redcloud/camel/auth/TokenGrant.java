package live.redcloud.camel.auth;

import java.time.Duration;
import java.util.Objects;

/** What the token endpoint granted: the token and its {@code expires_in}. {@link #toString()} hides the value. */
public final class TokenGrant {

    private final String value;
    private final Duration expiresIn;

    public TokenGrant(String value, Duration expiresIn) {
        this.value = Objects.requireNonNull(value, "value");
        this.expiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
    }

    public String value() {
        return value;
    }

    public Duration expiresIn() {
        return expiresIn;
    }

    @Override
    public String toString() {
        return "TokenGrant[expiresIn=" + expiresIn + "]";
    }
}

package live.redcloud.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, e.g. to expire a token without waiting:
 * {@code MutableClock clock = MutableClock.startingNow(); RedCloudSandbox.builder().clock(clock)...; clock.advance(Duration.ofHours(1));}
 * It only affects what the sandbox reads as "now" (token expiry, idempotency retention, timestamps);
 * webhook retry delays and event delays always run on real time.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static MutableClock startingAt(Instant start) {
        return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    public static MutableClock startingNow() {
        return startingAt(Instant.now());
    }

    public void advance(Duration duration) {
        now.updateAndGet(i -> i.plus(duration));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        // shares the same "now", so advancing either moves both
        return new MutableClock(now, newZone);
    }
}

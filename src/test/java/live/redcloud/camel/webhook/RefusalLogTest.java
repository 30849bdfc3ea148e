package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import live.redcloud.camel.support.LogCapture;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final MovableClock clock = new MovableClock();
    private final RefusalLog log = new RefusalLog("/hook", clock);

    @Test
    void theFirstRefusalAtOnceThenOneLineAMinuteWithTheCountSinceTheLastLine() {
        try (LogCapture logs = new LogCapture()) {
            log.refused(WebhookRefusal.SIGNATURE_MISMATCH);
            for (int i = 0; i < 41; i++) {
                clock.advance(Duration.ofSeconds(1));
                log.refused(WebhookRefusal.SIGNATURE_MISMATCH);
            }
            assertThat(warnings(logs)).hasSize(1);

            clock.advance(Duration.ofSeconds(19));
            log.refused(WebhookRefusal.SIGNATURE_MISMATCH);

            assertThat(warnings(logs)).hasSize(2);
            assertThat(warnings(logs).get(1)).contains("answered 401 to 42 requests on POST /hook since the last");
        }
    }

    @Test
    void reasonsAreCountedApart() {
        try (LogCapture logs = new LogCapture()) {
            log.refused(WebhookRefusal.SIGNATURE_MISMATCH);
            log.refused(WebhookRefusal.MISSING_HEADER);
            log.refused(WebhookRefusal.TOO_LARGE);
            log.refused(WebhookRefusal.MISSING_HEADER);

            assertThat(warnings(logs)).hasSize(3);
        }
    }

    private static java.util.List<String> warnings(LogCapture logs) {
        return logs.atLeast(Level.WARN).stream()
                .filter(l -> l.contains("RefusalLog"))
                .toList();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

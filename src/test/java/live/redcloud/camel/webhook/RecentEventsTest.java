package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** The default dedup store covers Red Cloud's redelivery window by time, whatever the number of events in between. */
class RecentEventsTest {

    private final RedCloudTestSupport.MutableClock clock = new RedCloudTestSupport.MutableClock();

    @Test
    void anEventIsRememberedForTheWholeRedeliveryWindowAfterManyOthers() {
        RecentEvents store = new RecentEvents();
        store.add("delivery:msg_first:1");
        // the old default, an LRU of 10,000, had forgotten it by now
        for (int i = 0; i < 50_000; i++) {
            store.add("delivery:msg_" + i + ":1");
        }

        assertThat(store.contains("delivery:msg_first:1")).isTrue();
        assertThat(store.add("delivery:msg_first:1")).isFalse();
    }

    @Test
    void anEventIsForgottenAfterTheRetention() {
        RecentEvents store = new RecentEvents(clock, RecentEvents.RETENTION, 100);
        store.add("delivery:msg_a:1");

        // Red Cloud's last redelivery comes 81 minutes after the first attempt
        clock.advance(Duration.ofMinutes(81));
        assertThat(store.contains("delivery:msg_a:1")).isTrue();
        clock.advance(Duration.ofMinutes(40));
        assertThat(store.contains("delivery:msg_a:1")).isFalse();
        store.add("delivery:msg_b:1");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aFullStoreDropsTheOldestAndSaysWhatItStillCovers() {
        RecentEvents store = new RecentEvents(clock, RecentEvents.RETENTION, 3);
        try (LogCapture logs = new LogCapture(Level.WARN)) {
            for (int i = 0; i < 6; i++) {
                store.add("delivery:msg_" + i + ":1");
                clock.advance(Duration.ofMinutes(10));
            }
            assertThat(logs.atLeast(Level.WARN))
                    .hasSize(3)
                    .allSatisfy(line -> assertThat(line).contains("maximum of 3 events", "minutes"));
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.contains("delivery:msg_0:1")).isFalse();
        assertThat(store.contains("delivery:msg_5:1")).isTrue();
    }
}

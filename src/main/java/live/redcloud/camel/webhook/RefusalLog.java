package live.redcloud.camel.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes refused webhook requests visible without flooding the log: for each refusal reason of one path, the first
 * refusal is logged at WARN at once, and then at most one line a minute, carrying the number of refusals since the
 * previous line. A rotated signing secret thus shows within a minute of the first refused delivery, and a flood of
 * bad requests costs one line a minute. Counts that arrive after the last line are reported with the next refusal.
 */
public final class RefusalLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final String path;
    private final Clock clock;
    private final Map<WebhookRefusal, Window> windows = new EnumMap<>(WebhookRefusal.class);

    public RefusalLog(String path, Clock clock) {
        this.path = path;
        this.clock = clock;
        for (WebhookRefusal refusal : WebhookRefusal.values()) {
            windows.put(refusal, new Window());
        }
    }

    public void refused(WebhookRefusal refusal) {
        long count = windows.get(refusal).count(clock.instant());
        if (count == 0) {
            return;
        }
        int status = refusal.outcome().status();
        if (count == 1) {
            LOG.warn("redcloud:webhook answered {} to a request on POST {}: {}", status, path, refusal.description());
        } else {
            LOG.warn(
                    "redcloud:webhook answered {} to {} requests on POST {} since the last such line: {}",
                    status,
                    count,
                    path,
                    refusal.description());
        }
    }

    /** Refusals of one reason since its last line. */
    private static final class Window {
        private Instant lastLine;
        private long count;

        /** The count to log now (this refusal included), or 0 while the last line is less than a minute old. */
        synchronized long count(Instant now) {
            count++;
            if (lastLine != null && now.isBefore(lastLine.plus(INTERVAL))) {
                return 0;
            }
            long answer = count;
            count = 0;
            lastLine = now;
            return answer;
        }
    }
}

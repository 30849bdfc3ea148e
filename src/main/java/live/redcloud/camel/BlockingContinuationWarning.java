package live.redcloud.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when the route after a Red Cloud call blocks the thread that delivered the answer (an HttpClient I/O thread):
 * while it is blocked, no other answer is read on that thread, so every send sharing the connection pool slows down.
 * The first time at once, then at most once a minute with the count since the last line.
 */
final class BlockingContinuationWarning {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingContinuationWarning.class);
    /** A continuation this long caps the answers one I/O thread reads at 50 a second. */
    static final long THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String what;
    private final AtomicLong since = new AtomicLong();
    private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    BlockingContinuationWarning(String what) {
        this.what = what;
    }

    void record(long nanos) {
        if (nanos < THRESHOLD_NANOS) {
            return;
        }
        long count = since.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLine.get();
        if (now - last >= INTERVAL_NANOS && lastLine.compareAndSet(last, now)) {
            since.addAndGet(-count);
            LOG.warn(
                    "The route after {} blocked the thread that delivered Red Cloud's answer (an HttpClient I/O"
                            + " thread) for {} ms ({} time(s) since the last such line); no other answer is read on that"
                            + " thread meanwhile. Give blocking work its own threads with threads() after the {} step;"
                            + " see the component's Threads documentation",
                    what,
                    TimeUnit.NANOSECONDS.toMillis(nanos),
                    count,
                    what);
        }
    }
}

package live.redcloud.examples.benchmarks;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one round: exactly {@code sends} sends through a client with at most {@code concurrency} in flight (a closed
 * loop: a new send starts when one finishes), bounded by a deadline. Latency is taken per send from the moment it is
 * started (its permit already held, so waiting for a free slot is not counted) to its completion callback.
 */
public final class LoadDriver {

    private LoadDriver() {}

    public static RoundResult run(
            SendClient client, int sends, int concurrency, long timeoutMillis, boolean measureAllocations)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(sends);
        long[] latencies = new long[sends];
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Map<Long, long[]> before = measureAllocations ? Allocations.snapshot() : null;
        long stubCpuBefore = measureAllocations ? Allocations.stubCpuNanos() : 0;

        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean timedOut = false;
        int started = 0;
        for (int i = 0; i < sends; i++) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0 || !permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                timedOut = true;
                break;
            }
            final int index = i;
            final long t0 = System.nanoTime();
            AtomicInteger calls = new AtomicInteger();
            SendClient.Completion completion = (messageId, failure) -> {
                if (calls.incrementAndGet() != 1) {
                    return; // a client bug: count each send once
                }
                latencies[index] = System.nanoTime() - t0;
                if (failure == null && messageId != null) {
                    succeeded.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, failure == null ? "no messageId" : failure.toString());
                }
                permits.release();
                finished.countDown();
            };
            try {
                client.send(index, completion);
            } catch (RuntimeException e) {
                completion.completed(null, e);
            }
            started++;
        }
        if (!timedOut) {
            long wait = deadline - System.nanoTime();
            timedOut = !finished.await(Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
        long elapsed = System.nanoTime() - start;
        Map<Long, long[]> after = measureAllocations ? Allocations.snapshot() : null;
        long allocated = measureAllocations ? Allocations.allocated(before, after) : -1;
        long cpu = measureAllocations ? Allocations.cpuNanos(before, after) : -1;
        long stubCpu = measureAllocations ? Allocations.stubCpuNanos() - stubCpuBefore : -1;
        int done = succeeded.get() + failed.get();
        if (timedOut) {
            firstFailure.compareAndSet(
                    null,
                    "timed out after " + timeoutMillis + " ms with " + (started - done) + " sends in flight and "
                            + (sends - started) + " not started");
        }
        long[] measured = done == sends ? latencies : java.util.Arrays.copyOf(latencies, 0);
        return new RoundResult(
                sends,
                succeeded.get(),
                failed.get() + (sends - done),
                elapsed,
                measured,
                allocated,
                cpu,
                stubCpu,
                firstFailure.get(),
                timedOut,
                false);
    }
}

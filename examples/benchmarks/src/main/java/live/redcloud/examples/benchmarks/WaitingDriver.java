package live.redcloud.examples.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one round in {@link DriveMode#WAITING}: {@code concurrency} caller threads share exactly {@code sends} sends,
 * each thread making one {@link SendClient#sendAndWait} after another, so at most {@code concurrency} are in flight.
 * That is how a ProducerTemplate caller or a JMS or Kafka consumer thread uses a route. Bounded by a deadline like
 * {@link LoadDriver}: no caller starts a send after it. Latency is taken per send around the blocking call. An optional
 * time cap ends a round early without failing it: no caller starts a send after the cap, the sends already started
 * are answered, and the round counts those (the work measurement uses it, so that a client that manages only a few
 * sends per second does not take minutes per round).
 *
 * <p>The callers are started, and the allocation snapshot taken, before the first send, and they stay alive until the
 * snapshot after the round: {@link Allocations} only sees live threads, so a caller that had already ended would take
 * its CPU time and allocations with it. Their name does not look like the stub's, so they count as the client's.
 */
public final class WaitingDriver {

    /** Name prefix of the caller threads (numbered from 1). */
    public static final String THREAD_PREFIX = "bench-waiting-caller-";

    private WaitingDriver() {}

    public static RoundResult run(
            SendClient client, int sends, int concurrency, long timeoutMillis, boolean measureAllocations)
            throws InterruptedException {
        return run(client, sends, concurrency, timeoutMillis, measureAllocations, 0);
    }

    /**
     * @param capMillis after this long no caller starts another send, and the round ends once the sends started are
     *     answered, counting only those; 0: no cap
     */
    public static RoundResult run(
            SendClient client,
            int sends,
            int concurrency,
            long timeoutMillis,
            boolean measureAllocations,
            long capMillis)
            throws InterruptedException {
        int callers = Math.max(1, Math.min(concurrency, sends));
        long[] latencies = new long[sends];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong deadline = new AtomicLong();
        AtomicLong cap = new AtomicLong();
        AtomicBoolean stoppedByCap = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(callers);
        CountDownLatch release = new CountDownLatch(1);

        Runnable caller = () -> {
            ready.countDown();
            try {
                go.await();
                while (System.nanoTime() - deadline.get() < 0) {
                    if (capMillis > 0 && System.nanoTime() - cap.get() >= 0) {
                        stoppedByCap.set(true);
                        break;
                    }
                    int index = next.getAndIncrement();
                    if (index >= sends) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    String messageId = null;
                    Throwable failure = null;
                    try {
                        messageId = client.sendAndWait(index);
                    } catch (Exception e) {
                        failure = e;
                    }
                    latencies[index] = System.nanoTime() - t0;
                    if (failure == null && messageId != null) {
                        succeeded.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure == null ? "no messageId" : failure.toString());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished.countDown();
                awaitQuietly(release);
            }
        };
        Thread[] threads = new Thread[callers];
        for (int i = 0; i < callers; i++) {
            threads[i] = new Thread(caller, THREAD_PREFIX + (i + 1));
            threads[i].setDaemon(true); // one stuck in a send past the deadline must not keep the JVM up
            threads[i].start();
        }
        ready.await();
        Map<Long, long[]> before = measureAllocations ? Allocations.snapshot() : null;
        long stubCpuBefore = measureAllocations ? Allocations.stubCpuNanos() : 0;

        long start = System.nanoTime();
        deadline.set(start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        cap.set(start + TimeUnit.MILLISECONDS.toNanos(capMillis));
        go.countDown();
        boolean allReturned = finished.await(Math.max(0, deadline.get() - System.nanoTime()), TimeUnit.NANOSECONDS);
        long elapsed = System.nanoTime() - start;
        Map<Long, long[]> after = measureAllocations ? Allocations.snapshot() : null;
        release.countDown();
        if (allReturned) {
            for (Thread t : threads) {
                t.join(1_000);
            }
        }
        long allocated = measureAllocations ? Allocations.allocated(before, after) : -1;
        long cpu = measureAllocations ? Allocations.cpuNanos(before, after) : -1;
        long stubCpu = measureAllocations ? Allocations.stubCpuNanos() - stubCpuBefore : -1;
        int ok = succeeded.get();
        int bad = failed.get();
        int done = ok + bad;
        int started = Math.min(sends, next.get());
        // stopped by the cap, every caller back: the round is the sends that were started (indexes 0 .. started-1)
        int expected = allReturned && stoppedByCap.get() ? started : sends;
        // the callers may also have stopped at the deadline just before it: then some sends never started
        boolean timedOut = !allReturned || done < expected;
        if (timedOut) {
            firstFailure.compareAndSet(
                    null,
                    "timed out after " + timeoutMillis + " ms with " + (started - done) + " sends in flight and "
                            + (sends - started) + " not started");
        }
        long[] measured = done == expected ? Arrays.copyOf(latencies, expected) : new long[0];
        return new RoundResult(
                expected,
                ok,
                bad + (expected - done),
                elapsed,
                measured,
                allocated,
                cpu,
                stubCpu,
                firstFailure.get(),
                timedOut,
                expected < sends);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

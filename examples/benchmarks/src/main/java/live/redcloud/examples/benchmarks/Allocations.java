package live.redcloud.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap bytes allocated and CPU time used by the client side of the benchmark: the sums of
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} and
 * {@link java.lang.management.ThreadMXBean#getThreadCpuTime(long)} over every live thread except the stub server's
 * (which would otherwise be counted as the client's). The driver thread is included, so every client pays the same
 * small cost of being driven. GC and JIT threads are not Java threads and are not counted. Threads that start and end
 * between two snapshots are missed; the clients' pools keep their threads, and {@link WaitingDriver}'s callers live
 * until the snapshot after their round, so this does not happen in a round. CPU
 * time per send stays meaningful when other processes load the machine, which throughput does not.
 */
final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Per thread id (threads that are not the stub's): allocated bytes so far and CPU nanoseconds so far. */
    static Map<Long, long[]> snapshot() {
        Thread[] threads = liveThreads();
        long[] ids = new long[threads.length];
        int n = 0;
        for (Thread t : threads) {
            if (t != null && !StubRedCloud.isStubThread(t.getName())) {
                ids[n++] = t.getId();
            }
        }
        long[] wanted = java.util.Arrays.copyOf(ids, n);
        long[] bytes = THREADS.getThreadAllocatedBytes(wanted);
        Map<Long, long[]> result = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long cpu = THREADS.isThreadCpuTimeEnabled() ? THREADS.getThreadCpuTime(wanted[i]) : -1;
            if (bytes[i] >= 0) {
                result.put(wanted[i], new long[] {bytes[i], Math.max(0, cpu)});
            }
        }
        return result;
    }

    /** CPU nanoseconds used so far by the stub server's threads (to show that it is not the bottleneck). */
    static long stubCpuNanos() {
        long sum = 0;
        for (Thread t : liveThreads()) {
            if (StubRedCloud.isStubThread(t.getName())) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** Bytes allocated since {@code before} by the threads of {@code after} (new threads count from zero). */
    static long allocated(Map<Long, long[]> before, Map<Long, long[]> after) {
        return delta(before, after, 0);
    }

    /** CPU nanoseconds used since {@code before} by the threads of {@code after}. */
    static long cpuNanos(Map<Long, long[]> before, Map<Long, long[]> after) {
        return delta(before, after, 1);
    }

    private static long delta(Map<Long, long[]> before, Map<Long, long[]> after, int field) {
        long sum = 0;
        for (Map.Entry<Long, long[]> e : after.entrySet()) {
            long[] b = before.get(e.getKey());
            sum += e.getValue()[field] - (b == null ? 0 : b[field]);
        }
        return sum;
    }

    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int count = root.enumerate(threads, true);
        while (count == threads.length) {
            threads = new Thread[threads.length * 2];
            count = root.enumerate(threads, true);
        }
        return java.util.Arrays.copyOf(threads, count);
    }
}

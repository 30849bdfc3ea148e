package live.redcloud.examples.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A quick reading of a JFR recording of the benchmark (no async-profiler here): where CPU samples land (self time by
 * method, inclusive time by method of the given packages) and who allocates (sampled allocation weight by class and by
 * the first frame of the given packages). Usage: {@code JfrSummary recording.jfr [prefix ...] [-threads=name,...]}
 * with prefixes such as {@code live.redcloud} (default).
 */
public final class JfrSummary {

    private JfrSummary() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        List<String> prefixes = new java.util.ArrayList<>();
        List<String> threadFilter = new java.util.ArrayList<>();
        int top = 25;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-threads=")) {
                threadFilter.addAll(List.of(args[i].substring(9).split(",")));
            } else if (args[i].startsWith("-top=")) {
                top = Integer.parseInt(args[i].substring(5));
            } else {
                prefixes.add(args[i]);
            }
        }
        if (prefixes.isEmpty()) {
            prefixes.add("live.redcloud");
        }
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocByFrame = new HashMap<>();
        Map<String, Long> allocByThread = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                boolean exec = type.equals("jdk.ExecutionSample");
                boolean alloc = type.equals("jdk.ObjectAllocationSample");
                if (!exec && !alloc) {
                    continue;
                }
                String thread = threadName(e, exec ? "sampledThread" : "eventThread");
                if (StubRedCloud.isStubThread(thread) || !matches(thread, threadFilter)) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                if (exec) {
                    samples++;
                    threads.merge(pool(thread), 1L, Long::sum);
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (startsWithAny(n, prefixes) && seen.add(n)) {
                            inclusive.merge(n, 1L, Long::sum);
                        }
                    }
                } else {
                    long weight = e.getLong("weight");
                    allocTotal += weight;
                    allocByThread.merge(pool(thread), weight, Long::sum);
                    allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                    String first = "(no " + prefixes + " frame)";
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (startsWithAny(n, prefixes)) {
                            first = n + ":" + f.getLineNumber();
                            break;
                        }
                    }
                    allocByFrame.merge(first, weight, Long::sum);
                }
            }
        }
        System.out.printf("%d CPU samples (stub threads left out)%n", samples);
        print("CPU samples by thread pool", threads, samples, top);
        print("CPU self time by method", self, samples, top);
        print("CPU inclusive time by method of " + prefixes, inclusive, samples, top);
        System.out.printf("%nsampled allocation weight: %.1f MiB%n", allocTotal / 1048576.0);
        print("allocation by thread pool", allocByThread, allocTotal, top);
        print("allocation by class", allocByClass, allocTotal, top);
        print("allocation by first frame of " + prefixes, allocByFrame, allocTotal, top);
    }

    private static boolean matches(String thread, List<String> filter) {
        if (filter.isEmpty()) {
            return true;
        }
        for (String f : filter) {
            if (thread.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private static String threadName(RecordedEvent e, String field) {
        try {
            var t = e.getThread(field);
            return t == null || t.getJavaName() == null ? "?" : t.getJavaName();
        } catch (IllegalArgumentException missing) {
            return "?";
        }
    }

    /** A thread name without its number, so a pool shows as one line. */
    private static String pool(String thread) {
        return thread.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static boolean startsWithAny(String s, List<String> prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.println();
        System.out.println(title + ":");
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.forEach((k, v) -> System.out.printf("  %5.1f%%  %s%n", 100.0 * v / Math.max(1, total), k));
    }
}

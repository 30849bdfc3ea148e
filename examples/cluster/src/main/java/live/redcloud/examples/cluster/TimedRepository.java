package live.redcloud.examples.cluster;

import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/** Counts the calls of each repository method and the time spent in them, for {@link IngestBenchmark}. */
final class TimedRepository extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository delegate;
    final Timer contains = new Timer();
    final Timer add = new Timer();
    final Timer remove = new Timer();

    TimedRepository(IdempotentRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean contains(String key) {
        long start = System.nanoTime();
        try {
            return delegate.contains(key);
        } finally {
            contains.record(start);
        }
    }

    @Override
    public boolean add(String key) {
        long start = System.nanoTime();
        try {
            return delegate.add(key);
        } finally {
            add.record(start);
        }
    }

    @Override
    public boolean remove(String key) {
        long start = System.nanoTime();
        try {
            return delegate.remove(key);
        } finally {
            remove.record(start);
        }
    }

    @Override
    public boolean confirm(String key) {
        return delegate.confirm(key);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(delegate);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(delegate);
    }

    void reset() {
        contains.reset();
        add.reset();
        remove.reset();
    }

    static final class Timer {
        private final LongAdder calls = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void record(long start) {
            calls.increment();
            nanos.add(System.nanoTime() - start);
        }

        void reset() {
            calls.reset();
            nanos.reset();
        }

        long calls() {
            return calls.sum();
        }

        double meanMillis() {
            long n = calls.sum();
            return n == 0 ? 0 : nanos.sum() / 1e6 / n;
        }
    }
}

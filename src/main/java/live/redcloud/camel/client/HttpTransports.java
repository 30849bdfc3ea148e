package live.redcloud.camel.client;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one owner of the component's connection resources (pool, TLS context, I/O threads): endpoints with the same
 * {@link HttpTransportSettings} share one {@link HttpTransport}, counted per {@link Lease}, and it is closed when the
 * last lease is given back. Endpoints created and dropped by the hundred ({@code toD} with varying options) leave
 * nothing behind.
 */
public final class HttpTransports implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final Map<HttpTransportSettings, Shared> shared = new HashMap<>();
    private boolean closed;

    /**
     * @param timer the component's timer, where the attempt deadlines of every transport are swept
     */
    public HttpTransports(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The transport for these settings, built on the first lease. */
    public synchronized Lease acquire(HttpTransportSettings settings) {
        if (closed) {
            throw new IllegalStateException("The Red Cloud component is stopped");
        }
        Shared s = shared.get(settings);
        if (s == null) {
            s = new Shared(new HttpTransport(settings, timer));
            shared.put(settings, s);
        }
        s.leases++;
        return new Lease(s);
    }

    /** How many transports are open. */
    public synchronized int size() {
        return shared.size();
    }

    private synchronized void release(Shared s) {
        if (--s.leases == 0 && shared.remove(s.transport.settings(), s)) {
            s.transport.close();
        }
    }

    /** Closes every transport, leased or not: the component is stopping. */
    @Override
    public synchronized void close() {
        closed = true;
        shared.values().forEach(s -> s.transport.close());
        shared.clear();
    }

    private static final class Shared {
        final HttpTransport transport;
        int leases;

        Shared(HttpTransport transport) {
            this.transport = transport;
        }
    }

    /** One user's hold on a shared transport; closing it twice gives it back once. */
    public final class Lease implements AutoCloseable {
        private final Shared shared;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Shared shared) {
            this.shared = shared;
        }

        public HttpTransport transport() {
            return shared.transport;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(shared);
            }
        }
    }
}

package live.redcloud.camel;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.client.HttpTransports;
import live.redcloud.camel.client.RedCloudClient;
import org.apache.camel.CamelContext;

/**
 * What a producer's calls need, held by count: the Red Cloud client, the connection pool lease it runs on, and where
 * exchanges continue (with the worker pool of the producer's own, if it has one). The started producer holds it once
 * and every call in flight once more, so a producer stopped while calls are in flight (evicted from a {@code toD}
 * cache, say) waits for none of them: the last holder to let go gives the resources back.
 */
final class ClientHold {

    private final RedCloudClient client;
    private final HttpTransports.Lease lease;
    private final Executor continuations;
    private final ExecutorService ownPool;
    private final CamelContext context;
    private final AtomicInteger holds = new AtomicInteger(1);

    /**
     * @param ownPool a pool only this hold uses (shut down with it), or {@code null} when {@code continuations} is
     *     shared
     */
    ClientHold(
            RedCloudClient client,
            HttpTransports.Lease lease,
            Executor continuations,
            ExecutorService ownPool,
            CamelContext context) {
        this.client = client;
        this.lease = lease;
        this.continuations = continuations;
        this.ownPool = ownPool;
        this.context = context;
    }

    RedCloudClient client() {
        return client;
    }

    Executor continuations() {
        return continuations;
    }

    /** One more holder; {@code false} if the last one has let go already (the resources are given back). */
    boolean retain() {
        for (int n = holds.get(); n > 0; n = holds.get()) {
            if (holds.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One holder lets go; the last gives the lease back and shuts its own pool down (without an interrupt: what still
     * runs there is the user's route). Never called on an HttpClient I/O thread, which closing the pool would wait for.
     */
    void release() {
        if (holds.decrementAndGet() == 0) {
            lease.close();
            if (ownPool != null) {
                context.getExecutorServiceManager().shutdown(ownPool);
            }
        }
    }
}

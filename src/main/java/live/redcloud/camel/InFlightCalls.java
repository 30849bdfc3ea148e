package live.redcloud.camel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * The calls of one producer that went out and are not answered yet. Each call completes its exchange exactly once:
 * with Red Cloud's answer, or, when the producer stops before the answer came, with the error {@link #abandonAll}
 * gives it. Whoever claims a call first (the answer or the stop) owns the exchange; the other side must not touch it.
 * Either way the exchange continues on the call's executor (the worker pool, or the caller that waits), never on the
 * thread that claimed it.
 */
final class InFlightCalls {

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    /** Runs once no call is left; guarded by {@code this}. */
    private Runnable onDrained;

    /**
     * Registers a call before its request is started, so a stop can never miss it.
     *
     * @param continueOn where the exchange continues once the call is settled
     * @param doneSync   what {@code callback.done} is told: {@code true} when the caller runs the continuation itself
     * @param afterwards runs once the exchange has continued (on the same thread): gives back what the call held
     */
    Call begin(
            Exchange exchange,
            AsyncCallback callback,
            String idempotencyKey,
            Executor continueOn,
            boolean doneSync,
            Runnable afterwards) {
        Call call = new Call(exchange, callback, idempotencyKey, continueOn, doneSync, afterwards);
        calls.add(call);
        return call;
    }

    int size() {
        return calls.size();
    }

    /** Waits up to {@code millis} for every call to be answered; {@code true} if none is left. */
    boolean awaitAnswered(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!calls.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Completes every call still unanswered with the error {@code reason} makes for it; returns how many. */
    int abandonAll(Function<Call, Exception> reason) {
        int abandoned = 0;
        for (Call call : calls) {
            if (call.claim()) {
                Exception error = reason.apply(call);
                call.continueWith(exchange -> exchange.setException(error));
                abandoned++;
            }
        }
        return abandoned;
    }

    /**
     * Runs {@code action} once no call is left: now if there is none, else after the last one settled (on the thread
     * that continued its exchange, never an I/O thread unless the worker pool refused). Replaces an earlier action.
     */
    void whenDrained(Runnable action) {
        synchronized (this) {
            if (!calls.isEmpty()) {
                onDrained = action;
                return;
            }
        }
        action.run();
    }

    private void settled() {
        Runnable action;
        synchronized (this) {
            if (!calls.isEmpty() || onDrained == null) {
                return;
            }
            action = onDrained;
            onDrained = null;
        }
        action.run();
    }

    final class Call {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final String idempotencyKey;
        private final Executor continueOn;
        private final boolean doneSync;
        private final Runnable afterwards;
        private final AtomicBoolean claimed = new AtomicBoolean();

        private Call(
                Exchange exchange,
                AsyncCallback callback,
                String idempotencyKey,
                Executor continueOn,
                boolean doneSync,
                Runnable afterwards) {
            this.exchange = exchange;
            this.callback = callback;
            this.idempotencyKey = idempotencyKey;
            this.continueOn = continueOn;
            this.doneSync = doneSync;
            this.afterwards = afterwards;
        }

        /** The key of a send, {@code null} for the other operations. */
        String idempotencyKey() {
            return idempotencyKey;
        }

        private boolean claim() {
            if (claimed.compareAndSet(false, true)) {
                calls.remove(this);
                return true;
            }
            return false;
        }

        /**
         * Completes the exchange with the answer, if the call is still unclaimed: {@code onAnswer} may fill the
         * message or throw, which fails the exchange. Returns {@code false} if the call had been abandoned already.
         */
        boolean complete(Consumer<Exchange> onAnswer) {
            if (!claim()) {
                return false;
            }
            continueWith(onAnswer);
            return true;
        }

        private void continueWith(Consumer<Exchange> outcome) {
            continueOn.execute(() -> {
                try {
                    outcome.accept(exchange);
                } catch (RuntimeException e) {
                    exchange.setException(e);
                }
                try {
                    callback.done(doneSync);
                } finally {
                    afterwards.run();
                    settled();
                }
            });
        }
    }
}

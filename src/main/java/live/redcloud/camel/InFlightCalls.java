package live.redcloud.camel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class InFlightCalls {

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();

    /** Registers a call before its request is started, so a stop can never miss it. */
    Call begin(Exchange exchange, AsyncCallback callback, String idempotencyKey) {
        Call call = new Call(exchange, callback, idempotencyKey);
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
                call.exchange.setException(reason.apply(call));
                call.callback.done(false);
                abandoned++;
            }
        }
        return abandoned;
    }

    final class Call {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final String idempotencyKey;
        private final AtomicBoolean claimed = new AtomicBoolean();

        private Call(Exchange exchange, AsyncCallback callback, String idempotencyKey) {
            this.exchange = exchange;
            this.callback = callback;
            this.idempotencyKey = idempotencyKey;
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
            try {
                onAnswer.accept(exchange);
            } catch (RuntimeException e) {
                exchange.setException(e);
            }
            callback.done(false);
            return true;
        }
    }
}

package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Fault injection, settable before and after start (thread-safe). Rates are probabilities in [0, 1] drawn
 * from a {@link Random} seeded with the sandbox seed, so a test with a fixed seed sees the same faults every run.
 * A rate of 0 draws nothing, so switching one fault on never changes the draws of another that stays off.
 *
 * <p>Order on {@code POST /api/core/messages/send} (after the bearer check, before anything is validated or
 * created): {@link #failNextSends(int, int)} first, then {@link #sendRateLimitRate(double)}, then
 * {@link #sendErrorRate(double)}. The drop faults act after the messages were created and stored.
 */
public final class Faults {

    private final Random random;

    private double sendErrorRate;
    private double sendRateLimitRate;
    private int retryAfterSeconds = 1;
    private double dropAfterCommitRate;
    private double tokenErrorRate;
    private int failNextSends;
    private int failNextSendsStatus = 500;
    private int dropNextSends;
    private int failNextTokenRequests;
    private int failNextWebhookDeliveries;

    Faults(long seed) {
        this.random = new Random(seed);
    }

    /** Probability that a send answers 500 {@code SERVER_ERROR} before anything is created. */
    public synchronized Faults sendErrorRate(double rate) {
        this.sendErrorRate = rate(rate, "sendErrorRate");
        return this;
    }

    public synchronized double sendErrorRate() {
        return sendErrorRate;
    }

    /** Probability that a send answers 429 {@code RATE_LIMITED} with a {@code Retry-After} header, before anything is created. */
    public synchronized Faults sendRateLimitRate(double rate) {
        this.sendRateLimitRate = rate(rate, "sendRateLimitRate");
        return this;
    }

    public synchronized double sendRateLimitRate() {
        return sendRateLimitRate;
    }

    /** The {@code Retry-After} value (seconds) sent with every 429; default 1. */
    public synchronized Faults retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
        }
        this.retryAfterSeconds = seconds;
        return this;
    }

    public synchronized int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Probability that a send creates its messages, stores the 202 under the Idempotency-Key, and then closes the
     * connection without any response: the "lost response" case the idempotency docs tell clients to retry.
     */
    public synchronized Faults dropAfterCommitRate(double rate) {
        this.dropAfterCommitRate = rate(rate, "dropAfterCommitRate");
        return this;
    }

    public synchronized double dropAfterCommitRate() {
        return dropAfterCommitRate;
    }

    /** Probability that {@code POST /api/auth/token} answers 500 {@code server_error}. */
    public synchronized Faults tokenErrorRate(double rate) {
        this.tokenErrorRate = rate(rate, "tokenErrorRate");
        return this;
    }

    public synchronized double tokenErrorRate() {
        return tokenErrorRate;
    }

    /**
     * The next {@code count} sends fail with {@code status} before anything is created: 429 ({@code RATE_LIMITED},
     * with {@code Retry-After}), 500 ({@code SERVER_ERROR}), 502 ({@code UPSTREAM_ERROR}), 503 or 504
     * ({@code SERVER_ERROR}). Replaces any earlier count.
     */
    public synchronized Faults failNextSends(int count, int status) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        if (status != 429 && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("status must be 429 or 5xx, was " + status);
        }
        this.failNextSends = count;
        this.failNextSendsStatus = status;
        return this;
    }

    public synchronized int pendingSendFailures() {
        return failNextSends;
    }

    /** The next {@code count} sends that create messages drop the connection after committing (deterministic drop). */
    public synchronized Faults dropNextSendsAfterCommit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        this.dropNextSends = count;
        return this;
    }

    public synchronized int pendingSendDrops() {
        return dropNextSends;
    }

    /** The next {@code count} token requests answer 500 {@code server_error}. */
    public synchronized Faults failNextTokenRequests(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        this.failNextTokenRequests = count;
        return this;
    }

    public synchronized int pendingTokenFailures() {
        return failNextTokenRequests;
    }

    /**
     * The next {@code count} webhook delivery attempts fail as if the receiver were unreachable: nothing is sent, the
     * attempt is recorded as failed and retried on Red Cloud's schedule.
     */
    public synchronized Faults failNextWebhookDeliveries(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        this.failNextWebhookDeliveries = count;
        return this;
    }

    public synchronized int pendingWebhookFailures() {
        return failNextWebhookDeliveries;
    }

    /** Switches every fault off (rates 0, counts 0, Retry-After back to 1). The random sequence is not reset. */
    public synchronized Faults reset() {
        sendErrorRate = 0;
        sendRateLimitRate = 0;
        retryAfterSeconds = 1;
        dropAfterCommitRate = 0;
        tokenErrorRate = 0;
        failNextSends = 0;
        failNextSendsStatus = 500;
        dropNextSends = 0;
        failNextTokenRequests = 0;
        failNextWebhookDeliveries = 0;
        return this;
    }

    /** The injected failure status for this send, if any. */
    synchronized OptionalInt drawSendFailure() {
        if (failNextSends > 0) {
            failNextSends--;
            return OptionalInt.of(failNextSendsStatus);
        }
        if (draw(sendRateLimitRate)) {
            return OptionalInt.of(429);
        }
        if (draw(sendErrorRate)) {
            return OptionalInt.of(500);
        }
        return OptionalInt.empty();
    }

    synchronized boolean drawDropAfterCommit() {
        if (dropNextSends > 0) {
            dropNextSends--;
            return true;
        }
        return draw(dropAfterCommitRate);
    }

    synchronized boolean drawTokenFailure() {
        if (failNextTokenRequests > 0) {
            failNextTokenRequests--;
            return true;
        }
        return draw(tokenErrorRate);
    }

    synchronized boolean drawWebhookFailure() {
        if (failNextWebhookDeliveries > 0) {
            failNextWebhookDeliveries--;
            return true;
        }
        return false;
    }

    synchronized ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("sendErrorRate", sendErrorRate);
        n.put("sendRateLimitRate", sendRateLimitRate);
        n.put("retryAfterSeconds", retryAfterSeconds);
        n.put("dropAfterCommitRate", dropAfterCommitRate);
        n.put("tokenErrorRate", tokenErrorRate);
        n.put("failNextSends", failNextSends);
        n.put("failNextSendsStatus", failNextSendsStatus);
        n.put("dropNextSends", dropNextSends);
        n.put("failNextTokenRequests", failNextTokenRequests);
        n.put("failNextWebhookDeliveries", failNextWebhookDeliveries);
        return n;
    }

    private boolean draw(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private static double rate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
        return rate;
    }
}

package live.redcloud.examples.benchmarks;

/**
 * One way of sending the {@linkplain Payload standard} message. {@link #send} starts one send and returns without
 * waiting for the answer where the client allows it; {@code done} is called exactly once, on any thread.
 */
public interface SendClient extends AutoCloseable {

    /** Short name for the results table. */
    String name();

    /** The client id this client authenticates with (the stub counts token requests per client id). */
    String clientId();

    void start() throws Exception;

    void send(int index, Completion done);

    @Override
    void close();

    @FunctionalInterface
    interface Completion {
        /** {@code messageId} of an accepted send, or {@code failure}. */
        void completed(String messageId, Throwable failure);
    }
}

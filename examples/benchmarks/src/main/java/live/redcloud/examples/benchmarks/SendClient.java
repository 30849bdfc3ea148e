package live.redcloud.examples.benchmarks;

/**
 * One way of sending the {@linkplain Payload standard} message, in two styles. {@link #send} starts one send and
 * returns without waiting for the answer where the client allows it; {@code done} is called exactly once, on any
 * thread ({@link DriveMode#ASYNC}). {@link #sendAndWait} makes one send on the calling thread and returns when it is
 * answered, the way a ProducerTemplate caller or a JMS or Kafka consumer thread uses a route
 * ({@link DriveMode#WAITING}).
 */
public interface SendClient extends AutoCloseable {

    /** Short name for the results table. */
    String name();

    /** The client id this client authenticates with (the stub counts token requests per client id). */
    String clientId();

    void start() throws Exception;

    void send(int index, Completion done);

    /**
     * One send on the calling thread, blocking until it is answered.
     *
     * @return the messageId of the accepted send ({@code null} counts as a failure)
     * @throws Exception why the send failed
     */
    default String sendAndWait(int index) throws Exception {
        return sendAndWait(index, Payload.TEXT);
    }

    /**
     * The same with another text (the redelivery measurement marks some sends in their text for the stub).
     *
     * @return the messageId of the accepted send ({@code null} counts as a failure)
     * @throws Exception why the send failed
     */
    String sendAndWait(int index, String text) throws Exception;

    @Override
    void close();

    @FunctionalInterface
    interface Completion {
        /** {@code messageId} of an accepted send, or {@code failure}. */
        void completed(String messageId, Throwable failure);
    }
}

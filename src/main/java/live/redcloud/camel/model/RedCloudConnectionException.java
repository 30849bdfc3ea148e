package live.redcloud.camel.model;

/**
 * Red Cloud could not be reached, or stopped answering: connection refused or reset, connect or request timeout, no
 * free pooled connection in time, an unknown host, a TLS failure. Thrown for the token endpoint and CORE calls alike,
 * after the retries that were safe; it names the host and port, the attempts made and the cause. It says nothing about
 * the credentials (that is {@link RedCloudAuthenticationException}).
 */
public class RedCloudConnectionException extends RedCloudException {

    private static final long serialVersionUID = 1L;

    private final String hostAndPort;
    private final int attempts;

    public RedCloudConnectionException(String what, String hostAndPort, int attempts, Throwable cause) {
        this(
                what + ": no answer from " + hostAndPort + " after " + attempts
                        + (attempts == 1 ? " attempt: " : " attempts: ") + describe(cause),
                cause,
                hostAndPort,
                attempts);
    }

    /** For subclasses that word the message themselves. */
    protected RedCloudConnectionException(String message, Throwable cause, String hostAndPort, int attempts) {
        super(message, cause);
        this.hostAndPort = hostAndPort;
        this.attempts = attempts;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    /** {@code host:port} of the Red Cloud endpoint that could not be reached; {@code null} where no attempt failed. */
    public String getHostAndPort() {
        return hostAndPort;
    }

    /** How many attempts were made; 0 where none failed (the call was cut short by a stop). */
    public int getAttempts() {
        return attempts;
    }
}

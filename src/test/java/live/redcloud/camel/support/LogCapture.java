package live.redcloud.camel.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures every log line (message and stack trace) at DEBUG and above while open, from every logger but Apache
 * HttpClient's wire dumps ({@code org.apache.hc.client5.http.headers} and {@code .wire}): those print raw request
 * headers, credentials included, for any HttpClient user, and the docs tell users to keep them off in production.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Level> levels = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousRootLevel;

    public LogCapture() {
        this(Level.DEBUG);
    }

    /**
     * Captures at {@code level} and above, with the root logger at that level: code that logs differently when DEBUG
     * is on (Camel Main's summary does) then behaves as in an application at that level.
     */
    public LogCapture(Level level) {
        super("capture", null, PatternLayout.createDefaultLayout(), true, Property.EMPTY_ARRAY);
        start();
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        root.addAppender(this, level, null);
        root.setLevel(level);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        String logger = event.getLoggerName();
        if (logger.equals("org.apache.hc.client5.http.headers") || logger.equals("org.apache.hc.client5.http.wire")) {
            return;
        }
        StringBuilder sb = new StringBuilder(event.getLoggerName())
                .append(' ')
                .append(event.getMessage().getFormattedMessage());
        Throwable t = event.getThrown();
        while (t != null) {
            sb.append(" | ").append(t);
            t = t.getCause();
        }
        synchronized (this) {
            lines.add(sb.toString());
            levels.add(event.getLevel());
        }
    }

    /** The lines logged at {@code level} or more severe (WARN: WARN, ERROR, FATAL). */
    public synchronized List<String> atLeast(Level level) {
        List<String> answer = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (levels.get(i).isMoreSpecificThan(level)) {
                answer.add(lines.get(i));
            }
        }
        return answer;
    }

    /** Each line: the logger's name, a space, the message, then the exceptions' toString. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return lines.stream().collect(Collectors.joining("\n"));
    }

    public int size() {
        return lines.size();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.getRootLogger().setLevel(previousRootLevel);
        context.updateLoggers();
        stop();
    }
}

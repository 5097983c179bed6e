package dev.nnj.simd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The log events recorded since the test JVM started, by the in-memory appender of logback-test.xml.
 * Recording from the start (rather than attaching an appender in a test) also catches lines logged by
 * tests that ran earlier in the same JVM, so "logged exactly once" can be checked.
 */
final class LogEvents {

    private LogEvents() {
    }

    @SuppressWarnings("unchecked")
    static List<ILoggingEvent> all() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) root.getAppender("LIST");
        if (list == null) {
            throw new IllegalStateException("logback-test.xml with the LIST appender is not on the test class path");
        }
        synchronized (list.list) {
            return List.copyOf(list.list);
        }
    }

    /** Formatted messages at {@code level} that contain {@code text}. */
    static List<String> messages(Level level, String text) {
        return all().stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text))
                .collect(Collectors.toList());
    }
}

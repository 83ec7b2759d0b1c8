package cn.fucai.cms.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The lines a logger (and the loggers below it) writes from {@link #listen} to {@link #stop}, at a level or above: each
 * as its formatted message with its MDC after it.
 */
public final class LogLines extends Handler {

    private final String logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogLines(String logger, Level level) {
        this.logger = logger;
        setLevel(level);
    }

    /** Lines of this logger at any level; the root logger is "". */
    public static LogLines of(String logger) {
        return new LogLines(logger, Level.ALL);
    }

    /** Lines at ERROR (SEVERE) or above, of every logger. */
    public static LogLines errors() {
        return new LogLines("", Level.SEVERE);
    }

    public LogLines listen() {
        Logger.getLogger(logger).addHandler(this);
        return this;
    }

    public void stop() {
        Logger.getLogger(logger).removeHandler(this);
    }

    /** What was logged so far; a live view. */
    public List<String> lines() {
        return lines;
    }

    public void clear() {
        lines.clear();
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String mdc = record instanceof ExtLogRecord ext ? " mdc=" + ext.getMdcCopy() : "";
        lines.add(message + mdc);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}

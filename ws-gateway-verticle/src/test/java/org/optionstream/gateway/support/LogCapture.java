package org.optionstream.gateway.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What every logger of the process logged while it ran (logback's root logger, all levels it passes). */
public final class LogCapture {

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
  }

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.appender.start();
    capture.root.addAppender(capture.appender);
    return capture;
  }

  public void stop() {
    root.detachAppender(appender);
    appender.stop();
  }

  /** Events at WARN or above. */
  public List<ILoggingEvent> warnings() {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
  }

  /** Events that carry a throwable. */
  public List<ILoggingEvent> withStackTrace() {
    return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }
}

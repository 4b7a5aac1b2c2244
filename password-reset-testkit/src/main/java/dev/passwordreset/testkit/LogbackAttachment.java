package dev.passwordreset.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The only class of the testkit that touches Logback, loaded only once {@link LogCapture} has made
 * sure that Logback is there: an appender that hands every event to a sink, attached to one logger.
 * Thread-safe; Logback calls {@link #append} from the logging threads without a lock.
 */
final class LogbackAttachment extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private final Logger logger;
  private final Consumer<ILoggingEvent> sink;

  private LogbackAttachment(Logger logger, Consumer<ILoggingEvent> sink) {
    this.logger = logger;
    this.sink = sink;
  }

  static boolean isSlf4jBoundToLogback() {
    return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
  }

  static String slf4jBinding() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory.getClass().getName();
  }

  /** Attaches a started appender that passes every event of {@code loggerName} to {@code sink}. */
  static LogbackAttachment attach(String loggerName, Consumer<ILoggingEvent> sink) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger logger = context.getLogger(loggerName); // "ROOT", in any case, is the root logger
    LogbackAttachment appender = new LogbackAttachment(logger, sink);
    appender.setContext(context);
    appender.setName("password-reset-testkit-LogCapture-" + System.identityHashCode(appender));
    appender.start();
    logger.addAppender(appender);
    return appender;
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Fixes the message, thread name and MDC now, on the logging thread.
    event.prepareForDeferredProcessing();
    sink.accept(event);
  }

  void detach() {
    logger.detachAppender(this);
    stop();
  }

  /** The formatted message, and the stack trace when the event carries an exception. */
  static String text(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    String message = event.getFormattedMessage();
    return thrown == null ? message : message + '\n' + ThrowableProxyUtil.asString(thrown);
  }
}

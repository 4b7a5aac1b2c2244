package dev.passwordreset.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Captures the log events of one Logback logger (with its descendants) or of the root logger, from
 * any thread, until it is closed: what a test reads while the code under test still logs on its own
 * threads (a mail queue, an executor, a listener).
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(DeliveryQueue.class)) {
 *   queue.close();
 *   log.await(e -> e.getLevel() == Level.WARN, Duration.ofSeconds(5));
 *   assertThat(log.messagesAt(Level.WARN)).containsExactly("Closing with 1 ... abandoned");
 * }
 * }</pre>
 *
 * <p>It sees what the logger's configured level lets through (a test's {@code logback-test.xml}
 * decides that), and every event that reaches the logger while the capture is open, whichever
 * thread logs it. Every read returns a snapshot: a copy that later events do not change, so a test
 * can stream or iterate it while other threads go on logging (logback's own {@code ListAppender}
 * hands out its {@code ArrayList}, which fails with a {@code ConcurrentModificationException} or
 * loses events when read that way). Events are prepared for deferred reading when they are
 * appended, so their formatted message, thread name and MDC are those of the logging call.
 *
 * <p><b>Logback is required.</b> The testkit declares {@code ch.qos.logback:logback-classic} as an
 * optional dependency: a test suite that uses this class must have Logback Classic on its test
 * class path as the SLF4J binding. Without it, {@link #root()} and {@link #of(String)} throw an
 * {@link IllegalStateException} that says so; {@link #isAvailable()} tells beforehand.
 *
 * <p>Thread-safe: events may be appended from any thread while any thread reads, waits, clears or
 * closes. Arguments must not be null ({@link NullPointerException} naming the argument); nothing
 * returned is null.
 */
public final class LogCapture implements AutoCloseable {

  private static final String LOGBACK_LOGGER_CONTEXT = "ch.qos.logback.classic.LoggerContext";
  private static final String SLF4J_LOGGER_FACTORY = "org.slf4j.LoggerFactory";
  private static final String ROOT = "ROOT";

  private final String loggerName;
  private final Object lock = new Object();
  private final List<ILoggingEvent> events = new ArrayList<>(); // guarded by lock
  private boolean open = true; // guarded by lock
  private long clears; // guarded by lock; a waiter tests from the start again after a clear
  private final LogbackAttachment attachment;

  private LogCapture(String loggerName) {
    this.loggerName = loggerName;
    this.attachment = LogbackAttachment.attach(loggerName, this::append);
  }

  /**
   * Whether captures can be made here: Logback Classic is on the class path and is the binding
   * SLF4J uses.
   *
   * @return {@code true} if {@link #root()} and {@link #of(String)} will work
   */
  public static boolean isAvailable() {
    return logbackClassesPresent() && LogbackAttachment.isSlf4jBoundToLogback();
  }

  /**
   * Starts capturing every event that reaches the root logger (that is, every logger whose
   * additivity was not turned off).
   *
   * @return the open capture; close it to detach
   * @throws IllegalStateException if Logback Classic is absent or is not SLF4J's binding
   */
  public static LogCapture root() {
    return of(ROOT);
  }

  /**
   * Starts capturing the events of the logger named after a class, the name SLF4J's {@code
   * LoggerFactory.getLogger(type)} gives it, and of its descendants.
   *
   * @param type the class whose logger to capture
   * @return the open capture; close it to detach
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalStateException if Logback Classic is absent or is not SLF4J's binding
   */
  public static LogCapture of(Class<?> type) {
    Objects.requireNonNull(type, "type must not be null");
    return of(type.getName());
  }

  /**
   * Starts capturing the events of a named logger and of its descendants ({@code
   * "dev.passwordreset"} captures the whole library); {@code "ROOT"} (in any case) is the root
   * logger.
   *
   * @param loggerName the logger's name
   * @return the open capture; close it to detach
   * @throws NullPointerException if {@code loggerName} is null
   * @throws IllegalArgumentException if {@code loggerName} is blank
   * @throws IllegalStateException if Logback Classic is absent or is not SLF4J's binding
   */
  public static LogCapture of(String loggerName) {
    Objects.requireNonNull(loggerName, "loggerName must not be null");
    if (loggerName.isBlank()) {
      throw new IllegalArgumentException("loggerName must not be blank");
    }
    if (!logbackClassesPresent()) {
      throw new IllegalStateException(
          "LogCapture needs Logback Classic as the SLF4J binding of the tests, but "
              + LOGBACK_LOGGER_CONTEXT
              + " or "
              + SLF4J_LOGGER_FACTORY
              + " is not on the class path: add ch.qos.logback:logback-classic to the test"
              + " dependencies (password-reset-testkit declares it optional)");
    }
    String binding = LogbackAttachment.slf4jBinding();
    if (!LogbackAttachment.isSlf4jBoundToLogback()) {
      throw new IllegalStateException(
          "LogCapture needs Logback Classic as the SLF4J binding of the tests, but SLF4J is bound"
              + " to "
              + binding
              + ": remove the other SLF4J provider from the test class path");
    }
    return new LogCapture(loggerName);
  }

  private static boolean logbackClassesPresent() {
    ClassLoader loader = LogCapture.class.getClassLoader();
    try {
      Class.forName(LOGBACK_LOGGER_CONTEXT, false, loader);
      Class.forName(SLF4J_LOGGER_FACTORY, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private void append(ILoggingEvent event) {
    synchronized (lock) {
      if (open) {
        events.add(event);
        lock.notifyAll();
      }
    }
  }

  /**
   * The name of the captured logger.
   *
   * @return the name given, or {@code "ROOT"} for {@link #root()}
   */
  public String loggerName() {
    return loggerName;
  }

  /**
   * Every event captured so far (since opening or the last {@link #clear()}), oldest first.
   *
   * @return an unmodifiable snapshot, safe to read while other threads log
   */
  public List<ILoggingEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  /**
   * The formatted message (arguments filled in, without the stack trace) of every event captured so
   * far, oldest first.
   *
   * @return an unmodifiable snapshot
   */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /**
   * The formatted messages of the events captured so far at exactly one level, oldest first.
   *
   * @param level the level, e.g. {@code Level.WARN}
   * @return an unmodifiable snapshot
   * @throws NullPointerException if {@code level} is null
   */
  public List<String> messagesAt(Level level) {
    Objects.requireNonNull(level, "level must not be null");
    return events().stream()
        .filter(e -> level.equals(e.getLevel()))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /**
   * Every event captured so far as the text a reader of the log would see: the formatted message,
   * then, when the event carries an exception, a new line and its stack trace with causes and
   * suppressed exceptions.
   *
   * @return an unmodifiable snapshot, oldest first
   */
  public List<String> lines() {
    return events().stream().map(LogbackAttachment::text).toList();
  }

  /**
   * Waits until a captured event matches, and returns the oldest one that does; events captured
   * before the call count. The condition is tested on the waiting thread, never while a logging
   * thread waits for it.
   *
   * @param condition what to wait for; an exception it throws ends the wait and is passed on
   * @param timeout how long to wait at most; zero tests once
   * @return the oldest matching event
   * @throws AssertionError if none matched within the timeout or before the capture was closed
   *     (listing what was captured), or the waiting thread was interrupted (its interrupt status is
   *     kept)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public ILoggingEvent await(Predicate<? super ILoggingEvent> condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition must not be null");
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    int tested = 0;
    long clearsSeen;
    synchronized (lock) {
      clearsSeen = clears;
    }
    while (true) {
      List<ILoggingEvent> seen;
      synchronized (lock) {
        if (clears != clearsSeen) {
          clearsSeen = clears;
          tested = 0;
        }
        seen = events.size() > tested ? List.copyOf(events.subList(tested, events.size())) : null;
        if (seen == null) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || !open) {
            throw new AssertionError(
                "no matching log event from "
                    + loggerName
                    + (open ? " within " + timeout : " before the capture was closed")
                    + "; captured: "
                    + events.stream().map(LogbackAttachment::text).toList());
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a log event", e);
          }
          continue;
        }
      }
      for (ILoggingEvent event : seen) {
        if (condition.test(event)) {
          return event;
        }
      }
      tested += seen.size();
    }
  }

  /**
   * Waits until the formatted message of a captured event matches, and returns the oldest such
   * message; see {@link #await(Predicate, Duration)}.
   *
   * @param condition what the message must satisfy, e.g. {@code m -> m.contains("abandoned")}
   * @param timeout how long to wait at most; zero tests once
   * @return the oldest matching message
   * @throws AssertionError if none matched within the timeout, or the thread was interrupted
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public String awaitMessage(Predicate<? super String> condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition must not be null");
    return await(e -> condition.test(e.getFormattedMessage()), timeout).getFormattedMessage();
  }

  /**
   * Forgets every event captured so far; capturing goes on (if still open), and a thread waiting in
   * {@link #await} waits for an event captured from now on.
   */
  public void clear() {
    synchronized (lock) {
      events.clear();
      clears++;
    }
  }

  /**
   * Whether events are still being captured.
   *
   * @return {@code false} once {@link #close()} was called
   */
  public boolean isOpen() {
    synchronized (lock) {
      return open;
    }
  }

  /**
   * Detaches from the logger: nothing logged from now on is captured, what was captured stays
   * readable. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (!open) {
        return;
      }
      open = false;
      lock.notifyAll();
    }
    attachment.detach();
  }

  /**
   * Describes the capture.
   *
   * @return the logger's name, whether open and how many events it holds
   */
  @Override
  public String toString() {
    synchronized (lock) {
      return "LogCapture[" + loggerName + (open ? ", open, " : ", closed, ") + events.size() + "]";
    }
  }

  private static long saturatedNanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  /** For {@link SecretWatchExtension}: a capture of the root logger, or null without Logback. */
  static @Nullable LogCapture rootIfAvailable() {
    return isAvailable() ? root() : null;
  }
}

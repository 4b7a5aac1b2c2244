package dev.passwordreset.core.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Registered for every test of this module (JUnit auto-detection): captures every log line written
 * during a test and fails the test if one contains a token or password the test used. Tests and
 * fixtures register their secrets with {@link #secret(String)}; the {@code Mailbox} registers every
 * token it receives, and the events a {@code Fixture} records are checked too.
 */
public final class SecretWatch implements BeforeEachCallback, AfterEachCallback {

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final List<String> OTHER_TEXTS = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ListAppender<ILoggingEvent> appender;

  /** Registers a secret that must never appear in a log line. */
  public static void secret(String value) {
    if (value != null && value.length() >= 6) {
      SECRETS.add(value);
    }
  }

  /** Registers a password (as a string) that must never appear in a log line. */
  public static void secret(char[] value) {
    secret(new String(value));
  }

  /** Adds a text that must not contain a secret either (an event, an exception message). */
  public static void inspect(String text) {
    OTHER_TEXTS.add(text);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    SECRETS.clear();
    OTHER_TEXTS.clear();
    appender = new ListAppender<>();
    appender.start();
    current = appender;
    root().addAppender(appender);
  }

  /** The lines captured so far in this test that contain a registered secret. */
  public static List<String> leaksSoFar() {
    return leaks(current);
  }

  /** Forgets what was captured so far (for the watch's own test). */
  public static void forgetCaptured() {
    current.list.clear();
    OTHER_TEXTS.clear();
  }

  private static ListAppender<ILoggingEvent> current;

  @Override
  public void afterEach(ExtensionContext context) {
    root().detachAppender(appender);
    appender.stop();
    List<String> leaks = leaks(appender);
    if (!leaks.isEmpty()) {
      throw new AssertionError("a secret was written to a log line or event: " + leaks);
    }
  }

  private static List<String> leaks(ListAppender<ILoggingEvent> appender) {
    List<String> texts = new ArrayList<>(OTHER_TEXTS);
    for (ILoggingEvent e : appender.list) {
      StringBuilder line = new StringBuilder(e.getFormattedMessage());
      IThrowableProxy t = e.getThrowableProxy();
      if (t != null) {
        line.append('\n').append(ThrowableProxyUtil.asString(t));
      }
      texts.add(line.toString());
    }
    List<String> leaks = new ArrayList<>();
    for (String text : texts) {
      for (String secret : SECRETS) {
        if (text.contains(secret)) {
          leaks.add(text);
        }
      }
    }
    return leaks;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

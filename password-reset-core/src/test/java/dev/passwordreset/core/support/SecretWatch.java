package dev.passwordreset.core.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Registered for every test of this module (JUnit auto-detection; {@link SecretWatchHook} does the
 * same for jqwik properties): captures every log line written during a test and fails the test if
 * one contains a token or password the test used. Tests and fixtures register their secrets with
 * {@link #secret(String)}; the {@code Mailbox} registers every token it receives.
 *
 * <p>Besides log lines, it checks every text {@link #inspect(String) handed to it}: the events a
 * {@code Fixture} records, the {@code toString()} of every outcome and the message of every
 * exception (with its causes) that the engine returns or throws through a {@link #watch watched}
 * service (the {@code Fixture}'s engine is one), and any exception that escapes a test.
 */
public final class SecretWatch
    implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final List<String> OTHER_TEXTS = new CopyOnWriteArrayList<>();
  private static volatile ListAppender<ILoggingEvent> current;

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

  /** Adds an exception's text, its causes' and its suppressed exceptions'. */
  public static void inspect(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> todo = new ArrayList<>(List.of(thrown));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(todo.size() - 1);
      if (seen.add(t)) {
        inspect(t.toString());
        if (t.getCause() != null) {
          todo.add(t.getCause());
        }
        todo.addAll(List.of(t.getSuppressed()));
      }
    }
  }

  /**
   * Wraps an object behind an interface whose methods it has (by name and parameter types), so that
   * the {@code toString()} of everything it returns and the text of everything it throws is {@link
   * #inspect inspected}.
   */
  public static <T> T watch(Class<T> type, Object target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          try {
            Object result =
                target
                    .getClass()
                    .getMethod(method.getName(), method.getParameterTypes())
                    .invoke(target, args);
            if (result != null) {
              inspect(String.valueOf(result));
            }
            return result;
          } catch (InvocationTargetException e) {
            inspect(e.getCause());
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** Starts watching: forgets earlier secrets and texts, captures log lines from now on. */
  public static void start() {
    SECRETS.clear();
    OTHER_TEXTS.clear();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    current = appender;
    root().addAppender(appender);
  }

  /**
   * Stops watching.
   *
   * @throws AssertionError listing what leaked, if anything did
   */
  public static void finish() {
    ListAppender<ILoggingEvent> appender = current;
    root().detachAppender(appender);
    appender.stop();
    List<String> leaks = leaks(appender);
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "a secret was written to a log line, event, outcome or exception: " + leaks);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    finish();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    inspect(throwable);
    throw throwable;
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

  private static List<String> leaks(ListAppender<ILoggingEvent> appender) {
    List<String> texts = new ArrayList<>(OTHER_TEXTS);
    for (ILoggingEvent e : List.copyOf(appender.list)) {
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
          leaks.add(text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
      }
    }
    return leaks;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

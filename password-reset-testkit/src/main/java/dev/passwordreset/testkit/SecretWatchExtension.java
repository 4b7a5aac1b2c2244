package dev.passwordreset.testkit;

import dev.passwordreset.api.Notifier;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit 5 extension that fails a test when a secret it used leaks: a reset token, a link or a
 * password appearing in a log line, or in any text {@linkplain #inspect(String) handed to it} (an
 * event, the {@code toString()} of an outcome, an exception message). Register it on a class with
 * {@code @ExtendWith(SecretWatchExtension.class)}, or for a whole test suite through JUnit's
 * extension auto-detection:
 *
 * <pre>
 * src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension:
 *     dev.passwordreset.testkit.SecretWatchExtension
 * src/test/resources/junit-platform.properties:
 *     junit.jupiter.extensions.autodetection.enabled=true
 * </pre>
 *
 * <p>What it checks, per test:
 *
 * <ul>
 *   <li>every secret registered with {@link #secret(String)} (6 characters or more), and every
 *       link, token and reset code a {@link #registeringSecrets(Notifier) registering notifier}
 *       passed on;
 *   <li>without registration, anything shaped like a reset token (43 base64url characters mixing
 *       capitals, small letters and digits) that the test did not declare {@linkplain
 *       #notSecret(String) harmless}, and any Argon2 PHC hash;
 *   <li>in every log line, read through a {@link LogCapture} of the root logger when SLF4J is bound
 *       to Logback (found at run time: without Logback, log lines are not read and the rest is
 *       still checked), in the texts given to {@link #inspect(String)}, in everything a {@link
 *       #watch watched} service returns or throws, and in an exception escaping the test.
 * </ul>
 *
 * <p>Test engines that JUnit Jupiter's extensions do not reach (jqwik properties) use {@link
 * #startWatching()} and {@link #finishWatching()} from their own lifecycle hook.
 *
 * <p>State is static, so a test's threads (the engine's mail threads included) are all watched;
 * tests of one JVM must not run in parallel with it. Thread-safe otherwise: secrets, texts and log
 * lines may be added from any thread while the test thread checks.
 */
public final class SecretWatchExtension
    implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

  private static final Pattern TOKEN_SHAPED =
      Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
  private static final Pattern PHC_HASH = Pattern.compile("\\$argon2(id|i|d)\\$v=\\d+\\$");

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final List<String> TEXTS = new CopyOnWriteArrayList<>();
  private static final Set<String> NOT_SECRETS = ConcurrentHashMap.newKeySet();
  private static volatile @Nullable LogCapture capture;

  /** Creates the extension; JUnit does. */
  public SecretWatchExtension() {}

  /**
   * Registers a secret of the current test; shorter than 6 characters is ignored (it would match
   * ordinary text).
   *
   * @param value a token, link or password; {@code null} is ignored
   */
  public static void secret(@Nullable String value) {
    if (value != null && value.length() >= 6) {
      SECRETS.add(value);
    }
  }

  /**
   * Registers a password of the current test.
   *
   * @param value the password; {@code null} is ignored; not modified
   */
  public static void secret(char @Nullable [] value) {
    if (value != null) {
      secret(new String(value));
    }
  }

  /**
   * Declares a text of the current test that only looks like a token: a made-up value the test
   * feeds in and the code under test echoes back by design (a random client address or email of a
   * property test, say). The check for unregistered token-shaped text then passes over it; it is
   * still reported if it was also registered with {@link #secret(String)}.
   *
   * @param value the harmless text; {@code null} is ignored
   */
  public static void notSecret(@Nullable String value) {
    if (value != null) {
      NOT_SECRETS.add(value);
    }
  }

  /**
   * Adds a text that must hold no secret (an event, an outcome, a message).
   *
   * @param text the text; {@code null} is ignored
   */
  public static void inspect(@Nullable String text) {
    if (text != null) {
      TEXTS.add(text);
    }
  }

  /**
   * Adds an exception's text, with its causes and suppressed exceptions.
   *
   * @param thrown the exception; {@code null} is ignored
   */
  public static void inspect(@Nullable Throwable thrown) {
    if (thrown == null) {
      return;
    }
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
   * Wraps an object behind an interface whose methods it has (matched by name and parameter types),
   * so that the {@code toString()} of everything it returns and the text of everything it throws is
   * inspected. Typically {@code watch(PasswordResetService.class, engine)}.
   *
   * @param <T> the interface
   * @param type the interface
   * @param target the object
   * @return the watching proxy
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code type} is not an interface
   */
  public static <T> T watch(Class<T> type, Object target) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(target, "target must not be null");
    if (!type.isInterface()) {
      throw new IllegalArgumentException("type must be an interface, was " + type.getName());
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          Method real = target.getClass().getMethod(method.getName(), method.getParameterTypes());
          try {
            Object result = real.invoke(target, args);
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

  /**
   * A notifier that registers the link and token, or the reset code, of every notification as
   * secrets, then passes it on.
   *
   * @param delegate the notifier the engine should really use (e.g. a {@link RecordingNotifier})
   * @return the registering notifier
   * @throws NullPointerException if {@code delegate} is null
   */
  public static Notifier registeringSecrets(Notifier delegate) {
    Objects.requireNonNull(delegate, "delegate must not be null");
    return notification -> {
      String link = notification.link();
      if (link != null) {
        secret(link);
        Matcher m = TOKEN_SHAPED.matcher(link);
        while (m.find()) {
          secret(m.group());
        }
      }
      secret(notification.code());
      delegate.send(notification);
    };
  }

  /**
   * Forgets the current test's secrets, inspected texts and captured log lines, for a test that
   * leaks on purpose (the extension's own tests).
   */
  public static void forgetAll() {
    SECRETS.clear();
    NOT_SECRETS.clear();
    forgetCaptured();
  }

  /**
   * Forgets the texts inspected and the log lines captured so far in the current test, but keeps
   * its secrets: a test that leaks on purpose, then goes on checking with the same secrets (the
   * watch's own tests).
   */
  public static void forgetCaptured() {
    TEXTS.clear();
    LogCapture c = capture;
    if (c != null) {
      c.clear();
    }
  }

  /**
   * The leaks found so far in the current test.
   *
   * @return each leaking text (shortened), empty if none
   */
  public static List<String> leaksSoFar() {
    List<String> texts = new ArrayList<>(TEXTS);
    LogCapture c = capture;
    if (c != null) {
      texts.addAll(c.lines());
    }
    List<String> leaks = new ArrayList<>();
    for (String text : texts) {
      if (leaks(text)) {
        leaks.add(text.length() > 500 ? text.substring(0, 500) + "..." : text);
      }
    }
    return leaks;
  }

  private static boolean leaks(String text) {
    for (String secret : SECRETS) {
      if (text.contains(secret)) {
        return true;
      }
    }
    if (PHC_HASH.matcher(text).find()) {
      return true;
    }
    Matcher m = TOKEN_SHAPED.matcher(text);
    while (m.find()) {
      String candidate = m.group();
      if (!NOT_SECRETS.contains(candidate)
          && candidate.chars().anyMatch(Character::isUpperCase)
          && candidate.chars().anyMatch(Character::isLowerCase)
          && candidate.chars().anyMatch(Character::isDigit)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts watching, for a test engine whose tests JUnit Jupiter's extensions do not reach (a jqwik
   * {@code AroundPropertyHook}, for instance): captures log lines from now on. Secrets registered
   * and texts inspected since the last {@link #finishWatching()} count for this test: JUnit and
   * jqwik create the test instance, whose field initializers may register secrets, before they call
   * an extension or hook. Pair every call with {@link #finishWatching()}.
   */
  public static void startWatching() {
    LogCapture previous = capture;
    if (previous != null) {
      previous.close(); // a start without a finish: do not leave its appender behind
    }
    capture = LogCapture.rootIfAvailable();
  }

  /**
   * Stops watching (the counterpart of {@link #startWatching()}): stops capturing log lines, fails
   * if anything leaked since the last finish, and forgets this test's secrets and texts either way.
   *
   * @throws AssertionError listing the leaking texts
   */
  public static void finishWatching() {
    List<String> leaks = leaksSoFar();
    LogCapture c = capture;
    capture = null;
    if (c != null) {
      c.close();
    }
    SECRETS.clear();
    NOT_SECRETS.clear();
    TEXTS.clear();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "a secret was written to a log line, event, outcome or exception: " + leaks);
    }
  }

  /**
   * Starts capturing log lines; see {@link #startWatching()}.
   *
   * @param context the test
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    startWatching();
  }

  /**
   * Stops capturing, fails the test if anything leaked and forgets its secrets; see {@link
   * #finishWatching()}.
   *
   * @param context the test
   * @throws AssertionError listing the leaking texts
   */
  @Override
  public void afterEach(ExtensionContext context) {
    finishWatching();
  }

  /**
   * Inspects an exception escaping the test, then lets it fail the test as it would have.
   *
   * @param context the test
   * @param throwable the exception
   * @throws Throwable always, {@code throwable}
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    inspect(throwable);
    throw throwable;
  }
}

package dev.passwordreset.testkit;

import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Notifier} that records every notification instead of sending mail, for host test suites:
 * "the last link sent to X", "the token in it", "the reset code sent to X", "wait until the engine
 * has sent it".
 *
 * <pre>{@code
 * RecordingNotifier mail = new RecordingNotifier();
 * // ... engine built with .notifier(mail)
 * service.requestReset("jane@example.com", RequestContext.of("203.0.113.7"));
 * mail.awaitNotificationTo("jane@example.com", NotificationType.RESET_LINK, Duration.ofSeconds(5));
 * service.completeReset(mail.lastTokenSentTo("jane@example.com"), newPassword, ctx);
 *
 * // Reset by code:
 * service.requestResetCode("jane@example.com", ctx);
 * String code = mail.awaitCodeTo("jane@example.com", Duration.ofSeconds(5));
 * service.completeResetWithCode("jane@example.com", code, newPassword, ctx);
 * }</pre>
 *
 * <p>Links and codes are live credentials: the notifications' {@code toString()}, which this
 * class's assertion messages print, leaves them out.
 *
 * <p>Emails are compared through {@link CustomerStore#normalizeEmail(String)}. The engine sends
 * self-service mail off the caller's thread, so a test waits for it with one of the {@code await}
 * methods before reading it. Thread-safe.
 */
public final class RecordingNotifier implements Notifier {

  private final Object lock = new Object();
  private final List<Notification> sent = new ArrayList<>(); // guarded by lock
  private final Deque<RuntimeException> failures = new ArrayDeque<>(); // guarded by lock

  /** An empty recorder. */
  public RecordingNotifier() {}

  /**
   * Records the notification, or throws the next queued failure (then it records nothing).
   *
   * @param notification what the engine sends
   * @throws RuntimeException the failure queued with {@link #failNextWith(RuntimeException)}
   */
  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification must not be null");
    synchronized (lock) {
      RuntimeException failure = failures.poll();
      if (failure != null) {
        throw failure;
      }
      sent.add(notification);
      lock.notifyAll();
    }
  }

  /**
   * Makes the next call of {@link #send} throw this exception instead of recording (calls queue up:
   * two calls fail the next two sends). Use a {@link dev.passwordreset.api.NotificationException}
   * to say whether the failure is permanent.
   *
   * @param failure what to throw
   * @throws NullPointerException if {@code failure} is null
   */
  public void failNextWith(RuntimeException failure) {
    Objects.requireNonNull(failure, "failure must not be null");
    synchronized (lock) {
      failures.add(failure);
    }
  }

  /**
   * Every notification recorded so far, oldest first.
   *
   * @return a snapshot
   */
  public List<Notification> notifications() {
    synchronized (lock) {
      return List.copyOf(sent);
    }
  }

  /**
   * The notifications recorded for one address, oldest first.
   *
   * @param email the address, in any case
   * @return a snapshot
   * @throws NullPointerException if {@code email} is null
   */
  public List<Notification> notificationsTo(String email) {
    String wanted = CustomerStore.normalizeEmail(email);
    return notifications().stream()
        .filter(n -> CustomerStore.normalizeEmail(n.email()).equals(wanted))
        .toList();
  }

  /**
   * The last notification recorded for one address.
   *
   * @param email the address, in any case
   * @return the notification, or empty if none was sent to it
   * @throws NullPointerException if {@code email} is null
   */
  public Optional<Notification> lastSentTo(String email) {
    List<Notification> to = notificationsTo(email);
    return to.isEmpty() ? Optional.empty() : Optional.of(to.get(to.size() - 1));
  }

  /**
   * The link of the last link-bearing notification sent to an address.
   *
   * @param email the address, in any case
   * @return the link
   * @throws AssertionError if no notification with a link was sent to it
   * @throws NullPointerException if {@code email} is null
   */
  public String lastLinkSentTo(String email) {
    List<Notification> to = notificationsTo(email);
    for (int i = to.size() - 1; i >= 0; i--) {
      String link = to.get(i).link();
      if (link != null) {
        return link;
      }
    }
    throw new AssertionError(
        "no link was sent to " + email + "; notifications so far: " + notifications());
  }

  /**
   * The token (the {@code token} query parameter) of the last link sent to an address, as the
   * link's page would pass it to the engine.
   *
   * @param email the address, in any case
   * @return the token
   * @throws AssertionError if no link was sent to it, or the link has no {@code token} parameter
   * @throws NullPointerException if {@code email} is null
   */
  public String lastTokenSentTo(String email) {
    return tokenOf(lastLinkSentTo(email));
  }

  /**
   * The code of the last {@link NotificationType#RESET_CODE} notification sent to an address, as
   * the customer would type it.
   *
   * @param email the address, in any case
   * @return the code
   * @throws AssertionError if no code was sent to it
   * @throws NullPointerException if {@code email} is null
   */
  public String lastCodeSentTo(String email) {
    List<Notification> to = notificationsTo(email);
    for (int i = to.size() - 1; i >= 0; i--) {
      String code = to.get(i).code();
      if (code != null) {
        return code;
      }
    }
    throw new AssertionError(
        "no reset code was sent to " + email + "; notifications so far: " + notifications());
  }

  /**
   * Waits until a {@link NotificationType#RESET_CODE} notification was sent to an address, and
   * returns the code of the latest one: what a test types into {@code completeResetWithCode} after
   * {@code requestResetCode} (the engine sends it off the caller's thread).
   *
   * <p>It returns at once if a code was sent to the address before; to wait for a second code,
   * {@link #clear()} first, or count with {@link #awaitNotifications(Predicate, int, Duration)}.
   *
   * @param email the address, in any case
   * @param timeout how long to wait at most
   * @return the code
   * @throws AssertionError if no code arrived within the timeout
   * @throws NullPointerException if an argument is null
   */
  public String awaitCodeTo(String email, Duration timeout) {
    String code = awaitNotificationTo(email, NotificationType.RESET_CODE, timeout).code();
    if (code == null) {
      // The api's Notification refuses a RESET_CODE without a code; kept for nullness only.
      throw new AssertionError("a RESET_CODE notification without a code");
    }
    return code;
  }

  /**
   * The {@code token} query parameter of a link.
   *
   * @param link a link as the engine builds it from its template
   * @return the decoded token
   * @throws AssertionError if the link has no {@code token} query parameter
   * @throws IllegalArgumentException if the link is not a URI
   */
  public static String tokenOf(String link) {
    Objects.requireNonNull(link, "link must not be null");
    String query = URI.create(link).getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals("token")) {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("the link has no token query parameter");
  }

  /**
   * Waits until a recorded notification matches, and returns the latest one that does.
   *
   * @param condition what to wait for
   * @param timeout how long to wait at most
   * @return the latest matching notification
   * @throws AssertionError if none matched within the timeout
   * @throws NullPointerException if an argument is null
   */
  public Notification awaitNotification(Predicate<Notification> condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition must not be null");
    Objects.requireNonNull(timeout, "timeout must not be null");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        @Nullable Notification match = latest(condition);
        if (match != null) {
          return match;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching notification within " + timeout + "; notifications so far: " + sent);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for a notification", e);
        }
      }
    }
  }

  /**
   * Waits until a notification of the given type was sent to an address.
   *
   * @param email the address, in any case
   * @param type the type
   * @param timeout how long to wait at most
   * @return the latest such notification
   * @throws AssertionError if none arrived within the timeout
   * @throws NullPointerException if an argument is null
   */
  public Notification awaitNotificationTo(String email, NotificationType type, Duration timeout) {
    String wanted = CustomerStore.normalizeEmail(email);
    Objects.requireNonNull(type, "type must not be null");
    return awaitNotification(
        n -> n.type() == type && CustomerStore.normalizeEmail(n.email()).equals(wanted), timeout);
  }

  /**
   * Waits until at least {@code count} recorded notifications match, e.g. "the second reset link to
   * jane": count what matches before the action, then wait for one more.
   *
   * @param condition which notifications count
   * @param count how many must match
   * @param timeout how long to wait at most
   * @return the matching notifications, oldest first
   * @throws AssertionError if fewer matched within the timeout
   * @throws NullPointerException if an argument is null
   */
  public List<Notification> awaitNotifications(
      Predicate<Notification> condition, int count, Duration timeout) {
    Objects.requireNonNull(condition, "condition must not be null");
    Objects.requireNonNull(timeout, "timeout must not be null");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<Notification> matching = sent.stream().filter(condition).toList();
        if (matching.size() >= count) {
          return matching;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " matching notifications within "
                  + timeout
                  + ", got "
                  + matching.size()
                  + "; notifications so far: "
                  + sent);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for notifications", e);
        }
      }
    }
  }

  /**
   * Waits until at least {@code count} notifications were recorded in all.
   *
   * @param count how many
   * @param timeout how long to wait at most
   * @return a snapshot of all recorded notifications
   * @throws AssertionError if fewer arrived within the timeout
   */
  public List<Notification> awaitCount(int count, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (sent.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + count + " notifications within " + timeout + ", got " + sent);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for notifications", e);
        }
      }
      return List.copyOf(sent);
    }
  }

  /** Forgets every recorded notification and queued failure. */
  public void clear() {
    synchronized (lock) {
      sent.clear();
      failures.clear();
    }
  }

  private @Nullable Notification latest(Predicate<Notification> condition) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (condition.test(sent.get(i))) {
        return sent.get(i);
      }
    }
    return null;
  }
}

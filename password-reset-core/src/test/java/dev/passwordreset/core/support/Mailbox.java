package dev.passwordreset.core.support;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.testkit.RecordingNotifier;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A notifier that keeps what it is given, and can wait for it (self-service mail is async): the
 * testkit's {@link RecordingNotifier}, which registers every link and token with the {@link
 * SecretWatchExtension}, and matches addresses exactly as given.
 */
public final class Mailbox implements Notifier {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final RecordingNotifier received = new RecordingNotifier();

  @Override
  public void send(Notification n) {
    if (n.link() != null) {
      SecretWatchExtension.secret(n.link());
      SecretWatchExtension.secret(token(n));
    }
    received.send(n);
  }

  public List<Notification> all() {
    return received.notifications();
  }

  public List<Notification> to(String email) {
    return all().stream().filter(n -> n.email().equals(email)).toList();
  }

  public Notification await(String email, NotificationType type) {
    return await(n -> n.email().equals(email) && n.type() == type, 1);
  }

  /** Waits until at least {@code count} notifications match, and returns the last one. */
  public Notification await(Predicate<Notification> filter, int count) {
    List<Notification> matching = received.awaitNotifications(filter, count, WAIT);
    return matching.get(matching.size() - 1);
  }

  public Optional<Notification> last(String email) {
    List<Notification> list = to(email);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  /** The {@code {token}} part of a notification's link. */
  public static String token(Notification n) {
    String link = n.link();
    if (link == null) {
      throw new AssertionError("no link in " + n);
    }
    return link.substring(link.indexOf("token=") + "token=".length());
  }
}

package dev.passwordreset.core.support;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A notifier that keeps what it is given, and can wait for it (self-service mail is async). */
public final class Mailbox implements Notifier {
  private final List<Notification> received = new CopyOnWriteArrayList<>();

  @Override
  public void send(Notification n) {
    if (n.link() != null) {
      SecretWatch.secret(n.link());
      SecretWatch.secret(token(n));
    }
    received.add(n);
  }

  public List<Notification> all() {
    return List.copyOf(received);
  }

  public List<Notification> to(String email) {
    return received.stream().filter(n -> n.email().equals(email)).toList();
  }

  public Notification await(String email, NotificationType type) {
    return await(n -> n.email().equals(email) && n.type() == type, 1);
  }

  /** Waits until at least {@code count} notifications match, and returns the last one. */
  public Notification await(Predicate<Notification> filter, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<Notification> matching = received.stream().filter(filter).toList();
      if (matching.size() >= count) {
        return matching.get(matching.size() - 1);
      }
      sleep();
    }
    throw new AssertionError("no such notification within 10 s; received: " + received);
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

  static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

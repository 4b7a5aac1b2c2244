package dev.passwordreset.core;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A notifier that never delivers: it keeps what it was handed and throws. Thread-safe. */
final class FailingNotifier implements Notifier {
  private final List<Notification> tried = new CopyOnWriteArrayList<>();
  private final Supplier<RuntimeException> failure;

  FailingNotifier(Supplier<RuntimeException> failure) {
    this.failure = failure;
  }

  @Override
  public void send(Notification n) {
    if (n.link() != null) {
      SecretWatchExtension.secret(n.link());
      SecretWatchExtension.secret(Mailbox.token(n));
    }
    tried.add(n);
    throw failure.get();
  }

  /** Every attempt so far, in order. */
  List<Notification> tried() {
    return List.copyOf(tried);
  }
}

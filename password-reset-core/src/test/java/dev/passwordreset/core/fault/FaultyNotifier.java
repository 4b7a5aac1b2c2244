package dev.passwordreset.core.fault;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Notifier} that fails at the call its {@link Fault} picks, and remembers every
 * notification it was asked to send, delivered or not, so a test can check the links it failed to
 * send.
 */
final class FaultyNotifier implements Notifier {
  final Fault fault = new Fault("notifier");
  final List<Notification> attempted = new CopyOnWriteArrayList<>();
  final List<Notification> failed = new CopyOnWriteArrayList<>();
  volatile Notifier delegate;

  @Override
  public void send(Notification notification) {
    if (notification.link() != null) {
      SecretWatchExtension.secret(notification.link());
      SecretWatchExtension.secret(Mailbox.token(notification));
    }
    attempted.add(notification);
    try {
      fault.step("send " + notification.type());
    } catch (RuntimeException e) {
      failed.add(notification);
      throw e;
    }
    delegate.send(notification);
  }
}

package dev.passwordreset.api;

/**
 * SPI: delivers one email. The host plugs in its mail system, or uses {@code password-reset-mail}'s
 * {@code JakartaMailNotifier}. Being a functional interface, a test can collect notifications in a
 * list.
 *
 * <p>Implementations must be thread-safe and must never log {@link Notification#link()}: it is a
 * live credential. Failure is thrown: a {@link NotificationException} says whether retrying may
 * help; any other runtime exception is treated as transient.
 */
@FunctionalInterface
public interface Notifier {

  /**
   * Delivers (or hands to a mail server) one notification, before returning.
   *
   * @param notification what to send
   * @throws NotificationException if it cannot be delivered
   */
  void send(Notification notification);
}

package dev.passwordreset.core.notify;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.Notifier;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <strong>For development only, never for production:</strong> sends nothing, and only logs (slf4j,
 * INFO, logger {@code dev.passwordreset.core.notify.LoggingNotifier}) that a notification of a
 * given type went to a masked address such as {@code j***@example.com}.
 *
 * <p>It never logs the link, nor the code of a {@link
 * dev.passwordreset.api.NotificationType#RESET_CODE} email: either, in a log file, is a live
 * credential that anyone reading the logs could use to take over the account. To follow a reset end
 * to end on a developer machine, run a local SMTP catcher and use {@code password-reset-mail}'s
 * {@code JakartaMailNotifier} with {@code SmtpSecurity.NONE}, or collect notifications in a list in
 * tests ({@code Notifier} is a functional interface). A customer of a production system wired to
 * this notifier would never receive an email; a warning saying so is logged once per instance, when
 * it is created.
 *
 * <p>Thread-safe and stateless.
 */
public final class LoggingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingNotifier.class);

  /** Creates the notifier and warns, once, that it sends no email. */
  public LoggingNotifier() {
    LOG.warn(
        "LoggingNotifier sends no email and is for development only; customers will not receive"
            + " their links or codes. Use JakartaMailNotifier or your own Notifier in production.");
  }

  /**
   * Logs the type, the customer and the masked address; never the link or the code (it says {@code
   * code withheld} for a notification with a code, {@code link withheld} otherwise).
   *
   * @param notification what would have been sent
   * @throws NullPointerException if {@code notification} is null
   */
  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification must not be null");
    LOG.info(
        "[not sent: LoggingNotifier] {} for customer {} to {} (locale {}, {} withheld)",
        notification.type(),
        notification.customerId().value(),
        mask(notification.email()),
        notification.locale().toLanguageTag(),
        notification.code() == null ? "link" : "code");
  }

  /**
   * Masks an address for logs: its first character, {@code ***}, and the domain ({@code
   * jane@example.com} gives {@code j***@example.com}); without a usable {@code @}, just {@code
   * ***}.
   *
   * @param email the address
   * @return the masked address
   */
  static String mask(String email) {
    int at = email.lastIndexOf('@');
    if (at < 1 || at == email.length() - 1) {
      return "***";
    }
    return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
  }
}

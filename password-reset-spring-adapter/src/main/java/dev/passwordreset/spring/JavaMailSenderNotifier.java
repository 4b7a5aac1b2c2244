package dev.passwordreset.spring;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.mail.MailComposer;
import dev.passwordreset.mail.MailTemplateRenderer;
import dev.passwordreset.mail.TemplateMailRenderer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Objects;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the password-reset emails through Spring's {@link JavaMailSender} (so {@code spring.mail.*}
 * configures the server), written by {@code password-reset-mail}'s {@link MailComposer}: its
 * templates ({@link TemplateMailRenderer}, which the host can override file by file) or the host's
 * {@link MailTemplateRenderer}. Each email has a plain-text and an HTML alternative, {@code
 * Auto-Submitted: auto-generated}, and a {@code Message-ID} in the sender's domain: the same
 * message as {@code JakartaMailNotifier} sends.
 *
 * <p>Failures become a {@link NotificationException}: permanent for an SMTP 5xx reply, a refused or
 * malformed address, failed authentication or a message that cannot be built; transient (retried
 * for self-service mail) for a 4xx reply or an unreachable server. Neither the exception nor any
 * log line holds the link.
 *
 * <p>Thread-safe.
 */
public final class JavaMailSenderNotifier implements Notifier {

  private final JavaMailSender sender;
  private final MailComposer composer;

  /**
   * Creates the notifier.
   *
   * @param sender Spring's mail sender
   * @param composer writes the messages: sender, reply-to, time zone, templates, host renderer
   * @throws NullPointerException if an argument is null
   */
  public JavaMailSenderNotifier(JavaMailSender sender, MailComposer composer) {
    this.sender = Objects.requireNonNull(sender, "sender must not be null");
    this.composer = Objects.requireNonNull(composer, "composer must not be null");
  }

  /**
   * Writes the email and hands it to the mail server, before returning.
   *
   * @param notification what to send
   * @throws NullPointerException if {@code notification} is null
   * @throws NotificationException if it cannot be sent; {@link NotificationException#permanent()}
   *     tells whether a retry may help
   */
  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification must not be null");
    MimeMessage message;
    try {
      Session session = sender.createMimeMessage().getSession();
      message = composer.compose(notification, session);
    } catch (RuntimeException e) {
      throw classify(e, notification);
    }
    try {
      sender.send(message);
    } catch (MailException e) {
      throw classify(e, notification);
    }
  }

  /**
   * Classifies a send failure like {@link MailComposer#sendFailure}, after Spring's own exception
   * types: refused credentials and a message that cannot be built are permanent. A {@link
   * NotificationException} is returned as it is.
   */
  static NotificationException classify(Exception failure, Notification notification) {
    String what = MailComposer.describe(notification);
    if (failure instanceof MailAuthenticationException) {
      return new NotificationException(
          what + ": mail server authentication failed: " + failure.getMessage(), true, failure);
    }
    if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
      return new NotificationException(
          what + ": the message could not be built: " + failure.getClass().getSimpleName(),
          true,
          failure);
    }
    Throwable[] related =
        failure instanceof MailSendException send ? send.getMessageExceptions() : new Throwable[0];
    return MailComposer.sendFailure(notification, failure, related);
  }

  /** Describes the sender; never a link. */
  @Override
  public String toString() {
    return "JavaMailSenderNotifier[" + composer + "]";
  }
}

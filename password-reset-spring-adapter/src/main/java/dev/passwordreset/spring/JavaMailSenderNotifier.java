package dev.passwordreset.spring;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.mail.MailTemplateRenderer;
import dev.passwordreset.mail.RenderedMail;
import dev.passwordreset.mail.TemplateMailRenderer;
import dev.passwordreset.mail.internal.MimeMails;
import dev.passwordreset.mail.internal.SmtpFailures;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the password-reset emails through Spring's {@link JavaMailSender} (so {@code spring.mail.*}
 * configures the server), written by core's templates ({@link TemplateMailRenderer}, which the host
 * can override file by file) or by the host's {@link MailTemplateRenderer}. Each email has a
 * plain-text and an HTML alternative, {@code Auto-Submitted: auto-generated}, and a {@code
 * Message-ID} in the sender's domain.
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
  private final InternetAddress from;
  private final @Nullable InternetAddress replyTo;
  private final ZoneId zone;
  private final TemplateMailRenderer templates;
  private final @Nullable MailTemplateRenderer renderer;
  private final Clock clock;
  private final String messageIdDomain;

  /**
   * Creates the notifier.
   *
   * @param sender Spring's mail sender
   * @param from the sender's address (with its personal name, if any)
   * @param replyTo where replies go, or {@code null} for the sender
   * @param zone the time zone emails state the link's expiry in
   * @param templates the templates
   * @param renderer the host's own wording, asked first, or {@code null}
   * @param clock the clock for the {@code Date} header
   */
  public JavaMailSenderNotifier(
      JavaMailSender sender,
      InternetAddress from,
      @Nullable InternetAddress replyTo,
      ZoneId zone,
      TemplateMailRenderer templates,
      @Nullable MailTemplateRenderer renderer,
      Clock clock) {
    this.sender = Objects.requireNonNull(sender, "sender must not be null");
    this.from = Objects.requireNonNull(from, "from must not be null");
    this.replyTo = replyTo;
    this.zone = Objects.requireNonNull(zone, "zone must not be null");
    this.templates = Objects.requireNonNull(templates, "templates must not be null");
    this.renderer = renderer;
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    String address = from.getAddress();
    this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
  }

  /**
   * Parses a plain address such as {@code no-reply@shop.example}.
   *
   * @param address the address
   * @param personalName the name shown beside it, or {@code null}
   * @return the parsed address
   * @throws IllegalArgumentException if it is not a single plain address with a domain
   */
  public static InternetAddress address(String address, @Nullable String personalName) {
    return MimeMails.address(address, personalName, "address");
  }

  /**
   * Writes the email and hands it to the mail server, before returning.
   *
   * @param notification what to send
   * @throws NotificationException if it cannot be sent; {@link NotificationException#permanent()}
   *     tells whether a retry may help
   */
  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification must not be null");
    String what =
        "cannot send " + notification.type() + " to customer " + notification.customerId().value();
    RenderedMail mail = MimeMails.render(renderer, templates, notification, zone, what);
    MimeMessage message;
    try {
      message =
          MimeMails.compose(
              sender.createMimeMessage().getSession(),
              notification,
              mail,
              from,
              replyTo,
              clock,
              messageIdDomain);
    } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
      throw classify(e, what);
    }
    try {
      sender.send(message);
    } catch (MailException e) {
      throw classify(e, what);
    }
  }

  /**
   * Classifies a send failure like core's {@link SmtpFailures}, after Spring's own exception types:
   * refused credentials and a message that cannot be built are permanent.
   */
  static NotificationException classify(Exception failure, String what) {
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
    return SmtpFailures.classify(failure, what, related);
  }

  /** Describes the sender; never a link. */
  @Override
  public String toString() {
    return "JavaMailSenderNotifier[from=" + from + ", zone=" + zone + "]";
  }
}

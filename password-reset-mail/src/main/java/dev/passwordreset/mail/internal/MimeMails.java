package dev.passwordreset.mail.internal;

import dev.passwordreset.api.Notification;
import dev.passwordreset.mail.RenderedMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Composes the library's messages and parses its addresses; not API ({@link
 * dev.passwordreset.mail.MailComposer} is). A message is {@code multipart/alternative} (plain text,
 * then HTML), UTF-8, with a random {@code Message-ID} in the sender's domain, {@code Date}, {@code
 * Auto-Submitted: auto-generated}, {@code X-Auto-Response-Suppress: All} and {@code
 * Content-Language}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MimeMails {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MimeMails() {}

  /**
   * Composes the message for one notification.
   *
   * @param session the mail session, or {@code null} (e.g. a sender that supplies its own)
   * @param n the notification (recipient, name, language)
   * @param mail the rendered words
   * @param from the sender
   * @param replyTo the Reply-To address, or {@code null}
   * @param clock for the {@code Date} header and the Message-ID
   * @param messageIdDomain the domain of the Message-ID (the sender's)
   * @return the message, ready to send
   * @throws MessagingException if the recipient's address is malformed or a header cannot be set
   * @throws UnsupportedEncodingException never in practice (UTF-8)
   */
  public static MimeMessage compose(
      @Nullable Session session,
      Notification n,
      RenderedMail mail,
      InternetAddress from,
      @Nullable InternetAddress replyTo,
      Clock clock,
      String messageIdDomain)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage message = new IdentifiedMimeMessage(session, newMessageId(clock, messageIdDomain));
    message.setFrom(from);
    if (replyTo != null) {
      message.setReplyTo(new InternetAddress[] {replyTo});
    }
    InternetAddress to = new InternetAddress(n.email(), true);
    String displayName = n.displayName();
    if (displayName != null && !displayName.isBlank()) {
      to.setPersonal(displayName.strip(), StandardCharsets.UTF_8.name());
    }
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Auto-Response-Suppress", "All");
    String language = n.locale().toLanguageTag();
    if (!language.equals("und")) {
      message.setHeader("Content-Language", language);
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  /**
   * Parses a sender or Reply-To address: one plain address with a domain (no group, no name inside
   * it), and an optional name shown beside it.
   *
   * @param address the address, e.g. {@code no-reply@shop.example}
   * @param personal the name shown beside it, or {@code null}
   * @param name what the address is, for messages (e.g. {@code "from"})
   * @return the parsed address
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if it is not a single plain address with a domain, or the name
   *     holds a control character
   */
  public static InternetAddress address(String address, @Nullable String personal, String name) {
    Objects.requireNonNull(address, () -> name + " address must not be null");
    if (personal != null && personal.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          name
              + " personal name must not contain control characters, was \""
              + printable(personal)
              + "\"");
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      String plain = parsed.getAddress();
      if (parsed.isGroup()
          || parsed.getPersonal() != null
          || !plain.equals(address.strip())
          || plain.indexOf('@') < 1
          || plain.endsWith("@")) {
        throw new AddressException("not a plain address with a domain", address);
      }
      if (personal != null && !personal.isBlank()) {
        parsed.setPersonal(personal.strip(), StandardCharsets.UTF_8.name());
      }
      return parsed;
    } catch (AddressException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException(
          name
              + " must be a single email address like no-reply@shop.example, was \""
              + printable(address)
              + "\"",
          e);
    }
  }

  /**
   * A value for a message: control characters escaped, cut at 200 characters.
   *
   * @param value the value
   * @return the printable value
   */
  public static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && i < 200; i++) {
      char c = value.charAt(i);
      out.append(
          Character.isISOControl(c)
              ? String.format(Locale.ROOT, "\\u%04X", (int) c)
              : String.valueOf(c));
    }
    return out.toString();
  }

  private static String newMessageId(Clock clock, String domain) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "<"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        + "."
        + clock.millis()
        + "@"
        + domain
        + ">";
  }

  /** Keeps our Message-ID instead of one naming the local host. */
  private static final class IdentifiedMimeMessage extends MimeMessage {
    private final String messageId;

    IdentifiedMimeMessage(@Nullable Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}

package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.mail.MailComposer;
import dev.passwordreset.mail.RenderedMail;
import dev.passwordreset.mail.TemplateMailRenderer;
import dev.passwordreset.testkit.SecretWatchExtension;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Emails through Spring's JavaMailSender, written by password-reset-mail's templates; failures
 * classified.
 */
class JavaMailSenderNotifierTest {
  private static final String LINK = "https://shop.example/password/reset?token=SECRET-TOKEN-123";
  private static final Notification RESET =
      new Notification(
          NotificationType.RESET_LINK,
          new CustomerId("c-1"),
          "jane@shop.example",
          "Jane Doe",
          Locale.ENGLISH,
          LINK,
          Instant.parse("2026-03-10T10:30:00Z"),
          null);

  @BeforeEach
  void linkIsASecret() {
    SecretWatchExtension.secret(LINK);
    SecretWatchExtension.secret("SECRET-TOKEN-123");
  }

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

  private static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    return sender;
  }

  private static JavaMailSenderNotifier notifier(JavaMailSenderImpl sender) {
    return new JavaMailSenderNotifier(
        sender,
        MailComposer.builder()
            .from("no-reply@shop.example", "Example Shop")
            .replyTo("care@shop.example")
            .zone(ZoneId.of("Europe/Paris"))
            .templates(TemplateMailRenderer.defaults())
            .build());
  }

  @Test
  void emailIsDeliveredWithTextAndHtmlFromTheTemplates() throws Exception {
    notifier(sender(SMTP.getSmtp().getPort())).send(RESET);

    MimeMessage received = SMTP.getReceivedMessages()[0];
    assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Example Shop");
    assertThat(received.getReplyTo()[0].toString()).isEqualTo("care@shop.example");
    assertThat(received.getAllRecipients()[0].toString()).contains("jane@shop.example");
    assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(received.getMessageID()).endsWith("@shop.example>");
    assertThat(received.getSubject()).isNotBlank();
    Multipart body = (Multipart) received.getContent();
    assertThat(body.getContentType()).startsWith("multipart/alternative");
    assertThat(body.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat((String) body.getBodyPart(0).getContent()).contains(LINK);
    assertThat(body.getBodyPart(1).isMimeType("text/html")).isTrue();
  }

  @Test
  void hostRendererWritesTheEmailWhenItAnswers() throws Exception {
    JavaMailSenderNotifier notifier =
        new JavaMailSenderNotifier(
            sender(SMTP.getSmtp().getPort()),
            MailComposer.builder()
                .from("no-reply@shop.example", null)
                .zone(ZoneOffset.UTC)
                .templates(TemplateMailRenderer.defaults())
                .renderer(
                    (n, zone) ->
                        Optional.of(
                            new RenderedMail("Your own words", "Go to " + n.link(), "<p>Go</p>")))
                .build());

    notifier.send(RESET);

    assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Your own words");
  }

  @Test
  void unreachableServerIsTransientAndNeverMentionsTheLink() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> notifier(sender(closedPort)).send(RESET))
        .isInstanceOfSatisfying(
            NotificationException.class,
            e -> {
              SecretWatchExtension.inspect(e);
              assertThat(e.permanent()).isFalse();
              assertThat(e.getMessage()).doesNotContain("SECRET-TOKEN-123");
            });
  }

  @Test
  void refusedRecipientIsPermanent() throws Exception {
    MailException refused =
        new MailSendException(
            Map.of(
                new Object(),
                new SMTPAddressFailedException(
                    new InternetAddress("jane@shop.example"),
                    "RCPT TO",
                    550,
                    "550 5.1.1 mailbox unavailable")));

    assertThat(JavaMailSenderNotifier.classify(refused, RESET).permanent()).isTrue();
  }

  @Test
  void temporaryRefusalIsTransient() {
    MailException busy =
        new MailSendException(
            Map.of(
                new Object(),
                new SMTPSendFailedException(
                    "DATA", 451, "451 4.3.0 try again later", null, null, null, null)));

    NotificationException classified = JavaMailSenderNotifier.classify(busy, RESET);

    assertThat(classified.permanent()).isFalse();
    assertThat(classified.getMessage()).contains("451");
  }

  @Test
  void failedAuthenticationIsPermanent() {
    assertThat(
            JavaMailSenderNotifier.classify(
                    new MailAuthenticationException("535 bad credentials"), RESET)
                .permanent())
        .isTrue();
  }

  @Test
  void badFromAddressIsRefusedAtOnce() {
    assertThatThrownBy(() -> MailComposer.builder().from("Shop <no-reply@shop.example>", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("single email address");
  }
}

package dev.passwordreset.mail;

import static dev.passwordreset.mail.MailTestSupport.LINK;
import static dev.passwordreset.mail.MailTestSupport.LINK_IN_HTML;
import static dev.passwordreset.mail.MailTestSupport.TOKEN;
import static dev.passwordreset.mail.MailTestSupport.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.testkit.SecretWatchExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message every notifier sends, written once; and the failures of a host's own transport. */
class MailComposerTest {
  private static final Instant NOW = Instant.parse("2026-03-10T09:15:00Z");

  @BeforeEach
  void linkIsASecret() {
    SecretWatchExtension.secret(LINK);
    SecretWatchExtension.secret(TOKEN);
  }

  private static MailComposer.Builder composer() {
    return MailComposer.builder()
        .from("no-reply@shop.example", "Example Shop")
        .replyTo("care@shop.example")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void composeWithoutASessionWritesTheWholeMessageFromTheTemplates() throws Exception {
    MimeMessage message =
        composer()
            .build()
            .compose(notification(NotificationType.RESET_LINK, Locale.FRENCH, "Jane Doe"), null);

    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("no-reply@shop.example");
    assertThat(from.getPersonal()).isEqualTo("Example Shop");
    assertThat(message.getReplyTo())
        .extracting(Object::toString)
        .containsExactly("care@shop.example");
    InternetAddress to = (InternetAddress) message.getRecipients(Message.RecipientType.TO)[0];
    assertThat(to.getAddress()).isEqualTo("jane.doe@example.com");
    assertThat(to.getPersonal()).isEqualTo("Jane Doe");
    assertThat(message.getSentDate()).isEqualTo(Date.from(NOW));
    assertThat(message.getMessageID()).startsWith("<").endsWith("@shop.example>");
    assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(message.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
    assertThat(message.getHeader("Content-Language")).containsExactly("fr");
    ReceivedMail mail = ReceivedMail.of(message);
    assertThat(mail.subject()).isEqualTo("Réinitialisez votre mot de passe Example Shop");
    assertThat(mail.textType()).startsWith("text/plain").contains("UTF-8");
    assertThat(mail.text()).contains(LINK);
    assertThat(mail.htmlType()).startsWith("text/html");
    assertThat(mail.html()).contains("href=\"" + LINK_IN_HTML + "\"");
  }

  // Issue 14, item 3: the set-then-confirm email warns against confirming a stranger's request.
  @Test
  void theConfirmPasswordEmailSaysPlainlyNotToConfirmAChangeOneDidNotAskFor() throws Exception {
    MailComposer composer = composer().build();
    ReceivedMail en =
        ReceivedMail.of(
            composer.compose(
                notification(NotificationType.CONFIRM_PASSWORD, Locale.ENGLISH, "Jane Doe"), null));
    ReceivedMail fr =
        ReceivedMail.of(
            composer.compose(
                notification(NotificationType.CONFIRM_PASSWORD, Locale.FRENCH, "Jane Doe"), null));

    for (String body : new String[] {en.words(), en.html()}) { // text wrapped at 76 columns
      assertThat(body)
          .contains("If you did not ask for this change, do not confirm it and ignore this email.")
          .contains("type the new password you chose once more");
    }
    for (String body : new String[] {fr.words(), fr.html()}) {
      assertThat(body)
          .contains(
              "Si vous n'avez pas demandé ce changement, ne le confirmez pas et ignorez cet e-mail.")
          .contains("saisissez encore une fois le nouveau mot de passe choisi");
    }
  }

  @Test
  void theBuilderChainsEverySettingAndTheExpiryIsWrittenInTheConfiguredZone() throws Exception {
    MailComposer composer =
        MailComposer.builder()
            .zone(ZoneId.of("America/New_York"))
            .templates(TemplateMailRenderer.defaults())
            .renderer((n, zone) -> Optional.empty())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .replyTo("care@shop.example")
            .from("no-reply@shop.example", null)
            .build();

    ReceivedMail mail =
        ReceivedMail.of(
            composer.compose(
                notification(NotificationType.RESET_LINK, Locale.ENGLISH, null), null));

    assertThat(mail.words()).contains("expires on March 10, 2026 at 10:30 AM EDT");
  }

  @Test
  void eachMessageHasItsOwnMessageId() throws Exception {
    MailComposer composer = composer().build();
    Notification n = notification(NotificationType.PASSWORD_CHANGED, Locale.ENGLISH, null);

    assertThat(composer.compose(n, null).getMessageID())
        .isNotEqualTo(composer.compose(n, null).getMessageID());
  }

  @Test
  void theHostsRendererIsAskedFirstAndTheTemplatesServeWhenItAnswersEmpty() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    MailComposer composer =
        composer()
            .renderer(
                (n, zone) -> {
                  asked.incrementAndGet();
                  return n.type() == NotificationType.RESET_LINK
                      ? Optional.of(new RenderedMail("Own words", "Go: " + n.link(), "<p>Go</p>"))
                      : Optional.empty();
                })
            .build();

    assertThat(
            composer
                .compose(notification(NotificationType.RESET_LINK, Locale.ENGLISH, null), null)
                .getSubject())
        .isEqualTo("Own words");
    assertThat(
            composer
                .compose(
                    notification(NotificationType.PASSWORD_CHANGED, Locale.ENGLISH, null), null)
                .getSubject())
        .isEqualTo("Your Example Shop password was changed");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aFailingRendererIsAPermanentFailureThatNamesNeitherTheLinkNorTheToken() {
    MailComposer composer =
        composer()
            .renderer(
                (n, zone) -> {
                  throw new IllegalStateException("broken template");
                })
            .build();

    NotificationException e =
        catchThrowableOfType(
            NotificationException.class,
            () ->
                composer.compose(
                    notification(NotificationType.RESET_LINK, Locale.ENGLISH, null), null));

    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo(
            "cannot send RESET_LINK to customer c-42: rendering failed: IllegalStateException")
        .doesNotContain(TOKEN);
  }

  @Test
  void aMalformedRecipientIsAPermanentFailure() {
    Notification toNowhere =
        new Notification(
            NotificationType.PASSWORD_CHANGED,
            new CustomerId("c-42"),
            "not an address",
            null,
            Locale.ENGLISH,
            null,
            null,
            null);

    NotificationException e =
        catchThrowableOfType(
            NotificationException.class, () -> composer().build().compose(toNowhere, null));

    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage())
        .startsWith("cannot send PASSWORD_CHANGED to customer c-42: invalid address");
  }

  @Test
  void buildNamesTheMissingSender() {
    assertThatThrownBy(() -> MailComposer.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("MailComposer cannot be built, missing: from");
  }

  @Test
  void fromMustBeOnePlainAddress() {
    assertThatThrownBy(() -> MailComposer.builder().from("Shop <no-reply@shop.example>", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "from must be a single email address like no-reply@shop.example, was \"Shop"
                + " <no-reply@shop.example>\"");
  }

  @Test
  void describeNamesTheTypeAndTheCustomerButNotTheLink() {
    assertThat(
            MailComposer.describe(notification(NotificationType.REMINDER, Locale.ENGLISH, "Jane")))
        .isEqualTo("cannot send REMINDER to customer c-42");
  }

  @Test
  void sendFailureOfAHostsTransportIsClassifiedByTheSmtpReplyCode() {
    Notification n = notification(NotificationType.RESET_LINK, Locale.ENGLISH, null);
    MessagingException refused =
        new SMTPSendFailedException("RCPT", 550, "550 5.1.1 no such user", null, null, null, null);
    MessagingException busy =
        new SMTPSendFailedException("DATA", 451, "451 4.3.0 try later", null, null, null, null);

    NotificationException permanent = MailComposer.sendFailure(n, refused);
    NotificationException transientFailure =
        MailComposer.sendFailure(n, new MessagingException("batch failed"), busy);

    assertThat(permanent.permanent()).isTrue();
    assertThat(permanent.getMessage())
        .startsWith("cannot send RESET_LINK to customer c-42: refused by the SMTP server (550)");
    assertThat(transientFailure.permanent()).isFalse();
    assertThat(transientFailure.getMessage()).contains("(451)");
    NotificationException already = new NotificationException("as it was", true, null);
    assertThat(MailComposer.sendFailure(n, already)).isSameAs(already);
  }

  @Test
  void toStringNamesTheSenderAndTheZone() {
    assertThat(composer().build().toString())
        .isEqualTo(
            "MailComposer[from=Example Shop <no-reply@shop.example>, zone=Z, brand=Example Shop]");
  }
}

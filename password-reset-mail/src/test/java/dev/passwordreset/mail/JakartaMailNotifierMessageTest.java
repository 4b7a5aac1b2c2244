package dev.passwordreset.mail;

import static dev.passwordreset.mail.MailTestSupport.CODE;
import static dev.passwordreset.mail.MailTestSupport.CODE_GROUPED;
import static dev.passwordreset.mail.MailTestSupport.LINK;
import static dev.passwordreset.mail.MailTestSupport.LINK_IN_HTML;
import static dev.passwordreset.mail.MailTestSupport.notification;
import static dev.passwordreset.mail.MailTestSupport.notifierFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.passwordreset.api.NotificationType;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the customer receives: wording per type and language, MIME structure, headers. */
class JakartaMailNotifierMessageTest {

  @RegisterExtension static final GreenMailExtension GREEN_MAIL = MailTestSupport.greenMail();

  private static final Instant NOW = Instant.parse("2026-03-10T14:00:00Z");

  private static final Map<NotificationType, String> ENGLISH_SUBJECTS =
      Map.of(
          NotificationType.RESET_LINK, "Reset your Boutique Été password",
          NotificationType.CONFIRM_PASSWORD, "Confirm your new Boutique Été password",
          NotificationType.ACCOUNT_SETUP, "Set up the password of your new Boutique Été account",
          NotificationType.REMINDER, "Your Boutique Été account details",
          NotificationType.PASSWORD_CHANGED, "Your Boutique Été password was changed",
          NotificationType.RESET_CODE, "Your Boutique Été password reset code");

  private static final Map<NotificationType, String> FRENCH_SUBJECTS =
      Map.of(
          NotificationType.RESET_LINK, "Réinitialisez votre mot de passe Boutique Été",
          NotificationType.CONFIRM_PASSWORD, "Confirmez votre nouveau mot de passe Boutique Été",
          NotificationType.ACCOUNT_SETUP,
              "Choisissez le mot de passe de votre nouveau compte Boutique Été",
          NotificationType.REMINDER, "Les informations de votre compte Boutique Été",
          NotificationType.PASSWORD_CHANGED, "Votre mot de passe Boutique Été a été modifié",
          NotificationType.RESET_CODE,
              "Votre code de réinitialisation du mot de passe Boutique Été");

  static Stream<Arguments> typesAndLanguages() {
    return Stream.of(NotificationType.values())
        .flatMap(t -> Stream.of(Arguments.of(t, Locale.ENGLISH), Arguments.of(t, Locale.FRENCH)));
  }

  private static JakartaMailNotifier notifier(ZoneId zone) {
    return notifierFor(GREEN_MAIL).zone(zone).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  private static ReceivedMail onlyMessage() {
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    return ReceivedMail.of(received[0]);
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("typesAndLanguages")
  void eachTypeArrivesInTheCustomersLanguageAsUtf8TextAndHtmlWithItsLink(
      NotificationType type, Locale locale) throws Exception {
    notifier(ZoneId.of("Europe/Paris")).send(notification(type, locale, "Jane Doe"));

    ReceivedMail mail = onlyMessage();
    boolean french = locale.equals(Locale.FRENCH);
    assertThat(mail.subject()).isEqualTo((french ? FRENCH_SUBJECTS : ENGLISH_SUBJECTS).get(type));
    assertThat(mail.textType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(mail.htmlType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    assertThat(mail.header("Content-Language")).isEqualTo(locale.getLanguage());
    String hello = french ? "Bonjour Jane Doe," : "Hello Jane Doe,";
    assertThat(mail.text()).startsWith(hello).contains("jane.doe@example.com");
    assertThat(mail.html()).contains("<html lang=\"" + locale.getLanguage() + "\">", hello);
    assertThat(mail.html()).contains("<strong>jane.doe@example.com</strong>");

    if (type == NotificationType.PASSWORD_CHANGED) {
      assertThat(mail.text()).doesNotContain("http").doesNotContain("expire");
      assertThat(mail.html()).doesNotContain("href");
      assertThat(mail.words())
          .contains(
              french
                  ? "Sinon, quelqu'un d'autre a peut-être accès à votre compte"
                  : "If you did not, someone else may have access to your account",
              french ? "Mot de passe oublié" : "Forgot your password?");
    } else if (type == NotificationType.RESET_CODE) {
      assertThat(mail.text()).contains("\n    " + CODE + "\n").doesNotContain("http");
      assertThat(mail.html()).contains(">" + CODE_GROUPED + "</span>").doesNotContain("href");
      assertThat(mail.words())
          .contains(
              french
                  ? "expire à 15:30 CET le 10 mars 2026"
                  : "expires at 3:30 PM CET on March 10, 2026",
              french
                  ? "saisissez ce code là où vous l'avez demandé (dans l'application ou sur la page"
                  : "type this code where you asked for it (in the app or on the page you came"
                      + " from)",
              french
                  ? "Ne communiquez jamais ce code à personne. Boutique Été ne vous le demandera"
                      + " jamais, ni par téléphone, ni par e-mail"
                  : "Never share this code with anyone. Boutique Été will never ask you for it, by"
                      + " phone, by email",
              french ? "votre mot de passe reste inchangé" : "your password stays as it is",
              french ? "seul le code du dernier e-mail" : "only the code in the most recent email");
      assertThat(mail.html())
          .contains(french ? "courrier indésirable (spam)" : "check your spam or junk folder");
    } else {
      assertThat(mail.text()).contains("\n" + LINK + "\n");
      assertThat(mail.html()).contains("href=\"" + LINK_IN_HTML + "\"");
      assertThat(mail.words())
          .contains(
              french
                  ? "expire le 10 mars 2026 à 15:30 CET"
                  : "expires on March 10, 2026 at 3:30 PM CET");
      assertThat(mail.words())
          .contains(french ? "courrier indésirable (spam)" : "check your spam or junk folder");
      assertThat(mail.html())
          .contains(french ? "courrier indésirable (spam)" : "check your spam or junk folder");
    }
    if (type == NotificationType.REMINDER) {
      assertThat(mail.words())
          .contains(
              french
                  ? "Nous n'envoyons jamais de mot de passe par e-mail"
                  : "We never send passwords by email");
      assertThat(mail.text()).contains("\n    jane.doe@example.com\n");
    }
  }

  @ParameterizedTest
  @EnumSource(NotificationType.class)
  void displayNameIsHtmlEscapedInTheHtmlPart(NotificationType type) throws Exception {
    String name = "<script>alert(1)</script> & \"Co\" 'x'";
    notifier(ZoneOffset.UTC).send(notification(type, Locale.ENGLISH, name));

    ReceivedMail mail = onlyMessage();
    assertThat(mail.html())
        .contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;,")
        .doesNotContain("<script>");
    assertThat(mail.text()).startsWith("Hello " + name + ",");
    InternetAddress to =
        (InternetAddress) mail.message().getRecipients(Message.RecipientType.TO)[0];
    assertThat(to.getAddress()).isEqualTo("jane.doe@example.com");
    assertThat(to.getPersonal()).isEqualTo(name);
  }

  @Test
  void headersCarryDateMessageIdAutoSubmittedFromAndReplyTo() throws Exception {
    JakartaMailNotifier notifier = notifier(ZoneOffset.UTC);
    notifier.send(notification(NotificationType.RESET_LINK, Locale.FRENCH, "Jane"));
    notifier.send(notification(NotificationType.RESET_LINK, Locale.FRENCH, "Jane"));

    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage message = received[0];
    assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
    assertThat(message.getMessageID()).matches("<[A-Za-z0-9_-]{22}\\.\\d+@shop\\.example>");
    assertThat(received[1].getMessageID()).isNotEqualTo(message.getMessageID());
    assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("no-reply@shop.example");
    assertThat(from.getPersonal()).isEqualTo("Boutique Été");
    assertThat(message.getHeader("From")[0]).startsWith("=?UTF-8?");
    assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(message.getReplyTo())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("support@shop.example");
  }

  @Test
  void withoutReplyToRepliesGoToTheSender() throws Exception {
    JakartaMailNotifier.builder()
        .host("127.0.0.1")
        .port(GREEN_MAIL.getSmtp().getPort())
        .security(SmtpSecurity.NONE)
        .from("no-reply@shop.example", null)
        .build()
        .send(notification(NotificationType.RESET_LINK, Locale.ENGLISH, null));

    MimeMessage message = onlyMessage().message();
    assertThat(message.getHeader("Reply-To")).isNull();
    assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isNull();
  }

  @Test
  void expiryIsWrittenInTheConfiguredZone() throws Exception {
    notifier(ZoneId.of("America/New_York"))
        .send(notification(NotificationType.RESET_LINK, Locale.ENGLISH, null));
    assertThat(onlyMessage().words()).contains("expires on March 10, 2026 at 10:30 AM EDT");
  }

  @Test
  void expiryIsWrittenInUtcByDefault() throws Exception {
    notifierFor(GREEN_MAIL)
        .build()
        .send(notification(NotificationType.REMINDER, Locale.FRENCH, null));
    assertThat(onlyMessage().words()).contains("expire le 10 mars 2026 à 14:30 UTC");
  }

  @Test
  void withoutDisplayNameTheGreetingUsesTheEmailAddress() throws Exception {
    notifier(ZoneOffset.UTC).send(notification(NotificationType.RESET_LINK, Locale.ENGLISH, null));
    ReceivedMail mail = onlyMessage();
    assertThat(mail.text()).startsWith("Hello jane.doe@example.com,");
    assertThat(
            ((InternetAddress) mail.message().getRecipients(Message.RecipientType.TO)[0])
                .getPersonal())
        .isNull();
  }

  @Test
  void unsupportedLanguageFallsBackToEnglishAndRegionalVariantsGetTheirLanguage() throws Exception {
    JakartaMailNotifier notifier = notifier(ZoneOffset.UTC);
    notifier.send(notification(NotificationType.RESET_LINK, Locale.JAPAN, null));
    notifier.send(notification(NotificationType.RESET_LINK, Locale.CANADA_FRENCH, null));
    notifier.send(notification(NotificationType.RESET_LINK, Locale.GERMANY, null));
    notifier.send(notification(NotificationType.RESET_LINK, new Locale("pt", "BR"), null));

    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(4);
    assertThat(received[0].getSubject()).isEqualTo("Reset your Boutique Été password");
    assertThat(received[0].getHeader("Content-Language")).containsExactly("ja-JP");
    assertThat(received[1].getSubject()).isEqualTo("Réinitialisez votre mot de passe Boutique Été");
    assertThat(received[1].getHeader("Content-Language")).containsExactly("fr-CA");
    assertThat(received[2].getSubject())
        .isEqualTo("Setzen Sie Ihr Passwort für Boutique Été zurück");
    assertThat(received[3].getSubject()).isEqualTo("Redefina a sua palavra-passe de Boutique Été");
  }
}

package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code password-reset.brand.*} and each storefront's {@code brand.*} reach the emails. */
class BrandPropertiesTest {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

  private static ApplicationContextRunner withSpringMail() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration.class,
                PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues(
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + SMTP.getSmtp().getPort(),
            "password-reset.mail.from=no-reply@corner.example",
            "password-reset.storefronts.b2b.link-template="
                + "https://pro.corner.example/password/reset?token={token}");
  }

  private static Notification reset(String storefront) {
    return new Notification(
        NotificationType.PASSWORD_CHANGED,
        new CustomerId("c-1"),
        "jane@example.com",
        "Jane Doe",
        Locale.GERMAN,
        null,
        null,
        storefront);
  }

  @Test
  void eachStorefrontSendsInItsOwnBrandAndUnsetFieldsAreTheDefaultBrands() {
    withSpringMail()
        .withPropertyValues(
            "password-reset.brand.shop-name=Corner Shop",
            "password-reset.brand.contact=help@corner.example,https://corner.example/help",
            "password-reset.brand.contact-phone=+44 20 7946 0000",
            "password-reset.brand.footer=Corner Shop Ltd, 1 High Street, London",
            "password-reset.storefronts.b2b.brand.shop-name=Corner Pro",
            "password-reset.storefronts.b2b.brand.accent-color=#7C2D12",
            "password-reset.storefronts.b2b.brand.logo-url=https://pro.corner.example/logo.png",
            "password-reset.storefronts.b2b.brand.contact=accounts@pro.corner.example",
            "password-reset.storefronts.b2b.brand.from=no-reply@pro.corner.example",
            "password-reset.storefronts.b2b.brand.reply-to=accounts@pro.corner.example",
            "password-reset.storefronts.b2b.brand.time-zone=Europe/Berlin")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Notifier notifier = context.getBean(Notifier.class);
              notifier.send(reset(null));
              notifier.send(reset("b2b"));

              MimeMessage[] received = SMTP.getReceivedMessages();
              assertThat(received).hasSize(2);
              assertThat(received[0].getSubject())
                  .isEqualTo("Ihr Passwort für Corner Shop wurde geändert");
              assertThat(((InternetAddress) received[0].getFrom()[0]).getAddress())
                  .isEqualTo("no-reply@corner.example");
              assertThat(text(received[0]))
                  .contains(
                      "help@corner.example\nhttps://corner.example/help\n+44 20 7946 0000\n",
                      "Corner Shop Ltd, 1 High Street, London");

              assertThat(received[1].getSubject())
                  .isEqualTo("Ihr Passwort für Corner Pro wurde geändert");
              InternetAddress from = (InternetAddress) received[1].getFrom()[0];
              assertThat(from.getAddress()).isEqualTo("no-reply@pro.corner.example");
              assertThat(from.getPersonal()).isEqualTo("Corner Pro");
              assertThat(received[1].getReplyTo()[0].toString())
                  .isEqualTo("accounts@pro.corner.example");
              // Its own contact; the phone and footer it did not set are the default brand's.
              assertThat(text(received[1]))
                  .contains(
                      "accounts@pro.corner.example\n+44 20 7946 0000\n",
                      "Corner Shop Ltd, 1 High Street, London")
                  .doesNotContain("help@corner.example");
              assertThat(html(received[1]))
                  .contains("#7c2d12", "url(&#39;https://pro.corner.example/logo.png&#39;)");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "password-reset.brand.logo-url=http://corner.example/logo.png |"
            + " password-reset.brand.logo-url | https",
        "password-reset.brand.accent-color=blue | password-reset.brand.accent-color | #rrggbb",
        "password-reset.brand.contact=customer service | password-reset.brand.contact |"
            + " an email address",
        "password-reset.storefronts.b2b.brand.logo-url=ftp://pro.corner.example/l.png |"
            + " password-reset.storefronts.b2b.brand.logo-url | https",
        "password-reset.storefronts.b2b.brand.accent-color=#12 |"
            + " password-reset.storefronts.b2b.brand.accent-color | was \"#12\"",
        "password-reset.storefronts.b2b.brand.contact=call us |"
            + " password-reset.storefronts.b2b.brand.contact | http(s) URL",
        "password-reset.brand.contact-phone=ask at the till | password-reset.brand.contact-phone |"
            + " phone number",
        "password-reset.storefronts.b2b.brand.reply-to=accounts |"
            + " password-reset.storefronts.b2b.brand.reply-to | email address",
      })
  void badBrandValueStopsStartUpNamingTheProperty(
      String assignment, String property, String requirement) {
    withSpringMail()
        .withPropertyValues(assignment)
        .run(
            context -> {
              FailureAnalysis analysis = StartupFailureTest.analysis(context);
              assertThat(analysis.getDescription()).contains(property).contains(requirement);
              assertThat(analysis.getAction()).contains(property);
            });
  }

  private static String text(MimeMessage message) throws Exception {
    return part(message, 0);
  }

  private static String html(MimeMessage message) throws Exception {
    return part(message, 1);
  }

  private static String part(MimeMessage message, int index) throws Exception {
    BodyPart part = ((Multipart) message.getContent()).getBodyPart(index);
    return ((String) part.getContent()).replace("\r\n", "\n");
  }
}

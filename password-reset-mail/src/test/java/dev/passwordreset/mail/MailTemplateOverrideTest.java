package dev.passwordreset.mail;

import static dev.passwordreset.mail.MailTestSupport.LINK;
import static dev.passwordreset.mail.MailTestSupport.LINK_IN_HTML;
import static dev.passwordreset.mail.MailTestSupport.notification;
import static dev.passwordreset.mail.MailTestSupport.notifierFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A host replaces the wording: files on its class path, or a {@link MailTemplateRenderer}. */
class MailTemplateOverrideTest {

  @RegisterExtension static final GreenMailExtension GREEN_MAIL = MailTestSupport.greenMail();

  private static final Brand SHOP = Brand.builder("Boutique Été").zone(ZoneOffset.UTC).build();

  @TempDir Path classPathRoot;

  private final List<URLClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  /** Writes a file into a class-path folder of the "host application". */
  private void hostFile(String path, String content) throws IOException {
    Path file = classPathRoot.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private ClassLoader hostClassLoader() throws IOException {
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classPathRoot.toUri().toURL()},
            MailTemplateOverrideTest.class.getClassLoader());
    loaders.add(loader);
    return loader;
  }

  private ReceivedMail sendAndReceive(
      JakartaMailNotifier notifier, NotificationType type, Locale locale) {
    int before = GREEN_MAIL.getReceivedMessages().length;
    notifier.send(notification(type, locale, "Jane <Doe>"));
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(before + 1);
    return ReceivedMail.of(received[before]);
  }

  @Test
  void hostTemplatesAtTheDocumentedClassPathLocationReplaceTheBuiltInOnes() throws Exception {
    hostFile("password-reset/mail/reset-link.subject.txt", "Reset your {{shopName}} password\n");
    hostFile(
        "password-reset/mail/reset-link.txt",
        "Hi {{name}}, follow {{link}} before {{expiresAt}}. -- {{shopName}}\n");
    hostFile(
        "password-reset/mail/reset-link.html",
        "<p>Hi {{name}}, <a href=\"{{link}}\">reset</a> before {{expiryDate}}. {{shopName}}</p>");
    TemplateMailRenderer templates =
        TemplateMailRenderer.builder()
            .classLoader(hostClassLoader())
            .variable("shopName", "Acme & <Co>")
            .build();
    JakartaMailNotifier notifier = notifierFor(GREEN_MAIL).templates(templates).build();

    ReceivedMail english = sendAndReceive(notifier, NotificationType.RESET_LINK, Locale.ENGLISH);

    assertThat(english.subject()).isEqualTo("Reset your Acme & <Co> password");
    assertThat(english.text())
        .isEqualTo(
            "Hi Jane <Doe>, follow "
                + LINK
                + " before March 10, 2026, 2:30 PM UTC. -- Acme & <Co>\n");
    assertThat(english.html())
        .isEqualTo(
            "<p>Hi Jane &lt;Doe&gt;, <a href=\""
                + LINK_IN_HTML
                + "\">reset</a> before March 10, 2026. Acme &amp; &lt;Co&gt;</p>");
  }

  @Test
  void languagesAndTypesTheHostDidNotOverrideKeepTheBuiltInWording() throws Exception {
    hostFile("password-reset/mail/reset-link.subject.txt", "Custom subject\n");
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL)
            .templates(TemplateMailRenderer.builder().classLoader(hostClassLoader()).build())
            .build();

    ReceivedMail english = sendAndReceive(notifier, NotificationType.RESET_LINK, Locale.ENGLISH);
    ReceivedMail french = sendAndReceive(notifier, NotificationType.RESET_LINK, Locale.FRENCH);
    ReceivedMail other = sendAndReceive(notifier, NotificationType.REMINDER, Locale.ENGLISH);

    assertThat(english.subject()).isEqualTo("Custom subject");
    assertThat(english.text()).startsWith("Hello Jane <Doe>,"); // only the subject was replaced
    assertThat(french.subject()).isEqualTo("Réinitialisez votre mot de passe Boutique Été");
    assertThat(other.subject()).isEqualTo("Your Boutique Été account details");
  }

  @Test
  void builtInTemplatesAreFoundEvenThroughAHostClassLoaderThatCannotSeeTheLibrary()
      throws Exception {
    // As in a named module, where the templates' package is encapsulated from class loaders.
    hostFile("password-reset/mail/reset-link.subject.txt", "Custom subject\n");
    URLClassLoader isolated =
        new URLClassLoader(
            new URL[] {classPathRoot.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    loaders.add(isolated);
    assertThat(isolated.getResource(TemplateMailRenderer.BUILT_IN_LOCATION + "/reset-link.txt"))
        .isNull();
    TemplateMailRenderer templates = TemplateMailRenderer.builder().classLoader(isolated).build();

    RenderedMail reset =
        templates.render(notification(NotificationType.RESET_LINK, Locale.ENGLISH, "Jane"), SHOP);
    RenderedMail changed =
        templates.render(
            notification(NotificationType.PASSWORD_CHANGED, Locale.FRENCH, "Jane"), SHOP);

    assertThat(reset.subject()).isEqualTo("Custom subject");
    assertThat(reset.text()).startsWith("Hello Jane,").contains(LINK);
    assertThat(changed.subject()).isEqualTo("Votre mot de passe Boutique Été a été modifié");
  }

  @Test
  void hostTemplateForALanguageIsUsedForThatLanguageAndItsRegions() throws Exception {
    hostFile("shop/mail/password-changed_fr.subject.txt", "{{shopName}} : mot de passe changé");
    TemplateMailRenderer templates =
        TemplateMailRenderer.builder()
            .classLoader(hostClassLoader())
            .location("shop/mail")
            .variable("shopName", "Boutique")
            .build();
    JakartaMailNotifier notifier = notifierFor(GREEN_MAIL).templates(templates).build();

    assertThat(
            sendAndReceive(notifier, NotificationType.PASSWORD_CHANGED, Locale.CANADA_FRENCH)
                .subject())
        .isEqualTo("Boutique : mot de passe changé");
    assertThat(
            sendAndReceive(notifier, NotificationType.PASSWORD_CHANGED, Locale.ENGLISH).subject())
        .isEqualTo("Your Boutique password was changed"); // the host's shopName wins
  }

  @Test
  void storefrontFilesComeFirstThenTheDefaultStorefrontsThenTheShippedWording() throws Exception {
    hostFile(
        "password-reset/mail/b2b/reset-link.subject.txt", "{{shopName}}: reset ({{storefront}})");
    hostFile("password-reset/mail/reset-link.txt", "Default text {{link}} {{contact}}\n");
    TemplateMailRenderer templates =
        TemplateMailRenderer.builder().classLoader(hostClassLoader()).build();
    Brand pro = Brand.builder("Pro Store").contactEmail("pro@shop.example").build();
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL).templates(templates).brand("b2b", pro).build();

    ReceivedMail b2b = send(notifier, NotificationType.RESET_LINK, Locale.ENGLISH, "b2b");
    ReceivedMail shop = send(notifier, NotificationType.RESET_LINK, Locale.ENGLISH, null);
    ReceivedMail b2bFrench = send(notifier, NotificationType.RESET_LINK, Locale.FRENCH, "b2b");

    assertThat(b2b.subject()).isEqualTo("Pro Store: reset (b2b)");
    assertThat(b2b.text()).isEqualTo("Default text " + LINK + " pro@shop.example\n");
    assertThat(b2b.html()).contains("Pro Store", "href=\"" + LINK_IN_HTML + "\"");
    assertThat(shop.subject()).isEqualTo("Reset your Boutique Été password");
    assertThat(shop.text()).isEqualTo("Default text " + LINK + " \n");
    // A language step comes before the fallback: the shipped French beats the b2b fallback file.
    assertThat(b2bFrench.subject()).isEqualTo("Réinitialisez votre mot de passe Pro Store");
  }

  @Test
  void aBrandedStorefrontsMalformedTemplateIsRefusedWhenTheComposerIsBuilt() throws Exception {
    hostFile("password-reset/mail/b2b/reminder_nl.txt", "Beste {{klant}}, {{link}}");
    TemplateMailRenderer templates =
        TemplateMailRenderer.builder().classLoader(hostClassLoader()).build();
    MailComposer.Builder composer =
        MailComposer.builder()
            .from("no-reply@shop.example", null)
            .templates(templates)
            .brand("b2b", Brand.builder("Pro Store").build());

    assertThatThrownBy(composer::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("b2b/reminder_nl.txt")
        .hasMessageContaining("unknown placeholder {{klant}}");
  }

  private ReceivedMail send(
      JakartaMailNotifier notifier, NotificationType type, Locale locale, String storefront) {
    int before = GREEN_MAIL.getReceivedMessages().length;
    dev.passwordreset.api.Notification n = notification(type, locale, "Jane");
    notifier.send(
        new dev.passwordreset.api.Notification(
            n.type(),
            n.customerId(),
            n.email(),
            n.displayName(),
            n.locale(),
            n.link(),
            n.linkExpiresAt(),
            storefront));
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(before + 1);
    return ReceivedMail.of(received[before]);
  }

  @Test
  void templateWithAnUnknownPlaceholderIsRefusedWhenBuilt() throws Exception {
    hostFile("password-reset/mail/reminder.txt", "Your password is {{password}} {{link}}");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reminder.txt")
        .hasMessageContaining("unknown placeholder {{password}}");
  }

  @Test
  void linkBearingBodyWithoutTheLinkIsRefusedWhenBuilt() throws Exception {
    hostFile("password-reset/mail/account-setup_fr.html", "<p>Bonjour {{name}}</p>");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("account-setup_fr.html")
        .hasMessageContaining("must contain {{link}}");
  }

  @Test
  void passwordChangedTemplateCannotUseALink() throws Exception {
    hostFile("password-reset/mail/password-changed.txt", "Changed. {{link}}");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build).hasMessageContaining("unknown placeholder {{link}}");
  }

  @Test
  void hostResetCodeTemplatesGetTheCodeAndItsExpiryAndNoLink() throws Exception {
    hostFile("password-reset/mail/reset-code.subject.txt", "Your {{shopName}} reset code\n");
    hostFile(
        "password-reset/mail/reset-code.txt",
        "Hi {{name}}, type {{code}} in the app before {{expiryTime}} ({{expiresAt}}).\n");
    hostFile(
        "password-reset/mail/reset-code.html",
        "<p>Hi {{name}}, type <b>{{code}}</b> before {{expiryDate}} {{expiryTime}}.</p>");
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL)
            .brand(SHOP)
            .templates(TemplateMailRenderer.builder().classLoader(hostClassLoader()).build())
            .build();

    ReceivedMail mail = sendAndReceive(notifier, NotificationType.RESET_CODE, Locale.ENGLISH);

    assertThat(mail.subject()).isEqualTo("Your Boutique Été reset code");
    assertThat(mail.text())
        .isEqualTo(
            "Hi Jane <Doe>, type "
                + MailTestSupport.CODE
                + " in the app before 2:30 PM UTC (March 10, 2026, 2:30 PM UTC).\n");
    assertThat(mail.html())
        .isEqualTo(
            "<p>Hi Jane &lt;Doe&gt;, type <b>"
                + MailTestSupport.CODE
                + "</b> before March 10, 2026 2:30 PM UTC.</p>");
    // The other languages keep the shipped code email.
    ReceivedMail french = sendAndReceive(notifier, NotificationType.RESET_CODE, Locale.FRENCH);
    assertThat(french.subject())
        .isEqualTo("Votre code de réinitialisation du mot de passe Boutique Été");
    assertThat(french.html()).contains(">" + MailTestSupport.CODE_GROUPED + "</span>");
  }

  @Test
  void resetCodeBodyWithoutTheCodeIsRefusedWhenBuilt() throws Exception {
    hostFile("password-reset/mail/reset-code_de.html", "<p>Guten Tag {{name}}</p>");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset-code_de.html")
        .hasMessageContaining("must contain {{code}}");
  }

  @Test
  void resetCodeTemplateCannotUseALink() throws Exception {
    hostFile("password-reset/mail/reset-code.txt", "Type {{code}} or open {{link}}");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .hasMessageContaining("reset-code.txt")
        .hasMessageContaining("unknown placeholder {{link}}");
  }

  @Test
  void otherTemplatesCannotUseTheCode() throws Exception {
    hostFile("password-reset/mail/reset-link.txt", "Open {{link}} or type {{code}}");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .hasMessageContaining("reset-link.txt")
        .hasMessageContaining("unknown placeholder {{code}}");
  }

  @Test
  void resetCodeSubjectCannotHoldTheCode() throws Exception {
    hostFile("password-reset/mail/reset-code_fr.subject.txt", "{{code}} est votre code");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset-code_fr.subject.txt")
        .hasMessageContaining("a subject must not contain {{code}}");
  }

  @Test
  void malformedPlaceholderIsRefusedWhenBuilt() throws Exception {
    hostFile("password-reset/mail/reset-link.subject.txt", "Reset {{ shop name }}");
    TemplateMailRenderer.Builder builder =
        TemplateMailRenderer.builder().classLoader(hostClassLoader());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset-link.subject.txt")
        .hasMessageContaining("malformed placeholder");
  }

  @Test
  void hostTemplateForAnotherLanguageIsCheckedWhenFirstUsed() throws Exception {
    hostFile("password-reset/mail/reset-link_ja.txt", "{{namae}} さま");
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL)
            .templates(TemplateMailRenderer.builder().classLoader(hostClassLoader()).build())
            .build();

    NotificationException e =
        catchThrowableOfType(
            NotificationException.class,
            () -> notifier.send(notification(NotificationType.RESET_LINK, Locale.JAPANESE, null)));

    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage()).contains("rendering failed").doesNotContain(MailTestSupport.TOKEN);
    assertThat(e.getCause()).hasMessageContaining("reset-link_ja.txt");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void variablesAreValidatedAtOnce() {
    TemplateMailRenderer.Builder builder = TemplateMailRenderer.builder();
    assertThatThrownBy(() -> builder.variable("link", "x"))
        .hasMessageContaining("\"link\" is built in");
    assertThatThrownBy(() -> builder.variable("code", "x"))
        .hasMessageContaining("\"code\" is built in");
    assertThatThrownBy(() -> builder.variable("shop name", "x"))
        .hasMessageContaining("was \"shop name\"");
    assertThatThrownBy(() -> builder.location("/password-reset/mail/"))
        .hasMessageContaining("was \"/password-reset/mail/\"");
  }

  @Test
  void rendererWordsTheTypesItAnswersAndTemplatesTheRest() {
    List<ZoneId> zones = new ArrayList<>();
    MailTemplateRenderer renderer =
        (n, zone) -> {
          zones.add(zone);
          if (n.type() != NotificationType.RESET_LINK) {
            return Optional.empty();
          }
          return Optional.of(
              new RenderedMail(
                  "Acme: new password",
                  "Dear " + n.displayName() + ", " + n.link(),
                  "<p>Dear "
                      + MailTemplateRenderer.escapeHtml(String.valueOf(n.displayName()))
                      + ", <a href=\""
                      + MailTemplateRenderer.escapeHtml(String.valueOf(n.link()))
                      + "\">go</a></p>"));
        };
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL).renderer(renderer).zone(ZoneId.of("Asia/Tokyo")).build();

    ReceivedMail custom = sendAndReceive(notifier, NotificationType.RESET_LINK, Locale.ENGLISH);
    ReceivedMail templated =
        sendAndReceive(notifier, NotificationType.PASSWORD_CHANGED, Locale.FRENCH);

    assertThat(custom.subject()).isEqualTo("Acme: new password");
    assertThat(custom.text()).isEqualTo("Dear Jane <Doe>, " + LINK);
    assertThat(custom.html()).contains("Dear Jane &lt;Doe&gt;", "href=\"" + LINK_IN_HTML + "\"");
    assertThat(templated.subject()).isEqualTo("Votre mot de passe Boutique Été a été modifié");
    assertThat(zones).containsExactly(ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void failingRendererIsAPermanentFailureAndNothingIsSent() {
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL)
            .renderer(
                (n, zone) -> {
                  throw new IllegalStateException("host bug");
                })
            .build();

    NotificationException e =
        catchThrowableOfType(
            NotificationException.class,
            () -> notifier.send(notification(NotificationType.RESET_LINK, Locale.ENGLISH, null)));

    assertThat(e.permanent()).isTrue();
    assertThat(e.getCause()).hasMessage("host bug");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void notificationExceptionFromTheRendererIsPassedOnAsItIs() {
    NotificationException mine = new NotificationException("template service down", false, null);
    JakartaMailNotifier notifier =
        notifierFor(GREEN_MAIL)
            .renderer(
                (n, zone) -> {
                  throw mine;
                })
            .build();

    assertThatThrownBy(
            () -> notifier.send(notification(NotificationType.RESET_LINK, Locale.ENGLISH, null)))
        .isSameAs(mine);
  }

  @Test
  void renderedSubjectCannotInjectAHeader() {
    assertThatThrownBy(() -> new RenderedMail("Hi\r\nBcc: evil@example.com", "t", "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject must not contain control characters");
  }

  @Test
  void renderedMailToStringLeavesTheBodiesOut() {
    assertThat(
            new RenderedMail("Subject", "text " + LINK, "<a href=\"" + LINK + "\">x</a>")
                .toString())
        .contains("Subject")
        .doesNotContain(MailTestSupport.TOKEN);
  }
}

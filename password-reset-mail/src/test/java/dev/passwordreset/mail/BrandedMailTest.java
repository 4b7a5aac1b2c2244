package dev.passwordreset.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.testkit.SecretWatchExtension;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every email type, for both storefronts of a platform, in each of the eight shipped languages,
 * sent through a real SMTP server (GreenMail) and read back: each names its shop, states its
 * contact, carries its link in both parts and its token nowhere else, and its text part reads well.
 */
class BrandedMailTest {

  @RegisterExtension static final GreenMailExtension GREEN_MAIL = MailTestSupport.greenMail();

  static final List<Locale> LOCALES =
      Stream.of("en", "fr", "de", "es", "it", "nl", "pt", "pl")
          .map(Locale::forLanguageTag)
          .toList();

  private static final Instant NOW = Instant.parse("2026-03-10T14:00:00Z");
  private static final String TOKEN = "q9Vx-Zr2_sEcReT7oKeN4bLk0pWm3Yt8Jd5Hn1Cg6Fa";
  private static final String CODE = "58203917";

  static final Brand CORNER =
      Brand.builder("Corner Shop")
          .accentColor("#0F766E")
          .contactEmail("help@corner.example")
          .contactPhone("+44 20 7946 0000")
          .footer("Corner Shop Ltd, 1 High Street, London N1 1AA, United Kingdom")
          .zone(ZoneId.of("Europe/London"))
          .build();

  static final Brand PRO =
      Brand.builder("Corner Pro & Trade")
          .logoUrl("https://pro.corner.example/logo.png")
          .accentColor("#7c2d12")
          .contact("https://pro.corner.example/support")
          .contactEmail("accounts@pro.corner.example")
          .footer("Corner Trade GmbH, Hafenstraße 5, 20457 Hamburg, Deutschland")
          .from("no-reply@pro.corner.example", null)
          .replyTo("accounts@pro.corner.example")
          .zone(ZoneId.of("Europe/Berlin"))
          .build();

  @BeforeEach
  void tokenAndCodeAreSecrets() {
    SecretWatchExtension.secret(TOKEN);
    SecretWatchExtension.secret(CODE);
  }

  static JakartaMailNotifier notifier() {
    return MailTestSupport.notifierFor(GREEN_MAIL)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .brand(CORNER)
        .brand("b2b", PRO)
        .build();
  }

  static Notification notification(
      NotificationType type, Locale locale, @Nullable String storefront) {
    boolean code = type == NotificationType.RESET_CODE;
    boolean link = type != NotificationType.PASSWORD_CHANGED && !code;
    String host = storefront == null ? "corner.example" : "pro.corner.example";
    return new Notification(
        type,
        new CustomerId("c-42"),
        "jane.doe@example.com",
        "Jane Doe",
        locale,
        link ? "https://" + host + "/password/reset?token=" + TOKEN + "&lang=x" : null,
        link || code ? NOW.plus(java.time.Duration.ofMinutes(30)) : null,
        storefront,
        code ? CODE : null);
  }

  static Stream<Arguments> everyEmail() {
    List<Arguments> all = new ArrayList<>();
    for (NotificationType type : NotificationType.values()) {
      for (String storefront : new String[] {null, "b2b"}) {
        for (Locale locale : LOCALES) {
          all.add(Arguments.of(type, storefront == null ? "default" : storefront, locale));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyEmail")
  void everyEmailNamesItsShopStatesItsContactCarriesItsLinkInBothPartsAndTheTokenNowhereElse(
      NotificationType type, String storefrontName, Locale locale) throws Exception {
    String storefront = storefrontName.equals("default") ? null : storefrontName;
    Brand brand = storefront == null ? CORNER : PRO;
    Notification n = notification(type, locale, storefront);
    notifier().send(n);

    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    ReceivedMail mail = ReceivedMail.of(received[0]);
    String shop = brand.shopName();
    String shopInHtml = MailTemplateRenderer.escapeHtml(shop);

    // The shop, in the subject, the text and the HTML (greeting or sign-off, and the top).
    assertThat(mail.subject()).contains(shop);
    assertThat(mail.words()).contains(shop);
    assertThat(mail.html()).contains(shopInHtml, brand.accentColor());
    assertThat(mail.html()).contains("<html lang=\"" + locale.getLanguage() + "\">");
    assertThat(mail.header("Content-Language")).isEqualTo(locale.toLanguageTag());
    assertThat(mail.text()).contains(brand.footer());
    if (brand.logoUrl() != null) {
      // As a CSS background beside the name: an <img> beside little text costs spam points.
      assertThat(mail.html())
          .contains("background-image:url(&#39;" + brand.logoUrl() + "&#39;)")
          .doesNotContain("<img");
    }

    // The sender and Reply-To of the storefront.
    InternetAddress from = (InternetAddress) received[0].getFrom()[0];
    Address[] replyTo = received[0].getReplyTo();
    if (storefront == null) {
      assertThat(from.getAddress()).isEqualTo("no-reply@shop.example");
      assertThat(replyTo).extracting(Object::toString).containsExactly("support@shop.example");
    } else {
      assertThat(from.getAddress()).isEqualTo("no-reply@pro.corner.example");
      assertThat(from.getPersonal()).isEqualTo(shop);
      assertThat(replyTo)
          .extracting(Object::toString)
          .containsExactly("accounts@pro.corner.example");
    }

    // The contact: in the footer of every email, and right after the step that says to use it.
    String contactLines = String.join("\n", brand.contactLines()) + "\n";
    assertThat(mail.text()).contains(contactLines);
    assertThat(mail.html()).contains("href=\"mailto:" + brand.contactEmail() + "\"");
    if (type == NotificationType.PASSWORD_CHANGED) {
      String text = mail.text();
      int step2 = text.indexOf("\n2. ");
      int step3 = text.indexOf("\n3. ");
      assertThat(step2).as("step 2").isPositive().isLessThan(step3);
      String contactStep = text.substring(step2, step3 + 1);
      assertThat(contactStep.replaceAll("\\s+", " ")).contains(shop);
      for (String line : brand.contactLines()) {
        assertThat(contactStep).contains("\n     " + line + "\n");
      }
      assertThat(mail.html())
          .containsPattern(
              "<li>[^\n]*" + Pattern.quote(shopInHtml) + "[^\n]*<br><a href=\"mailto:");
    }

    // The link: whole, on its own line in the text, as the button and the fallback in the HTML.
    // The code: on its own line in the text, grouped in a monospace block in the HTML; no link.
    String link = n.link();
    if (type == NotificationType.RESET_CODE) {
      assertThat(mail.text()).contains("\n    " + CODE + "\n");
      assertThat(mail.html())
          .containsPattern("<span style=\"[^\"]*monospace[^\"]*\">5820 3917</span>")
          .doesNotContain("/password/reset");
      // No link to a reset page: the only links are the brand's contact.
      String contactUrl = brand.contactUrl() == null ? "-" : brand.contactUrl().toString();
      assertThat(Pattern.compile("href=\"([^\"]*)\"").matcher(mail.html()).results())
          .extracting(m -> m.group(1))
          .allSatisfy(
              href ->
                  assertThat(
                          href.startsWith("mailto:")
                              || href.startsWith("tel:")
                              || href.equals(contactUrl))
                      .as(href)
                      .isTrue());
      assertThat(mail.text().replace(contactUrl, "")).doesNotContain("http");
      assertThat(mail.text().replace(CODE, "")).doesNotContain(CODE);
      assertThat(mail.html().replace("5820 3917", ""))
          .doesNotContain("5820")
          .doesNotContain("3917");
      assertThat(mail.words()).contains(expiryDate(locale, brand));
    } else if (link == null) {
      assertThat(mail.text()).doesNotContain(TOKEN).doesNotContain("/password/reset");
      assertThat(mail.html()).doesNotContain(TOKEN).doesNotContain("/password/reset");
    } else {
      String linkInHtml = MailTemplateRenderer.escapeHtml(link);
      assertThat(mail.text()).contains("\n" + link + "\n");
      assertThat(mail.html()).contains("href=\"" + linkInHtml + "\"");
      assertThat(mail.text().replace(link, "")).doesNotContain(TOKEN);
      assertThat(mail.html().replace(linkInHtml, "")).doesNotContain(TOKEN);
      assertThat(mail.words()).contains(expiryDate(locale, brand));
    }
    assertThat(mail.subject()).doesNotContain(TOKEN).doesNotContain(CODE);
    for (Enumeration<Header> headers = received[0].getAllHeaders(); headers.hasMoreElements(); ) {
      Header header = headers.nextElement();
      assertThat(header.getValue()).as(header.getName()).doesNotContain(TOKEN).doesNotContain(CODE);
    }

    // Readable: wrapped, nothing left of a placeholder.
    assertReadable(mail, type + " " + storefrontName + " " + locale);
  }

  /** The expiry date as the customer's locale writes it, in the brand's zone. */
  private static String expiryDate(Locale locale, Brand brand) {
    return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
        .withLocale(locale)
        .format(NOW.plus(java.time.Duration.ofMinutes(30)).atZone(brand.zone()));
  }

  /**
   * Every line of the text part is at most 78 columns unless it is one unbreakable word (a URL),
   * and no part holds a placeholder the renderer left behind.
   */
  static void assertReadable(ReceivedMail mail, String what) {
    for (String line : mail.text().split("\n", -1)) {
      int width = line.codePointCount(0, line.length());
      if (width > 78) {
        assertThat(line.strip())
            .as(what + ": a line over 78 columns must be one word")
            .doesNotContain(" ");
      }
    }
    for (String part : List.of(mail.subject(), mail.text(), mail.html())) {
      assertThat(part).as(what).doesNotContain("{{").doesNotContainPattern("\\{[A-Za-z]+}");
    }
  }

  @Test
  void aLongShopNameAndALongAddressStillWrapAndALongLinkStaysWholeOnItsLine() throws Exception {
    Brand longName =
        Brand.builder("The Extraordinarily Well-Stocked Neighbourhood Corner Shop of Upper Street")
            .contactEmail("a-very-long-customer-service-address@extraordinarily-long.example")
            .build();
    String link =
        "https://shop.example/password/reset?token=" + TOKEN + "&" + "x".repeat(120) + "=1";
    JakartaMailNotifier notifier = MailTestSupport.notifierFor(GREEN_MAIL).brand(longName).build();
    for (Locale locale : LOCALES) {
      notifier.send(
          new Notification(
              NotificationType.RESET_LINK,
              new CustomerId("c-1"),
              "someone.with.a.rather.long.address@subdomain.example.com",
              "Maria Magdalena Sophia von und zu Hohenstein-Wittgenstein",
              locale,
              link,
              NOW,
              null));
    }
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(LOCALES.size());
    for (MimeMessage message : received) {
      ReceivedMail mail = ReceivedMail.of(message);
      assertReadable(mail, message.getSubject());
      assertThat(mail.text()).contains("\n" + link + "\n");
    }
  }

  @Test
  void aStorefrontWithoutItsOwnBrandGetsTheDefaultOneAndABrandlessComposerNamesTheSender()
      throws Exception {
    notifier().send(notification(NotificationType.RESET_LINK, Locale.ENGLISH, "outlet"));
    MailTestSupport.notifierFor(GREEN_MAIL)
        .build()
        .send(notification(NotificationType.PASSWORD_CHANGED, Locale.ENGLISH, null));

    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received[0].getSubject()).isEqualTo("Reset your Corner Shop password");
    assertThat(received[1].getSubject()).isEqualTo("Your Boutique Été password was changed");
    ReceivedMail brandless = ReceivedMail.of(received[1]);
    // No contact configured: the step still says whom to contact, without details to invent.
    assertThat(brandless.words()).contains("contact Boutique Été customer service;");
    assertThat(brandless.html()).doesNotContain("mailto:");
  }

  /**
   * Writes one rendered email per type, each in another language and both storefronts, under {@code
   * target/rendered-mail} (HTML, text and the whole message), for docs/images' screenshots
   * (docs/images/README.md has the Chromium command) and for SpamAssassin by hand. The B2B brand is
   * shown without its logo, whose address does not exist.
   */
  @Test
  void renderedEmailsAreWrittenForScreenshots() throws IOException {
    Brand proWithoutLogo =
        Brand.builder(PRO.shopName())
            .accentColor(PRO.accentColor())
            .contactEmail(PRO.contactEmail())
            .contactUrl(PRO.contactUrl().toString())
            .footer(PRO.footer())
            .from(PRO.fromAddress(), null)
            .replyTo(PRO.replyTo())
            .zone(PRO.zone())
            .build();
    MailComposer composer =
        MailComposer.builder()
            .from("no-reply@corner.example", "Corner Shop")
            .brand(CORNER)
            .brand("b2b", proWithoutLogo)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    Path out = Path.of("target", "rendered-mail");
    Files.createDirectories(out);
    List<String> written = new ArrayList<>();
    written.add(write(composer, out, NotificationType.RESET_LINK, Locale.ENGLISH, null));
    written.add(write(composer, out, NotificationType.CONFIRM_PASSWORD, Locale.FRENCH, null));
    written.add(write(composer, out, NotificationType.ACCOUNT_SETUP, Locale.GERMAN, "b2b"));
    written.add(write(composer, out, NotificationType.REMINDER, new Locale("es"), null));
    written.add(write(composer, out, NotificationType.PASSWORD_CHANGED, new Locale("pl"), "b2b"));
    written.add(write(composer, out, NotificationType.RESET_LINK, new Locale("it"), "b2b"));
    written.add(write(composer, out, NotificationType.RESET_CODE, new Locale("nl"), null));
    written.add(write(composer, out, NotificationType.RESET_CODE, Locale.ENGLISH, "b2b"));
    // With the logo too, for SpamAssassin (a screenshot would show its missing image).
    MailComposer withLogo =
        MailComposer.builder()
            .from("no-reply@corner.example", "Corner Shop")
            .brand("b2b", PRO)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    written.add(write(withLogo, out, NotificationType.RESET_LINK, Locale.ENGLISH, "b2b"));
    assertThat(written).doesNotHaveDuplicates().hasSize(9);
    for (String name : written) {
      assertThat(out.resolve(name + ".eml")).isNotEmptyFile();
    }
  }

  private static String write(
      MailComposer composer, Path out, NotificationType type, Locale locale, String storefront)
      throws IOException {
    try {
      ReceivedMail mail =
          ReceivedMail.of(composer.compose(notification(type, locale, storefront), null));
      String name =
          TemplateMailRenderer.baseName(type)
              + "-"
              + (storefront == null ? "shop" : storefront)
              + "-"
              + locale.getLanguage();
      Files.writeString(out.resolve(name + ".html"), mail.html(), StandardCharsets.UTF_8);
      Files.writeString(out.resolve(name + ".txt"), mail.text(), StandardCharsets.UTF_8);
      try (var eml = Files.newOutputStream(out.resolve(name + ".eml"))) {
        mail.message().writeTo(eml);
      }
      return name;
    } catch (jakarta.mail.MessagingException e) {
      throw new IOException(e);
    }
  }
}

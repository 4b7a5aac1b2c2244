package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The storefronts' "Forgot your password?": both variants, and the B2B store's own links. */
class SelfServiceResetBrowserTest extends BrowserTest {

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void forgotPasswordThenMailboxLinkThenWeakPasswordShowsGuidanceThenGoodPasswordSignsIn(
      CapturedOutput output) {
    String email = "jane.doe@example.com";
    int before = mailCount(email);

    open("/shop/login");
    screenshot("01-shop-login");
    click("#forgot-link");
    waitForPath("/shop/forgot");
    type("#email", email);
    type("#captcha", "shop");
    screenshot("02-forgot-password");
    click("#send");
    waitForPath("/shop/forgot/sent");
    String confirmation = text("#confirmation");
    screenshot("03-check-your-email");

    // An unknown email gets exactly the same page.
    open("/shop/forgot");
    type("#email", "nobody@example.com");
    type("#captcha", "shop");
    click("#send");
    waitForPath("/shop/forgot/sent");
    assertThat(text("#confirmation")).isEqualTo(confirmation);

    openNewestMail(email, before);
    // The public shop's email speaks as the shop: its name, its sender, its customer service.
    assertThat(text("#mail-subject")).isEqualTo("Reset your Corner Shop password");
    assertThat(text("#mail-from")).contains("Corner Shop", "no-reply@corner-shop.example");
    String mailText = text("#mail-text");
    assertThat(mailText).contains("help@corner-shop.example", "The Corner Shop team");
    assertThat(mailHtml()).contains("Corner Shop", "#0f766e");
    String link = linkInMail();
    assertThat(link).startsWith(BASE + "/shop/reset?token=");
    screenshot("04-mailbox-reset-email");

    click("#mail-text a.mail-link");
    waitForPath("/shop/reset");
    assertThat(text("#policy")).contains("capital letter", "digit", "special character");
    // The same time zone as the email's "The link expires ...", named on both.
    String expires = text("#expires");
    assertThat(expires)
        .matches("This link works until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [A-Z]{3,5}\\.");
    assertThat(mailText)
        .contains(expires.substring(expires.lastIndexOf(' ') + 1, expires.length() - 1));
    screenshot("05-reset-page-with-guidance");

    type("#password", "password");
    type("#repeat", "password");
    submit("#reset");
    assertThat(texts("#violations li"))
        .anySatisfy(v -> assertThat(v).contains("capital letter"))
        .anySatisfy(v -> assertThat(v).contains("digit"))
        .anySatisfy(v -> assertThat(v).contains("too common"));
    assertThat(text("#policy")).contains("capital letter");
    screenshot("06-weak-password-rejected");

    type("#password", "Sunny-Meadow-2030!");
    type("#repeat", "Sunny-Meadow-2030!");
    click("#reset");
    waitForPath("/shop/account");
    assertThat(text("#notice")).contains("You are signed in");
    assertThat(text("#account-email")).isEqualTo(email);
    screenshot("07-signed-in-after-reset");

    // The link worked once.
    driver.get(link);
    assertThat(text("#problem")).contains("already been used");

    // Nothing logged the token or a password.
    String token = link.substring(link.indexOf("token=") + "token=".length());
    assertThat(output.getAll()).doesNotContain(token, "Sunny-Meadow-2030!");
  }

  @Test
  void b2bRequestSendsALinkBackToTheB2bStore() {
    String email = "buyer@acme-industrial.example";
    int before = mailCount(email);

    open("/b2b");
    waitForPath("/b2b/login"); // the whole B2B store needs a sign-in
    click("#forgot-link");
    type("#email", email);
    type("#captcha", "shop");
    click("#send");
    waitForPath("/b2b/forgot/sent");

    openNewestMail(email, before);
    // The B2B store's email speaks as the B2B store, not as the public shop.
    assertThat(text("#mail-subject")).isEqualTo("Reset your Corner Shop Pro password");
    assertThat(text("#mail-from"))
        .contains("Corner Shop Pro", "trade-no-reply@corner-shop.example");
    assertThat(text("#mail-text"))
        .contains("trade@corner-shop.example", "The Corner Shop Pro team", "Riverside Park")
        .doesNotContain("help@corner-shop.example");
    assertThat(mailHtml()).contains("Corner Shop Pro", "#1e3a8a").doesNotContain("#0f766e");
    String link = linkInMail();
    assertThat(link).startsWith(BASE + "/b2b/reset?token=");
    screenshot("08-b2b-reset-email");

    driver.get(link);
    assertThat(text(".site .brand")).isEqualTo("Corner Shop Pro");
    type("#password", "Pallet-Order-77!");
    type("#repeat", "Pallet-Order-77!");
    click("#reset");
    waitForPath("/b2b/account");
    assertThat(text("#account")).contains("You are signed in to Corner Shop Pro");
    screenshot("09-b2b-signed-in");
  }

  @Test
  void setThenConfirmVariantActivatesTheNewPasswordOnlyFromTheEmailedLink() {
    String email = "li.wei@example.com";
    signInAgent("bob", "Backoffice-Bob-2");
    open("/backoffice/settings");
    click("#variant-set-then-confirm");
    saveSettings();
    try {
      int before = mailCount(email);
      open("/shop/forgot");
      type("#email", email);
      type("#password", "short");
      type("#repeat", "short");
      type("#captcha", "shop");
      submit("#send");
      // The policy answers at once, on the same page.
      assertThat(texts("#violations li")).anySatisfy(v -> assertThat(v).contains("at least 8"));
      screenshot("10-set-then-confirm-policy-answers-at-once");

      type("#password", "Paper-Lantern-55!");
      type("#repeat", "Paper-Lantern-55!");
      type("#captcha", "shop");
      click("#send");
      waitForPath("/shop/forgot/sent");

      // Until confirmed, the old password still works.
      openNewestMail(email, before);
      assertThat(text("#mail-subject")).isEqualTo("Confirm your new Corner Shop password");
      String link = linkInMail();
      driver.get(link);
      find("#confirm");
      screenshot("11-set-then-confirm-confirm-page");
      // The page asks for the chosen password again: a wrong one activates nothing.
      type("#password", "Not-What-I-Chose-1!");
      submit("#confirm");
      assertThat(text("#error")).contains("not the password you chose");
      type("#password", "Paper-Lantern-55!");
      click("#confirm");
      waitForPath("/shop/account");
      assertThat(text("#account-email")).isEqualTo(email);
    } finally {
      open("/backoffice/settings");
      click("#variant-link-first");
      saveSettings();
    }
  }
}

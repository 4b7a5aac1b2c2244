package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A link that a newer one replaced says so, not "already used" (issue 18). */
class ReplacedLinkBrowserTest extends BrowserTest {

  @Test
  void anOlderLinkReplacedByANewerOneIsWordedAsReplaced() {
    String email = "sam.taylor@example.com";
    String older = requestLink(email);
    String newer = requestLink(email);
    assertThat(newer).isNotEqualTo(older);

    driver.get(older);
    assertThat(text("#problem")).contains("has been replaced").doesNotContain("already been used");
    screenshot("48-replaced-link");

    driver.get(newer);
    waitForPath("/shop/reset");
  }

  private String requestLink(String email) {
    int before = mailCount(email);
    open("/shop/forgot");
    type("#email", email);
    type("#captcha", "shop");
    click("#send");
    waitForPath("/shop/forgot/sent");
    openNewestMail(email, before);
    return linkInMail();
  }
}

package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * After signing in with a temporary password, the forced change asks only for the new password: the
 * temporary one was typed a moment ago (issue 18).
 */
class ForcedChangeBrowserTest extends BrowserTest {

  @Test
  void theForcedChangeDoesNotAskForTheTemporaryPasswordAgain() {
    String email = "li.wei@example.com";
    String temporary = "Temp#Bamboo7";
    String chosen = "Quiet-River-58!";
    signInAgent("alice", "Backoffice-Alice-1");
    open("/backoffice/settings");
    click("#allowManualEntry");
    saveSettings();
    try {
      open("/backoffice/customers/C-1005");
      type("#manual-password", temporary);
      submit("#set-password");
      assertThat(text("#notice")).contains("Temporary password set");

      signInCustomer("shop", email, temporary);
      waitForPath("/shop/account/password");
      assertThat(driver.findElements(By.id("current"))).isEmpty();
      screenshot("47-forced-change-without-temporary-password");
      type("#password", chosen);
      type("#repeat", chosen);
      submit("#change");
      waitForPath("/shop/account");
      assertThat(text("#notice")).isEqualTo("Your password has been changed.");

      click("#sign-out");
      waitForPath("/shop/login");
      signInCustomer("shop", email, chosen);
      waitForPath("/shop/account");
    } finally {
      open("/backoffice/settings");
      click("#allowManualEntry");
      saveSettings();
    }
  }
}

package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Settings, manual entry of a temporary password, the forced change and the expiry. */
class ManualEntryBrowserTest extends BrowserTest {

  @Test
  void manualTemporaryPasswordForcesAChangeAndIsRefusedAfterTheDelay() {
    String email = "ana.silva@example.com";
    String temporary = "Temp#Sunflower9";
    signInAgent("alice", "Backoffice-Alice-1");

    // Without the setting, there is no manual-entry form.
    open("/backoffice/customers/C-1003");
    assertThat(driver.findElements(By.id("manual-entry"))).isEmpty();

    open("/backoffice/settings");
    click("#allowManualEntry");
    type("#ticketExpirationDelay", "1");
    screenshot("30-settings");
    saveSettings();
    try {
      open("/backoffice/customers/C-1003");
      type("#manual-password", "weak");
      submit("#set-password");
      assertThat(texts("#violations li")).anySatisfy(v -> assertThat(v).contains("capital letter"));

      type("#manual-password", temporary);
      assertThat(find("#temporary").isSelected()).isTrue();
      screenshot("31-manual-entry");
      submit("#set-password");
      assertThat(text("#notice")).contains("Temporary password set");

      // Inside the delay: signed in, but only the change page is allowed.
      signInCustomer("shop", email, temporary);
      waitForPath("/shop/account/password");
      assertThat(text("#must-change")).contains("temporary password");
      screenshot("32-forced-change");
      open("/shop/account");
      waitForPath("/shop/account/password");
      click("#sign-out");
      waitForPath("/shop/login");

      // After the delay: refused.
      clock.advance(Duration.ofMinutes(2));
      signInCustomer("shop", email, temporary);
      waitForPath("/shop/login");
      assertThat(text("#login-error")).contains("temporary password has expired");
      screenshot("33-temporary-password-expired");

      open("/backoffice/activity");
      assertThat(find("#activity tr[data-type='MANUAL_PASSWORD_SET']").getText())
          .contains("Typed a password for the customer", "agent alice", email, "temporary: true");
      assertThat(find("#activity tr[data-type='SETTINGS_UPDATED']").getText())
          .contains(
              "allow manual entry: false \u2192 true",
              "ticket expiration delay: 1 hour \u2192 1 minute");
      screenshot("34-activity-after-manual-entry");
    } finally {
      open("/backoffice/settings");
      click("#allowManualEntry");
      type("#ticketExpirationDelay", "60");
      saveSettings();
    }
  }
}

package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The back office's reminder: the account's email and a reset link, never a password. */
class ReminderBrowserTest extends BrowserTest {

  @Test
  void reminderEmailContainsNoPassword() {
    String email = "sam.taylor@example.com";
    String password = "Blue-Kettle-63"; // Sam's demo password
    int before = mailCount(email);

    signInAgent("bob", "Backoffice-Bob-2");
    open("/backoffice/customers/C-1004");
    submit("#send-reminder");
    assertThat(text("#notice")).contains("reminder was sent");

    openNewestMail(email, before);
    assertThat(text("#mail-subject")).isEqualTo("Your Corner Shop account details");
    String body = text("#mail-text");
    assertThat(body).contains(email, "never send passwords");
    assertThat(body).doesNotContain(password);
    assertThat(driver.getPageSource()).doesNotContain(password);
    assertThat(linkInMail()).startsWith(BASE + "/shop/reset?token=");
    screenshot("40-reminder-email");

    // And the password still works: a reminder changes nothing.
    signInCustomer("shop", email, password);
    waitForPath("/shop/account");
  }
}

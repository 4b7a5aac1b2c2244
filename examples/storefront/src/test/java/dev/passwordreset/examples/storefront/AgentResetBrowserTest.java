package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The back office's "Reset Password" and the account-setup email of a new customer. */
class AgentResetBrowserTest extends BrowserTest {

  @Test
  void agentResetPasswordAsksForConfirmationThenEmailsTheCustomerAndShowsInTheActivity() {
    String email = "marc.dupont@example.fr";
    int before = mailCount(email);

    signInAgent("alice", "Backoffice-Alice-1");
    screenshot("20-backoffice-customers");
    type("#q", "marc");
    submit("#search");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("C-1002"))).click();
    waitForPath("/backoffice/customers/C-1002");

    click("#reset-password");
    WebElement dialog = find("#confirm-reset");
    assertThat(dialog.getText()).contains("Reset this customer's password?", email);
    screenshot("21-reset-password-confirmation");
    submit("#confirm-yes");
    waitForPath("/backoffice/customers/C-1002");
    assertThat(text("#notice")).contains("password reset email was sent");

    openNewestMail(email, before);
    assertThat(text("#mail-subject"))
        .isEqualTo("Réinitialisez votre mot de passe Corner Shop"); // Marc reads French
    assertThat(linkInMail()).startsWith(BASE + "/shop/reset?token=");
    screenshot("22-agent-reset-email");

    open("/backoffice/activity");
    WebElement row =
        find("#activity tr[data-type='AGENT_RESET_SENT']"); // the newest such row comes first
    assertThat(row.getText()).contains("Sent a password reset email", "agent alice", email);
    screenshot("23-activity");
  }

  @Test
  void newCustomerGetsAnAccountSetupEmailAndChoosesTheFirstPassword() {
    String email = "new.customer@example.com";
    signInAgent("alice", "Backoffice-Alice-1");
    click("#nav-new-customer");
    type("#name", "Nora Newcomer");
    type("#email", email);
    submit("#create");
    assertThat(text("#notice")).contains("Customer created", "account-setup email was sent");

    openNewestMail(email, 0);
    assertThat(text("#mail-subject"))
        .isEqualTo("Set up the password of your new Corner Shop account");
    driver.get(linkInMail());
    type("#password", "First-Light-2030!");
    type("#repeat", "First-Light-2030!");
    click("#reset");
    waitForPath("/shop/account");
    assertThat(text("#account-email")).isEqualTo(email);
  }
}

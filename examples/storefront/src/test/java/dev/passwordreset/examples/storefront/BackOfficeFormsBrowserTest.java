package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The back office's forms answer every input with the form's own message, never an error page
 * (issue 18): the browser's own checks are taken off first, as a script or an old browser would not
 * have them, so the server's answer is what is tested.
 */
class BackOfficeFormsBrowserTest extends BrowserTest {

  @Test
  void newCustomerFormRefusesBadEmailsWithoutUsingUpACustomerNumber() {
    signInAgent("alice", "Backoffice-Alice-1");
    String first = createCustomer("Kim First", "kim.first@example.com");

    for (String bad : new String[] {"a".repeat(5000) + "@example.com", "a@b.comBcc: evil@x.com"}) {
      open("/backoffice/customers/new");
      withoutBrowserChecks("#email");
      type("#name", "Someone");
      typeQuickly("#email", bad);
      submit("#create");
      assertThat(driver.getTitle()).doesNotContain("Error");
      assertThat(text("#error"))
          .as("the form's own message for %s...", bad.substring(0, 12))
          .matches(".*(too long|not an email address).*")
          .endsWith(".")
          .doesNotContain("Exception", "SQL", "VARCHAR");
      assertThat(find("#name").getDomProperty("value")).isEqualTo("Someone");
    }
    screenshot("40-new-customer-bad-email");

    String second = createCustomer("Kim Second", "kim.second@example.com");
    assertThat(number(second))
        .as("no number was used by the refused forms")
        .isEqualTo(number(first) + 1);
  }

  @Test
  void clearedNumberOnSettingsGetsTheFormsMessage() {
    signInAgent("alice", "Backoffice-Alice-1");
    open("/backoffice/settings");
    assertThat(find("#agentLinkLifetime").getDomAttribute("required")).isNotNull();
    withoutBrowserChecks("#agentLinkLifetime");
    find("#agentLinkLifetime").clear();
    submit("#save");
    assertThat(driver.getTitle()).doesNotContain("Error");
    assertThat(text("#error")).contains("whole number of minutes between 1 and 43200");
    screenshot("41-settings-empty-number");
  }

  @Test
  void customerListLinksNamesAndTheManualPasswordIsMasked() {
    signInAgent("alice", "Backoffice-Alice-1");
    open("/backoffice/customers");
    WebElement name = find("#customers tbody tr td:nth-child(2) a");
    String expected = name.getText();
    name.click();
    waitForPath("/backoffice/customers/C-[0-9]+");
    assertThat(text("h1")).isEqualTo(expected);

    open("/backoffice/settings");
    click("#allowManualEntry");
    saveSettings();
    try {
      open("/backoffice/customers/C-1003");
      assertThat(find("#manual-password").getDomAttribute("type")).isEqualTo("password");
    } finally {
      open("/backoffice/settings");
      click("#allowManualEntry");
      saveSettings();
    }
  }

  /** Creates a customer through the form; returns its number, e.g. {@code C-1011}. */
  private String createCustomer(String name, String email) {
    open("/backoffice/customers/new");
    type("#name", name);
    type("#email", email);
    submit("#create");
    waitForPath("/backoffice/customers/C-[0-9]+");
    String path = driver.getCurrentUrl();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static long number(String customerNumber) {
    return Long.parseLong(customerNumber.substring(2));
  }

  /** Takes off the browser's own checks of a field (required, maxlength, type=email). */
  private void withoutBrowserChecks(String css) {
    driver.executeScript(
        "const f = document.querySelector(arguments[0]);"
            + " f.removeAttribute('required'); f.removeAttribute('maxlength');"
            + " if (f.type === 'email' || f.type === 'number') { f.type = 'text'; }"
            + " f.form.noValidate = true;",
        css);
  }

  /** Sets a long value at once (typing 5,000 characters one by one takes a minute). */
  private void typeQuickly(String css, String value) {
    driver.executeScript("document.querySelector(arguments[0]).value = arguments[1];", css, value);
    assertThat(driver.findElement(By.cssSelector(css)).getDomProperty("value")).isEqualTo(value);
  }
}

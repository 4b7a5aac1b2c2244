package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Mailbox lists every email newest first, and an email's link never changes (issue 18). */
class MailboxBrowserTest extends BrowserTest {

  @Test
  void newestFirstAcrossRecipientsWithStableLinks() {
    signInAgent("bob", "Backoffice-Bob-2");
    // Li, then Sam, then Li again: GreenMail keeps them grouped by recipient.
    sendReminder("C-1005");
    sendReminder("C-1004");
    sendReminder("C-1005");

    open("/mailbox");
    List<WebElement> rows = driver.findElements(By.cssSelector("#mails tr.mail"));
    assertThat(rows.subList(0, 3))
        .extracting(r -> r.findElement(By.cssSelector(".mail-to")).getText())
        .containsExactly(
            "Li Wei <li.wei@example.com>",
            "Sam Taylor <sam.taylor@example.com>",
            "Li Wei <li.wei@example.com>");
    String samsLink =
        rows.get(1).findElement(By.cssSelector("a.mail-subject")).getDomAttribute("href");

    // More mail for someone listed before Sam must not move Sam's email to another address.
    sendReminder("C-1001");
    sendReminder("C-1005");
    open("/mailbox");
    assertThat(text("#mails tr.mail .mail-to")).contains("li.wei@example.com");
    driver.get(BASE + samsLink.substring(samsLink.indexOf("/mailbox")));
    assertThat(text("#mail-to")).contains("sam.taylor@example.com");
    screenshot("45-mailbox-stable-link");
  }

  private void sendReminder(String customer) {
    open("/backoffice/customers/" + customer);
    submit("#send-reminder");
    assertThat(text("#notice")).contains("reminder was sent");
  }
}

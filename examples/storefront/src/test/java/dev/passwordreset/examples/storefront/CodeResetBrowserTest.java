package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.testkit.SecretWatchExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * "Send me a code instead" (issue 19): the code from the mailbox, typed on the shop's page with the
 * new password, signs the customer in like the link does.
 *
 * <p>One wrong code only: it counts towards the bad-link throttle of 127.0.0.1, which every browser
 * test shares.
 */
class CodeResetBrowserTest extends BrowserTest {
  /** The code in the email's text part: a line of digits, perhaps in groups. */
  private static final Pattern CODE =
      Pattern.compile("^\\s*([0-9][0-9 ]{4,}[0-9])\\s*$", Pattern.MULTILINE);

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void codeFromTheMailboxSetsTheNewPasswordAndSignsInAfterAWrongCodeIsRefused(
      CapturedOutput output) {
    String email = "jane.doe@example.com";
    int before = mailCount(email);

    open("/shop/forgot");
    type("#email", email);
    type("#captcha", "shop");
    screenshot("49-forgot-password-code-choice");
    submit("#send-code");
    waitForPath("/shop/forgot/code");
    // The email typed is kept; the page is the one every address gets.
    assertThat(find("#email").getDomProperty("value")).isEqualTo(email);
    String page = text("#code-page .lead");
    assertThat(text("#policy")).contains("capital letter", "digit");

    openNewestMail(email, before);
    assertThat(text("#mail-subject")).isEqualTo("Your Corner Shop password reset code");
    String mailText = text("#mail-text");
    assertThat(mailText).doesNotContain("token=");
    Matcher m = CODE.matcher(mailText);
    assertThat(m.find()).as("a code in %s", mailText).isTrue();
    String code = m.group(1).replace(" ", "");
    SecretWatchExtension.secret(code);
    assertThat(code).matches("[0-9]{8}");
    screenshot("50-mailbox-reset-code-email");

    // An unknown email gets the same page.
    open("/shop/forgot");
    type("#email", "nobody@example.com");
    type("#captcha", "shop");
    submit("#send-code");
    waitForPath("/shop/forgot/code");
    assertThat(text("#code-page .lead")).isEqualTo(page);

    // A wrong code is refused, and the email stays in its field.
    String wrong = code.substring(0, 7) + (code.charAt(7) == '0' ? '1' : '0');
    type("#email", email);
    type("#code", wrong);
    type("#password", "Quiet-Harbour-2031!");
    type("#repeat", "Quiet-Harbour-2031!");
    submit("#reset-code");
    assertThat(text("#error")).contains("This code does not work");
    assertThat(find("#email").getDomProperty("value")).isEqualTo(email);
    screenshot("51-wrong-code-refused");

    // The right code with a weak password: the guidance, and the code stays in its field.
    type("#code", code.substring(0, 4) + " " + code.substring(4));
    type("#password", "password");
    type("#repeat", "password");
    submit("#reset-code");
    assertThat(texts("#violations li"))
        .anySatisfy(v -> assertThat(v).contains("capital letter"))
        .anySatisfy(v -> assertThat(v).contains("digit"));
    assertThat(text("#policy")).contains("capital letter");
    assertThat(find("#code").getDomProperty("value"))
        .isEqualTo(code.substring(0, 4) + " " + code.substring(4));

    // The right one, typed in two groups as the email shows it, sets the password and signs in.
    type("#password", "Quiet-Harbour-2031!");
    type("#repeat", "Quiet-Harbour-2031!");
    click("#reset-code");
    waitForPath("/shop/account");
    assertThat(text("#notice")).contains("You are signed in");
    assertThat(text("#account-email")).isEqualTo(email);
    screenshot("52-signed-in-after-code");

    // The back office's activity shows the wrong try and the reset by code.
    signInAgent("bob", "Backoffice-Bob-2");
    open("/backoffice/activity");
    assertThat(find("#activity tr[data-type='BAD_CODE']").getText())
        .contains("Wrong reset code", email);
    assertThat(find("#activity tr[data-type='RESET_COMPLETED']").getText()).contains(email);
    screenshot("53-activity-after-code");

    // Nothing logged the code or the password.
    assertThat(output.getAll()).doesNotContain(code, "Quiet-Harbour-2031!");
  }
}

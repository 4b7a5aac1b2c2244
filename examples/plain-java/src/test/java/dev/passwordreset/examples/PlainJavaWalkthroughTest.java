package dev.passwordreset.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.testkit.SecretWatchExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlainJavaWalkthroughTest {

  /** Every password the walkthrough types. */
  private static final List<String> PASSWORDS =
      List.of(
          "Old-Passw0rd!",
          "Sunny-Meadow-42!",
          "Other-Pass-1!",
          "Temp-Pass-2024!",
          "Quiet-River-77#");

  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

  @BeforeEach
  void passwordsAreSecrets() {
    // The module's SecretWatchExtension fails the test if one of them reaches a log line.
    PASSWORDS.forEach(SecretWatchExtension::secret);
  }

  /**
   * This host sends mail its own way (a console notifier) and has neither Jakarta Mail nor Angus on
   * its class path: the core module does not bring them, and the walkthrough below still plays.
   */
  @Test
  void aHostWithoutMailOnTheClassPathNeedsNone() {
    for (String mailClass :
        List.of("jakarta.mail.Session", "org.eclipse.angus.mail.smtp.SMTPTransport")) {
      assertThatThrownBy(() -> Class.forName(mailClass))
          .as(mailClass + " must not be on a core-only host's class path")
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void walkthroughPlaysTheWholeStory() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlainJavaWalkthrough.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    Matcher token = TOKEN.matcher(out);
    assertThat(token.find()).as("the emailed link is printed").isTrue();
    SecretWatchExtension.secret(token.group(1));
    // A console demo, it prints the emailed link and the passwords Ann types on purpose; all else
    // it prints (the outcomes, the guidance) must hold no secret.
    out.lines()
        .map(l -> l.replaceAll("https://\\S+", "<link>").replaceAll("\"[^\"]*\"", "\"...\""))
        .forEach(SecretWatchExtension::inspect);

    assertThat(out)
        .contains("[email] RESET_LINK to ann@example.com")
        .contains("guidance [uppercase]: Add at least one capital letter (A-Z).")
        .contains("guidance [common-password]")
        .contains("Ann tries \"Sunny-Meadow-42!\": Completed[customerId=cust-1001, signIn=true")
        .contains("The link again: InvalidToken[reason=USED]")
        .contains("Login with the old password: Invalid[]")
        .contains("Login with the new password: Valid[customerId=cust-1001]")
        .contains("Manual entry while the setting is off: ManualEntryDisabled[]")
        .contains("Ann logs in with it: MustChange[customerId=cust-1001")
        .contains("Ann is made to change it: Changed[]")
        .contains("Login with her own password: Valid[customerId=cust-1001]")
        .contains("Login with the temporary one: Invalid[]");
    assertThat(out.lines().filter(l -> l.contains("[email] RESET_LINK"))).hasSize(1);
  }
}

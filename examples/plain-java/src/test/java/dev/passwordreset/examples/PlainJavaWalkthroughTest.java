package dev.passwordreset.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainJavaWalkthroughTest {

  @Test
  void walkthroughPlaysTheWholeStory() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlainJavaWalkthrough.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

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

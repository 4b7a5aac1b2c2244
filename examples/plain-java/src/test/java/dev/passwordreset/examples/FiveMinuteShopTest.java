package dev.passwordreset.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's five-minute program runs to the end: reset by email, then login. */
class FiveMinuteShopTest {

  @Test
  void theCustomerResetsAndSignsInWithTheNewPassword() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      FiveMinuteShop.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("request: Accepted")
        .contains("reset: Completed")
        .contains("email: PASSWORD_CHANGED")
        .contains("login: Valid")
        .doesNotContain("token=")
        .doesNotContain("Sunny-Garden-42!");
  }
}

package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The common-password rule against the list it ships. */
class CommonPasswordRuleTest {

  private static final PolicyContext EN = new PolicyContext(null, null, Locale.ENGLISH);

  @Test
  void checkWhenTheLongestListedPasswordsThenRejectedInAnyCase() throws IOException {
    List<String> listed = shippedList();
    int longest = listed.stream().mapToInt(String::length).max().orElseThrow();
    List<String> longestOnes = listed.stream().filter(p -> p.length() == longest).toList();
    assertThat(longestOnes).isNotEmpty();

    for (String password : longestOnes) {
      assertThat(CommonPasswordRule.INSTANCE.check(password.toCharArray(), EN))
          .as(password)
          .contains(
              new PolicyViolation(
                  "common-password",
                  "This password is too common and easy to guess: choose another one. A few"
                      + " unrelated words make a strong password that is easy to remember."));
      assertThat(
              CommonPasswordRule.INSTANCE.check(
                  password.toUpperCase(Locale.ROOT).toCharArray(), EN))
          .as(password)
          .isPresent();
      assertThat(CommonPasswordRule.INSTANCE.check((password + "#").toCharArray(), EN))
          .as(password + "#")
          .isEmpty();
    }
  }

  @Test
  void checkWhenEveryTwentiethListedPasswordThenRejected() throws IOException {
    List<String> listed = shippedList();
    assertThat(CommonPasswordRule.size()).isEqualTo(listed.size());

    for (int i = 0; i < listed.size(); i += 20) {
      assertThat(CommonPasswordRule.INSTANCE.check(listed.get(i).toCharArray(), EN))
          .as(listed.get(i))
          .isPresent();
    }
  }

  /** The shipped list as the rule documents it: one password a line, blank lines ignored. */
  private static List<String> shippedList() throws IOException {
    try (InputStream in =
        CommonPasswordRule.class.getResourceAsStream(CommonPasswordRule.RESOURCE)) {
      assertThat(in).isNotNull();
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isEmpty())
          .map(line -> line.toLowerCase(Locale.ROOT))
          .distinct()
          .toList();
    }
  }
}

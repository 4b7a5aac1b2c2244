package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The email-local-part rule on its own: which part of the address a password must not hold. */
class EmailLocalPartRuleTest {

  private static final EmailLocalPartRule RULE = EmailLocalPartRule.INSTANCE;

  private static Optional<PolicyViolation> check(String password, String email) {
    return RULE.check(password.toCharArray(), new PolicyContext(email, null, Locale.ENGLISH));
  }

  @Test
  void checkWhenPasswordHoldsTheLocalPartThenViolationInTheCustomersLanguage() {
    assertThat(
            RULE.check(
                "1-JANE.DOE-2".toCharArray(),
                new PolicyContext("jane.doe@example.com", null, Locale.FRENCH)))
        .contains(
            new PolicyViolation(
                "email-local-part",
                "Retirez de votre mot de passe la partie de votre adresse e-mail située avant le"
                    + " @."));
  }

  @Test
  void checkWhenThreeCharactersThenForbiddenAndTwoThenIgnored() {
    assertThat(check("x-abc-y", "abc@example.com")).isPresent();
    assertThat(check("x-ab-y", "ab@example.com")).isEmpty();
  }

  @Test
  void checkWhenPlusTagThenTheWholeLocalPartAndThePartBeforeTheTagFromThreeCharacters() {
    // the part before the tag has 3 characters: forbidden on its own
    assertThat(check("x-abc-y", "abc+shop@example.com")).isPresent();
    // 1 or 2 characters before the tag: only the whole local part is forbidden
    assertThat(check("x-a+b-y", "a+b@example.com")).isPresent();
    assertThat(check("x-a-y", "a+b@example.com")).isEmpty();
    assertThat(check("x-ab+shopping-y", "ab+shopping@example.com")).isPresent();
    assertThat(check("x-ab-shopping-y", "ab+shopping@example.com")).isEmpty();
    // a tag alone is no name
    assertThat(check("x-+shop-y", "+shop@example.com")).isPresent();
    assertThat(check("x-shop-y", "+shop@example.com")).isEmpty();
  }

  @Test
  void checkWhenTheAddressStartsWithTheAtSignThenNothingIsForbidden() {
    assertThat(check("x@example.com", "@example.com")).isEmpty();
    assertThat(check("jane@example.com", "jane@example.com")).isPresent();
  }

  @Test
  void checkWhenLocalPartHasUpTo256CharactersThenSearchedElseIgnored() {
    String local256 = "k".repeat(256);

    assertThat(check("x" + local256, local256 + "@example.com")).isPresent();
    assertThat(check("x" + local256 + "k", local256 + "k@example.com")).isEmpty();
  }

  @Test
  void checkNeverModifiesTheCandidate() {
    char[] candidate = "1-Jane.Doe-2".toCharArray();

    RULE.check(candidate, new PolicyContext("jane.doe@example.com", null, Locale.ENGLISH));

    assertThat(candidate).isEqualTo("1-Jane.Doe-2".toCharArray());
  }

  @Test
  void builtInRulesShowTheirIdForDiagnostics() {
    assertThat(RULE).hasToString("email-local-part");
    assertThat(CommonPasswordRule.INSTANCE).hasToString("common-password");
    assertThat(CharacterRule.UPPERCASE).hasToString("uppercase");
    assertThat(CharacterRule.LOWERCASE).hasToString("lowercase");
    assertThat(CharacterRule.DIGIT).hasToString("digit");
    assertThat(CharacterRule.SPECIAL).hasToString("special");
  }
}

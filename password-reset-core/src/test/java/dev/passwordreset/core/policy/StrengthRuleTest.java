package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The optional zxcvbn-style rule on nbvcxz. */
class StrengthRuleTest {

  private static final PolicyContext EN = new PolicyContext(null, null, Locale.ENGLISH);
  private static final StrengthRule RULE = StrengthRule.defaults();

  @Test
  void checkWhenKeyboardPatternThenViolationNamingThePattern() {
    assertThat(RULE.check("hjkl;'".toCharArray(), EN))
        .hasValueSatisfying(
            v -> {
              assertThat(v.rule()).isEqualTo("strength");
              assertThat(v.message())
                  .startsWith("Short keyboard patterns are easy to guess.")
                  .endsWith("easy to remember.");
            });
    assertThat(RULE.check("qwertyuiop".toCharArray(), EN))
        .map(PolicyViolation::message)
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("This is one of the 100 most common passwords."));
  }

  @Test
  void checkWhenCommonPasswordWithPredictableDecorationThenViolation() {
    assertThat(RULE.check("Password2024!".toCharArray(), EN)).isPresent();
    assertThat(RULE.check("aaaaaaaaaaaa".toCharArray(), EN)).isPresent();
  }

  @Test
  void checkWhenLongUnrelatedWordsThenPasses() {
    assertThat(RULE.check("purple elephants dance at noon".toCharArray(), EN)).isEmpty();
    assertThat(RULE.check("vG7#qL9!xR2@".toCharArray(), EN)).isEmpty();
  }

  @Test
  void checkCountsTheCustomersNameAndEmailAsGuessable() {
    char[] candidate = "Zbigniewski-Fotograf".toCharArray();
    PolicyContext stranger = new PolicyContext("jane@example.com", "Jane Doe", Locale.ENGLISH);
    PolicyContext owner =
        new PolicyContext("zbigniewski@example.com", "Fotograf Zbigniewski", Locale.ENGLISH);

    assertThat(RULE.check(candidate, stranger)).isEmpty();
    assertThat(RULE.check(candidate, owner)).isPresent();
  }

  @Test
  void checkWhenFrenchThenFrenchMessage() {
    assertThat(RULE.check("hjkl;'".toCharArray(), new PolicyContext(null, null, Locale.FRANCE)))
        .map(PolicyViolation::message)
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith("Les motifs courts sur le clavier sont faciles à deviner.")
                    .contains("Ce mot de passe serait facile à deviner"));
  }

  @Test
  void checkLeavesTheEmptyPasswordToTheLengthRuleAndDoesNotModifyTheCandidate() {
    assertThat(RULE.check(new char[0], EN)).isEmpty();
    char[] candidate = "qwertyuiop".toCharArray();
    RULE.check(candidate, EN);
    assertThat(candidate).containsExactly("qwertyuiop".toCharArray());
  }

  @Test
  void checkNeverThrowsForHostileCandidates() {
    PolicyContext weird = new PolicyContext("@", "\uD800 x", Locale.forLanguageTag("zz"));
    for (String s :
        new String[] {
          "\uD800\uDC00\uD800", "'; DROP TABLE users; --", "\u0000\u0001", "é".repeat(128)
        }) {
      assertThat(RULE.check(s.toCharArray(), weird)).isNotNull();
    }
  }

  @Test
  void aHigherMinimumRejectsMore() {
    char[] medium = "Tr0ub4dor&3".toCharArray();
    assertThat(StrengthRule.minimumEntropy(10).check(medium, EN)).isEmpty();
    assertThat(StrengthRule.minimumEntropy(120).check(medium, EN)).isPresent();
    assertThat(StrengthRule.minimumEntropy(42).minimumEntropy()).isEqualTo(42.0);
  }

  @Test
  void minimumOutOfRangeIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> StrengthRule.minimumEntropy(9.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minimumEntropy")
        .hasMessageContaining("9.5");
    assertThatThrownBy(() -> StrengthRule.minimumEntropy(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StrengthRule.minimumEntropy(257))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsToAPolicyAndDescribesItself() {
    RuleBasedPasswordPolicy policy = RuleBasedPasswordPolicy.nist().toBuilder().rule(RULE).build();

    assertThat(policy.describe(Locale.FRENCH).requirements())
        .last()
        .asString()
        .startsWith("Ne doit pas être facile à deviner");
    assertThat(policy.check("qwertyuiopasdf".toCharArray(), EN))
        .extracting(PolicyViolation::rule)
        .contains("strength");
    assertThat(RULE).hasToString("strength(35.0 bits)");
  }
}

package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
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
  void checkWhenThePasswordIsTheCustomersOwnWordsThenTheMessageSaysSoNotCommonPassword() {
    PolicyContext jane = new PolicyContext("jane.doe@example.com", "Jane Doe", Locale.ENGLISH);
    PolicyContext janeFr = new PolicyContext("jane.doe@example.com", "Jane Doe", Locale.FRANCE);

    assertThat(RULE.check("JaneDoe2024!".toCharArray(), jane))
        .map(PolicyViolation::message)
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith("Your own name or email address is easy to guess.")
                    .doesNotContain("most common"));
    assertThat(RULE.check("JaneDoe2024!".toCharArray(), janeFr))
        .map(PolicyViolation::message)
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("Votre nom ou votre adresse e-mail sont faciles"));
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

  private static final String VIOLATION =
      "This password would be easy to guess: make it longer and less predictable. A few unrelated"
          + " words make a strong password that is easy to remember.";

  private static PolicyContext named(String displayName) {
    return new PolicyContext(null, displayName, Locale.ENGLISH);
  }

  private static PolicyContext mailed(String email) {
    return new PolicyContext(email, null, Locale.ENGLISH);
  }

  @Test
  void defaultsRequireThirtyFiveBits() {
    StrengthRule rule = StrengthRule.defaults();

    assertThat(rule.minimumEntropy()).isEqualTo(StrengthRule.DEFAULT_MINIMUM_ENTROPY).isEqualTo(35);
    assertThat(rule.check("qwertyuiop".toCharArray(), EN)).isPresent();
    assertThat(rule.id()).isEqualTo("strength");
  }

  @Test
  void minimumAtEitherEndOfTheRangeIsAccepted() {
    assertThat(StrengthRule.minimumEntropy(10).minimumEntropy()).isEqualTo(10.0);
    assertThat(StrengthRule.minimumEntropy(256).minimumEntropy()).isEqualTo(256.0);
    assertThatThrownBy(() -> StrengthRule.minimumEntropy(256.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256.001");
  }

  @Test
  void checkWhenEstimateEqualsTheMinimumThenPasses() {
    char[] candidate = "Tangerine-Qz8!".toCharArray();
    // the rule estimates with nbvcxz's own dictionaries when the context names no one
    double bits = new Nbvcxz().estimate(new String(candidate)).getEntropy();

    assertThat(StrengthRule.minimumEntropy(bits).check(candidate, EN)).isEmpty();
    assertThat(StrengthRule.minimumEntropy(Math.nextUp(bits)).check(candidate, EN)).isPresent();
  }

  @Test
  void checkWhenTheEstimatorNamesNoPatternThenThePlainSentenceAlone() {
    // nbvcxz finds no pattern here (no warning at all) ...
    assertThat(StrengthRule.minimumEntropy(64).check("Zbigniewski-Fotograf".toCharArray(), EN))
        .contains(new PolicyViolation("strength", VIOLATION));
    // ... or only a suggestion, for which there is no sentence
    assertThat(StrengthRule.defaults().check("xk7Qz".toCharArray(), EN))
        .contains(new PolicyViolation("strength", VIOLATION));
  }

  @Test
  void checkCountsEachWordOfTheNameNotOnlyTheWholeName() {
    char[] reversed = "Zbigniewski-Fotograf".toCharArray();

    assertThat(RULE.check(reversed, EN)).isEmpty();
    assertThat(RULE.check(reversed, named("Fotograf Zbigniewski"))).isPresent();
    assertThat(RULE.check(reversed, named("  FOTOGRAF   ZBIGNIEWSKI  "))).isPresent();
  }

  @Test
  void checkWhenANameWordIsOnlyPartOfALongPassphraseThenPasses() {
    PolicyContext owner = named("Fotograf Zbigniewski");

    assertThat(RULE.check("Zbigniewski loves purple otters".toCharArray(), owner)).isEmpty();
    assertThat(RULE.check("Zbigniewski-Fotograf".toCharArray(), owner)).isPresent();
  }

  @Test
  void checkCountsEachWordOfTheEmailsLocalPartButNotTheDomain() {
    char[] reversed = "Zbigniewski-Fotograf".toCharArray();

    assertThat(RULE.check(reversed, mailed("fotograf.zbigniewski@example.com"))).isPresent();
    assertThat(RULE.check(reversed, mailed("fotograf.zbigniewski"))).as("no @").isPresent();
    assertThat(RULE.check(reversed, mailed("jane@fotograf-zbigniewski.example"))).isEmpty();
    assertThat(RULE.check(reversed, mailed("@fotograf-zbigniewski.example"))).isEmpty();
  }

  @Test
  void checkCountsAThreeLetterWordOfTheNameAndAThreeCharacterName() {
    assertThat(RULE.check("Qix-Tangerine-8!".toCharArray(), EN)).isEmpty();
    assertThat(RULE.check("Qix-Tangerine-8!".toCharArray(), named("Qix Zbigniewski"))).isPresent();
    assertThat(RULE.check("Tangerine-q-x!8".toCharArray(), EN)).isEmpty();
    assertThat(RULE.check("Tangerine-q-x!8".toCharArray(), named("q-x"))).isPresent();
  }

  @Test
  void checkCountsTheWholeNameEvenWhenItsWordsAreTooShort() {
    char[] candidate = "xq.#$%&*vz".toCharArray();

    assertThat(RULE.check(candidate, EN)).isEmpty();
    assertThat(RULE.check(candidate, named("xq.#$%&*vz"))).isPresent();
    assertThat(RULE.check(candidate, mailed("xq.#$%&*vz@example.com"))).isPresent();
  }

  @Test
  void checkIgnoresANameLongerThanSixtyFourCharacters() {
    char[] reversed = "Zbigniewski-Fotograf".toCharArray();
    String name64 = "Fotograf Zbigniewski " + "y".repeat(43);
    assertThat(name64).hasSize(64);

    assertThat(RULE.check(reversed, named(name64))).isPresent();
    assertThat(RULE.check(reversed, named(name64 + "y"))).isEmpty();
  }
}

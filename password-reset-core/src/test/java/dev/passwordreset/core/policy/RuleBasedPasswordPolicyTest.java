package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedPasswordPolicyTest {

  private static final PolicyContext JANE =
      new PolicyContext("Jane.Doe@example.com", "Jane Doe", Locale.ENGLISH);
  private static final PolicyContext NOBODY = new PolicyContext(null, null, Locale.ENGLISH);

  private final RuleBasedPasswordPolicy defaults = RuleBasedPasswordPolicy.defaults();

  private static List<String> ids(List<PolicyViolation> violations) {
    return violations.stream().map(PolicyViolation::rule).toList();
  }

  @Test
  void defaultsWhenPasswordFollowsEveryRuleThenNoViolation() {
    assertThat(defaults.check("Tangerine-Kayak-42".toCharArray(), JANE)).isEmpty();
  }

  @Test
  void defaultsWhenEmptyThenEveryBrokenRuleReturnedTogetherInOrder() {
    List<PolicyViolation> violations = defaults.check(new char[0], JANE);

    assertThat(ids(violations)).containsExactly("min-length", "uppercase", "digit", "special");
    assertThat(violations)
        .extracting(PolicyViolation::message)
        .containsExactly(
            "Use at least 8 characters.",
            "Add at least one capital letter (A-Z).",
            "Add at least one digit (0-9).",
            "Add at least one special character, such as ! ? # @ or a space.");
  }

  @Test
  void defaultsWhenPasswordIsTheEmailLocalPartThenEveryBrokenRuleReported() {
    List<PolicyViolation> violations = defaults.check("jane.doe".toCharArray(), JANE);

    assertThat(ids(violations)).containsExactly("uppercase", "digit", "email-local-part");
  }

  @Test
  void minLengthWhenOneCodePointShortThenViolationElseNone() {
    assertThat(ids(defaults.check("Kayak-4".toCharArray(), NOBODY))).containsExactly("min-length");
    assertThat(defaults.check("Kayak-42".toCharArray(), NOBODY)).isEmpty();
  }

  @Test
  void maxLengthWhenOverLimitThenViolationTellingTheLimit() {
    String ok = "Aa1!" + "x".repeat(124);
    String tooLong = ok + "y";

    assertThat(defaults.check(ok.toCharArray(), NOBODY)).isEmpty();
    assertThat(defaults.check(tooLong.toCharArray(), NOBODY))
        .containsExactly(new PolicyViolation("max-length", "Use at most 128 characters."));
  }

  @Test
  void lengthWhenSupplementaryCharactersThenCountedAsOneEach() {
    RuleBasedPasswordPolicy nine = RuleBasedPasswordPolicy.builder().minLength(9).build();
    char[] eightEmoji = "\uD83D\uDD11".repeat(8).toCharArray(); // 16 chars, 8 code points

    assertThat(ids(nine.check(eightEmoji, NOBODY))).containsExactly("min-length");
    assertThat(nine.check("\uD83D\uDD11".repeat(9).toCharArray(), NOBODY)).isEmpty();
  }

  @Test
  void uppercaseWhenNoCapitalThenViolationAndAnyCapitalLetterCounts() {
    RuleBasedPasswordPolicy policy =
        RuleBasedPasswordPolicy.builder().requireUppercase(true).build();

    assertThat(policy.check("lowercase-only".toCharArray(), NOBODY))
        .containsExactly(
            new PolicyViolation("uppercase", "Add at least one capital letter (A-Z)."));
    assertThat(policy.check("lowercasE-only".toCharArray(), NOBODY)).isEmpty();
    assertThat(policy.check("élan-Énorme".toCharArray(), NOBODY)).isEmpty();
  }

  @Test
  void lowercaseWhenNoSmallLetterThenViolation() {
    RuleBasedPasswordPolicy policy =
        RuleBasedPasswordPolicy.builder().requireLowercase(true).build();

    assertThat(policy.check("UPPERCASE-ONLY".toCharArray(), NOBODY))
        .containsExactly(
            new PolicyViolation("lowercase", "Add at least one lowercase letter (a-z)."));
    assertThat(policy.check("UPPERCASe-ONLY".toCharArray(), NOBODY)).isEmpty();
  }

  @Test
  void digitWhenNoDigitThenViolation() {
    RuleBasedPasswordPolicy policy = RuleBasedPasswordPolicy.builder().requireDigit(true).build();

    assertThat(policy.check("no-digits-here".toCharArray(), NOBODY))
        .containsExactly(new PolicyViolation("digit", "Add at least one digit (0-9)."));
    assertThat(policy.check("one-digit-here-7".toCharArray(), NOBODY)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"with space", "with!bang", "with#hash", "with-dash", "withemoji\uD83D\uDD11"})
  void specialWhenPunctuationSymbolSpaceOrEmojiThenSatisfied(String password) {
    RuleBasedPasswordPolicy policy = RuleBasedPasswordPolicy.builder().requireSpecial(true).build();

    assertThat(policy.check(password.toCharArray(), NOBODY)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"LettersAnd123", "accentuéÉ", "tab\tinside", "zero\u200Bwidth"})
  void specialWhenOnlyLettersDigitsOrInvisibleCharactersThenViolation(String password) {
    RuleBasedPasswordPolicy policy = RuleBasedPasswordPolicy.builder().requireSpecial(true).build();

    assertThat(ids(policy.check(password.toCharArray(), NOBODY))).containsExactly("special");
  }

  @ParameterizedTest
  @ValueSource(strings = {"XJane.Doe-2024!", "my-JANE.DOE-9!", "1!Aa-jane.doe"})
  void emailLocalPartWhenContainedIgnoringCaseThenViolation(String password) {
    assertThat(defaults.check(password.toCharArray(), JANE))
        .containsExactly(
            new PolicyViolation(
                "email-local-part",
                "Remove the part of your email address before the @ from your password."));
  }

  @Test
  void emailLocalPartWhenOnlyPartlyContainedThenNoViolation() {
    assertThat(defaults.check("Jane-Doe-2024!".toCharArray(), JANE)).isEmpty();
  }

  @Test
  void emailLocalPartWhenShorterThanThreeThenIgnored() {
    PolicyContext jo = new PolicyContext("jo@example.com", null, Locale.ENGLISH);

    assertThat(defaults.check("Jo-Kayak-42!".toCharArray(), jo)).isEmpty();
  }

  @Test
  void emailLocalPartWhenPlusTagThenPartBeforeTagForbiddenToo() {
    PolicyContext tagged = new PolicyContext("marcel+shop@example.fr", null, Locale.ENGLISH);

    assertThat(ids(defaults.check("Marcel-Kayak-42".toCharArray(), tagged)))
        .containsExactly("email-local-part");
    assertThat(ids(defaults.check("Kayak-42-marcel+shop".toCharArray(), tagged)))
        .containsExactly("email-local-part");
  }

  @Test
  void emailLocalPartWhenNoEmailOrNoAtSignThenHandled() {
    assertThat(defaults.check("Jane.Doe-2024!".toCharArray(), NOBODY)).isEmpty();
    PolicyContext noAt = new PolicyContext("jane.doe", null, Locale.ENGLISH);
    assertThat(ids(defaults.check("Jane.Doe-2024!".toCharArray(), noAt)))
        .containsExactly("email-local-part");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Password1!", "PASSWORD1!", "pAsSwOrD1!", "Welcome1!", "Qwerty123!", "Azerty123!"})
  void commonPasswordWhenListedIgnoringCaseThenRejectedEvenThoughCompositionPasses(
      String password) {
    assertThat(defaults.check(password.toCharArray(), NOBODY))
        .containsExactly(
            new PolicyViolation(
                "common-password",
                "This password is too common and easy to guess: choose another one. A few"
                    + " unrelated words make a strong password that is easy to remember."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"123456", "password", "qwerty", "iloveyou", "motdepasse", "Sunshine"})
  void commonPasswordWhenClassicTopEntriesThenRejected(String password) {
    RuleBasedPasswordPolicy policy =
        RuleBasedPasswordPolicy.builder().minLength(1).forbidCommonPasswords(true).build();

    assertThat(ids(policy.check(password.toCharArray(), NOBODY)))
        .containsExactly("common-password");
  }

  @Test
  void commonPasswordListIsShippedAndLarge() {
    assertThat(CommonPasswordRule.size()).isGreaterThan(20_000);
  }

  @Test
  void nistWhenLongPassphraseWithoutCompositionThenAccepted() {
    RuleBasedPasswordPolicy nist = RuleBasedPasswordPolicy.nist();

    assertThat(nist.check("purple elephants dance at noon".toCharArray(), JANE)).isEmpty();
    assertThat(nist.check("lowercaseonlypassphrase".toCharArray(), JANE)).isEmpty();
  }

  @Test
  void nistWhenShorterThanTwelveThenRejectedEvenWithComposition() {
    RuleBasedPasswordPolicy nist = RuleBasedPasswordPolicy.nist();

    assertThat(nist.check("Kayak-42!Zx".toCharArray(), JANE))
        .containsExactly(new PolicyViolation("min-length", "Use at least 12 characters."));
  }

  @Test
  void nistWhenCommonOrEmailThenRejected() {
    RuleBasedPasswordPolicy nist = RuleBasedPasswordPolicy.nist();

    assertThat(ids(nist.check("qwerty123456".toCharArray(), JANE)))
        .containsExactly("common-password");
    assertThat(ids(nist.check("i am jane.doe really".toCharArray(), JANE)))
        .containsExactly("email-local-part");
  }

  @Test
  void checkWhenHugeCandidateThenNoExceptionAndLengthReported() {
    char[] huge = new char[1_000_000];
    java.util.Arrays.fill(huge, 'a');

    assertThat(ids(defaults.check(huge, JANE)))
        .containsExactly("max-length", "uppercase", "digit", "special");
  }

  @Test
  void checkWhenUnpairedSurrogatesThenNoExceptionAndEachCountsAsOne() {
    char[] lone = {'\uD800', '\uDC00', '\uDC00', '\uD800', 'A', '1', '!', 'b'};
    // \uD800\uDC00 is one pair, then \uDC00, \uD800 alone: 7 code points
    assertThat(ids(defaults.check(lone, JANE))).containsExactly("min-length");
    char[] reversed = {'\uDC00', '\uD800'};
    assertThat(ids(defaults.check(reversed, JANE)))
        .containsExactly("min-length", "uppercase", "digit", "special");
  }

  @Test
  void checkNeverModifiesTheCandidate() {
    char[] candidate = "Password1!".toCharArray();

    defaults.check(candidate, JANE);

    assertThat(candidate).isEqualTo("Password1!".toCharArray());
  }

  @Test
  void checkWhenHostRuleAddedThenItsViolationComesAfterBuiltInOnes() {
    PasswordRule noShopName =
        new PasswordRule() {
          @Override
          public String id() {
            return "shop-name";
          }

          @Override
          public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
            return new String(candidate).toLowerCase(Locale.ROOT).contains("acme")
                ? Optional.of(new PolicyViolation(id(), "Do not use the name of the shop."))
                : Optional.empty();
          }

          @Override
          public Optional<String> describe(Locale locale) {
            return Optional.of("Must not contain the name of the shop.");
          }
        };
    RuleBasedPasswordPolicy policy = defaults.toBuilder().rule(noShopName).build();

    assertThat(ids(policy.check("acme".toCharArray(), NOBODY)))
        .containsExactly("min-length", "uppercase", "digit", "special", "shop-name");
    assertThat(policy.check("Tangerine-Kayak-42".toCharArray(), NOBODY)).isEmpty();
    assertThat(policy.describe(Locale.ENGLISH).requirements())
        .last()
        .isEqualTo("Must not contain the name of the shop.");
    assertThat(policy.rules()).last().isSameAs(noShopName);
  }

  @Test
  void ruleWhenIdBlankReservedOrDuplicateThenRejected() {
    RuleBasedPasswordPolicy.Builder builder = RuleBasedPasswordPolicy.builder();
    builder.rule(rule("custom"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.rule(rule(" ")))
        .withMessageContaining("must not be blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.rule(rule("digit")))
        .withMessageContaining("'digit'")
        .withMessageContaining("reserved");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.rule(rule("custom")))
        .withMessageContaining("'custom' is already used");
  }

  @Test
  void builderWhenLengthsOutOfRangeThenRejectedAtOnceNamingParameter() {
    RuleBasedPasswordPolicy.Builder builder = RuleBasedPasswordPolicy.builder();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.minLength(0))
        .withMessage("minLength must be between 1 and 1024, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.maxLength(1025))
        .withMessage("maxLength must be between 1 and 1024, was 1025");
  }

  @Test
  void buildWhenLengthsAtTheLimitsOrEqualThenAccepted() {
    RuleBasedPasswordPolicy widest =
        RuleBasedPasswordPolicy.builder()
            .minLength(1)
            .maxLength(RuleBasedPasswordPolicy.MAX_LENGTH_LIMIT)
            .build();
    RuleBasedPasswordPolicy exact =
        RuleBasedPasswordPolicy.builder().minLength(1024).maxLength(1024).build();
    PolicyContext en = new PolicyContext(null, null, Locale.ENGLISH);

    assertThat(widest.maxLength()).isEqualTo(1024);
    assertThat(widest.check("a".repeat(1024).toCharArray(), en)).isEmpty();
    assertThat(exact.minLength()).isEqualTo(1024);
    assertThat(exact.check("a".repeat(1024).toCharArray(), en)).isEmpty();
    assertThat(ids(exact.check("a".repeat(1023).toCharArray(), en))).containsExactly("min-length");
    assertThat(ids(exact.check("a".repeat(1025).toCharArray(), en))).containsExactly("max-length");
  }

  @Test
  void buildWhenMinGreaterThanMaxThenRejectedNamingBoth() {
    RuleBasedPasswordPolicy.Builder builder =
        RuleBasedPasswordPolicy.builder().minLength(20).maxLength(10);

    assertThatIllegalArgumentException()
        .isThrownBy(builder::build)
        .withMessage("minLength must not be greater than maxLength (10), was 20");
  }

  @Test
  void builderWhenNothingChosenThenOnlyLengthRules() {
    RuleBasedPasswordPolicy policy = RuleBasedPasswordPolicy.builder().build();

    assertThat(policy.rules())
        .extracting(PasswordRule::id)
        .containsExactly("min-length", "max-length");
    assertThat(policy.minLength()).isEqualTo(8);
    assertThat(policy.maxLength()).isEqualTo(128);
  }

  @Test
  void rulesOfThePresetsHaveTheStableIds() {
    assertThat(defaults.rules())
        .extracting(PasswordRule::id)
        .containsExactly(
            "min-length",
            "max-length",
            "uppercase",
            "digit",
            "special",
            "email-local-part",
            "common-password");
    assertThat(RuleBasedPasswordPolicy.nist().rules())
        .extracting(PasswordRule::id)
        .containsExactly("min-length", "max-length", "email-local-part", "common-password");
    assertThat(RuleBasedPasswordPolicy.builder().requireLowercase(true).build().rules())
        .extracting(PasswordRule::id)
        .contains("lowercase");
  }

  @Test
  void toBuilderWhenRuleTurnedOffThenOnlyThatRuleChanges() {
    RuleBasedPasswordPolicy noSpecial = defaults.toBuilder().requireSpecial(false).build();

    assertThat(noSpecial.check("Tangerine42".toCharArray(), NOBODY)).isEmpty();
    assertThat(defaults.check("Tangerine42".toCharArray(), NOBODY))
        .extracting(PolicyViolation::rule)
        .containsExactly("special");
    assertThat(noSpecial.toString()).doesNotContain("special").contains("min-length=8");
  }

  private static PasswordRule rule(String id) {
    return new PasswordRule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
        return Optional.empty();
      }

      @Override
      public Optional<String> describe(Locale locale) {
        return Optional.empty();
      }
    };
  }
}

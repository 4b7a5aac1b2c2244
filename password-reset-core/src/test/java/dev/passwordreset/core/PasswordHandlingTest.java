package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.support.Fixture;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHandlingTest {

  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void passwordSetInComposedFormLogsInWithDecomposedFormAndBack() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String composed = Normalizer.normalize("Crème-Brûlée-9", Normalizer.Form.NFC);
    String decomposed = Normalizer.normalize("Crème-Brûlée-9", Normalizer.Form.NFD);
    assertThat(composed).isNotEqualTo(decomposed);
    String token = fx.requestToken("ann@example.com");

    assertThat(fx.engine.completeReset(token, pw(decomposed), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);

    assertThat(fx.engine.checkLogin("ann@example.com", pw(composed), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
    assertThat(fx.engine.checkLogin("ann@example.com", pw(decomposed), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void compatibilityFormsAreFoldedByNfkc() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");
    // Full-width letters and digits fold to ASCII under NFKC.
    assertThat(fx.engine.completeReset(token, pw("Ｓｅｃｒｅｔ-Ｐａｓｓ-１２!"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);

    assertThat(fx.engine.checkLogin("ann@example.com", pw("Secret-Pass-12!"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void overLongPasswordIsRejectedWithAViolationAndTheLinkStillWorks() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");
    String tooLong = "Aa1!" + "x".repeat(125);

    ResetOutcome outcome = fx.engine.completeReset(token, pw(tooLong), CLIENT);

    assertThat(outcome).isInstanceOf(ResetOutcome.Rejected.class);
    assertThat(((ResetOutcome.Rejected) outcome).violations())
        .extracting(PolicyViolation::rule)
        .containsExactly("max-length");
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    assertThat(fx.engine.completeReset(token, pw("Aa1!" + "x".repeat(124)), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
  }

  @Test
  void megabytePasswordIsRejectedBeforeHashingAndNeverLogsIn() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    char[] huge = new char[1 << 20];
    java.util.Arrays.fill(huge, 'A');

    assertThat(fx.engine.checkLogin("ann@example.com", huge, CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
  }

  @Test
  void callersCharArraysAreClearedWhateverTheOutcome() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");

    char[] weak = "weak".toCharArray();
    fx.engine.completeReset(token, weak, CLIENT);
    assertThat(weak).containsOnly('\0');

    char[] good = "N3w-Secret!x".toCharArray();
    fx.engine.completeReset(token, good, CLIENT);
    assertThat(good).containsOnly('\0');

    char[] unused = "N3w-Secret!x".toCharArray();
    fx.engine.completeReset("unknown", unused, CLIENT);
    assertThat(unused).containsOnly('\0');

    char[] login = "N3w-Secret!x".toCharArray();
    fx.engine.checkLogin("ann@example.com", login, CLIENT);
    assertThat(login).containsOnly('\0');

    char[] current = "N3w-Secret!x".toCharArray();
    char[] next = "Next-S3cret!".toCharArray();
    fx.engine.changePassword(ann.id(), current, next, CLIENT);
    assertThat(current).containsOnly('\0');
    assertThat(next).containsOnly('\0');

    char[] manual = "Agent-Typed-1!".toCharArray();
    fx.engine.setPassword(ann.id(), manual, false, AgentContext.of("agent-1"));
    assertThat(manual).containsOnly('\0');

    char[] pending = "Pending-Pw-1!".toCharArray();
    fx.engine.requestResetWithPassword("ann@example.com", pending, CLIENT);
    assertThat(pending).containsOnly('\0');
  }

  @Test
  void tooLongViolationIsLocalized() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");

    ResetOutcome outcome =
        fx.engine.completeReset(token, pw("x".repeat(200)), CLIENT.withLocale(Locale.FRENCH));

    assertThat(((ResetOutcome.Rejected) outcome).violations().get(0).message())
        .isEqualTo("Utilisez au plus 128 caractères.");
  }

  @Test
  void theEnginesOwnCopiesOfAPasswordAreClearedWhenTheCallReturns() {
    RecordingHasher hasher = new RecordingHasher();
    List<char[]> checked = new CopyOnWriteArrayList<>();
    PasswordPolicy defaults = RuleBasedPasswordPolicy.defaults();
    PasswordPolicy recording =
        new PasswordPolicy() {
          @Override
          public List<PolicyViolation> check(char[] candidate, PolicyContext context) {
            checked.add(candidate);
            return defaults.check(candidate, context);
          }

          @Override
          public PolicyDescription describe(Locale locale) {
            return defaults.describe(locale);
          }
        };
    AgentContext agent = AgentContext.of("agent-1");
    try (Fixture f =
        new Fixture(
            b ->
                b.hasher(hasher)
                    .passwordPolicy(recording)
                    .settings(ResetSettings.defaults().withAllowManualEntry(true)))) {
      var ann = f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      String token = f.requestToken("ann@example.com");
      Map<String, Runnable> calls = new LinkedHashMap<>();
      calls.put("completeReset, rejected", () -> f.engine.completeReset(token, pw("weak"), CLIENT));
      calls.put("completeReset", () -> f.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT));
      calls.put(
          "checkLogin, wrong password",
          () -> f.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT));
      calls.put(
          "checkLogin, unknown email",
          () -> f.engine.checkLogin("bob@example.com", pw("Wrong-Passw0rd!"), CLIENT));
      calls.put(
          "checkLogin", () -> f.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT));
      calls.put(
          "changePassword, wrong current",
          () ->
              f.engine.changePassword(ann.id(), pw("Wrong-Passw0rd!"), pw("Next-S3cret!"), CLIENT));
      calls.put(
          "changePassword, rejected",
          () -> f.engine.changePassword(ann.id(), pw("N3w-Secret!x"), pw("weak"), CLIENT));
      calls.put(
          "changePassword",
          () -> f.engine.changePassword(ann.id(), pw("N3w-Secret!x"), pw("Next-S3cret!"), CLIENT));
      calls.put(
          "setPassword, rejected", () -> f.engine.setPassword(ann.id(), pw("weak"), false, agent));
      calls.put(
          "setPassword", () -> f.engine.setPassword(ann.id(), pw("Agent-Typed-1!"), false, agent));
      calls.put(
          "requestResetWithPassword, rejected",
          () -> f.engine.requestResetWithPassword("ann@example.com", pw("weak"), CLIENT));
      calls.put(
          "requestResetWithPassword",
          () -> f.engine.requestResetWithPassword("ann@example.com", pw("Pending-Pw-1!"), CLIENT));

      calls.forEach(
          (name, call) -> {
            hasher.reset();
            checked.clear();
            call.run();
            List<char[]> handed = new ArrayList<>(hasher.handed());
            handed.addAll(checked);
            assertThat(handed).as(name).isNotEmpty();
            assertThat(handed)
                .as(name)
                .allSatisfy(a -> assertThat(RecordingHasher.cleared(a)).as(name).isTrue());
          });
    }
  }

  @Test
  void theEnginesLengthBoundComesBeforeThePolicyAndBeforeAnyHashing() {
    RecordingHasher hasher = new RecordingHasher();
    try (Fixture f = new Fixture(b -> b.hasher(hasher).maxPasswordLength(16))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      // Set by the host before the bound was lowered: 17 and 16 characters.
      var bob = f.customer("c2", "bob@example.com", "Seventeen-Chars-1");
      var cat = f.customer("c3", "cat@example.com", "Sixteen-Chars-12");
      String token = f.requestToken("ann@example.com");
      hasher.reset();

      ResetOutcome tooLong = f.engine.completeReset(token, pw("Aa1!" + "x".repeat(13)), CLIENT);

      assertThat(tooLong)
          .isEqualTo(
              new ResetOutcome.Rejected(
                  List.of(new PolicyViolation("max-length", "Use at most 16 characters."))));
      assertThat(hasher.handed()).isEmpty();
      assertThat(f.engine.completeReset(token, pw("Aa1!" + "x".repeat(12)), CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);

      hasher.reset();
      assertThat(f.engine.checkLogin("bob@example.com", pw("Seventeen-Chars-1"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(hasher.verifications()).isZero();
      assertThat(
              f.engine.changePassword(
                  bob.id(), pw("Seventeen-Chars-1"), pw("Short-Enough-1!"), CLIENT))
          .isEqualTo(new ChangeOutcome.WrongCurrentPassword());
      assertThat(hasher.verifications()).isZero();

      assertThat(f.engine.checkLogin("cat@example.com", pw("Sixteen-Chars-12"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(cat.id()));
      assertThat(
              f.engine.changePassword(
                  cat.id(), pw("Sixteen-Chars-12"), pw("Short-Enough-1!"), CLIENT))
          .isEqualTo(new ChangeOutcome.Changed());
    }
  }

  @Test
  void thePolicyIsDescribedInTheRequestedLanguage() {
    PolicyDescription fr = fx.engine.describePolicy(Locale.FRENCH);

    assertThat(fr).isEqualTo(RuleBasedPasswordPolicy.defaults().describe(Locale.FRENCH));
    assertThat(fr.minLength()).isEqualTo(8);
    assertThat(fr.maxLength()).isEqualTo(128);
    assertThatThrownBy(() -> fx.engine.describePolicy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("locale must not be null");
  }
}

package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.support.Fixture;
import java.text.Normalizer;
import java.util.Locale;
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
}

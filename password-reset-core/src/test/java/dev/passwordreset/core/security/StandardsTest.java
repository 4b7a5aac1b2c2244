package dev.passwordreset.core.security;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single requirements of OWASP ASVS and NIST SP 800-63B, each proved where SECURITY.md says. */
class StandardsTest {

  private static final String EMAIL = "ann@example.com";
  private static final String OLD = "Old-Passw0rd!x";
  private final Fixture fx =
      new Fixture(
          b ->
              b.passwordPolicy(RuleBasedPasswordPolicy.nist())
                  .settings(ResetSettings.defaults().withAllowManualEntry(true)));
  private final CustomerAccount ann = fx.customer("c1", EMAIL, OLD);

  @AfterEach
  void close() {
    fx.close();
  }

  private long changedMails() {
    return fx.mail.to(EMAIL).stream()
        .filter(n -> n.type() == NotificationType.PASSWORD_CHANGED)
        .count();
  }

  private void awaitChangedMails(int count) {
    fx.mail.await(
        n -> n.email().equals(EMAIL) && n.type() == NotificationType.PASSWORD_CHANGED, count);
  }

  /** ASVS 5.0 6.3.7, 4.0.3 2.2.3 and 2.5.5: notify after every update of the password. */
  @Test
  void everyKindOfPasswordUpdateEmailsThePasswordChangedNoticeWithoutALink() {
    String token = fx.requestToken(EMAIL);
    assertThat(fx.engine.completeReset(token, pw("first passphrase 1"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    awaitChangedMails(1);

    assertThat(
            fx.engine.setPassword(ann.id(), pw("second passphrase 2"), true, AgentContext.of("a")))
        .isInstanceOf(ManualEntryOutcome.PasswordSet.class);
    awaitChangedMails(2);

    assertThat(
            fx.engine.changePassword(
                ann.id(), pw("second passphrase 2"), pw("third passphrase 3"), CLIENT))
        .isInstanceOf(ChangeOutcome.Changed.class);
    awaitChangedMails(3);

    fx.clock.advance(Duration.ofMinutes(16));
    assertThat(fx.engine.requestResetWithPassword(EMAIL, pw("fourth passphrase 4"), CLIENT))
        .isInstanceOf(PendingOutcome.Accepted.class);
    String confirm = Mailbox.token(fx.mail.await(EMAIL, NotificationType.CONFIRM_PASSWORD));
    assertThat(fx.engine.confirmReset(confirm, pw("fourth passphrase 4"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    awaitChangedMails(4);

    assertThat(changedMails()).isEqualTo(4);
    assertThat(fx.mail.to(EMAIL))
        .filteredOn(n -> n.type() == NotificationType.PASSWORD_CHANGED)
        .allSatisfy(n -> assertThat(n.link()).isNull());
  }

  /**
   * OWASP cheat sheet "invalidate sessions": every update is an event that changes the password.
   */
  @Test
  void everyPasswordUpdateEmitsAnEventTheHostUsesToEndOtherSessions() {
    fx.engine.completeReset(fx.requestToken(EMAIL), pw("first passphrase 1"), CLIENT);
    fx.engine.setPassword(ann.id(), pw("second passphrase 2"), false, AgentContext.of("a"));
    fx.engine.changePassword(ann.id(), pw("second passphrase 2"), pw("third passphrase 3"), CLIENT);

    List<ResetEvent> changes = fx.events.stream().filter(e -> e.type().changesPassword()).toList();
    assertThat(changes).hasSize(3).allSatisfy(e -> assertThat(e.customerId()).isEqualTo(ann.id()));
  }

  /** ASVS 5.0 6.2.9 and 4.0.3 2.1.2: at least 64 characters allowed; 128 here, more refused. */
  @Test
  void aPassphraseOf128CharactersIsAcceptedAndLogsInAnd129IsRefused() {
    String long128 = "correct horse battery staple ".repeat(5).substring(0, 128);
    String long129 = long128 + "x";

    assertThat(fx.engine.completeReset(fx.requestToken(EMAIL), pw(long129), CLIENT))
        .isInstanceOf(ResetOutcome.Rejected.class);
    fx.clock.advance(Duration.ofMinutes(16));
    assertThat(fx.engine.completeReset(fx.requestToken(EMAIL), pw(long128), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.engine.checkLogin(EMAIL, pw(long128), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  /** ASVS 5.0 6.2.8, 4.0.3 2.1.3, NIST: verified whole, no truncation, no case folding. */
  @Test
  void thePasswordIsVerifiedWholeAndCaseSensitively() {
    String password = "a long passphrase with a tail at the very end " + "x".repeat(60) + "Z";
    fx.engine.completeReset(fx.requestToken(EMAIL), pw(password), CLIENT);

    assertThat(fx.engine.checkLogin(EMAIL, pw(password), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
    String lastCharacterChanged = password.substring(0, password.length() - 1) + "Y";
    assertThat(fx.engine.checkLogin(EMAIL, pw(lastCharacterChanged), CLIENT))
        .isInstanceOf(LoginCheck.Invalid.class);
    assertThat(fx.engine.checkLogin(EMAIL, pw(password.toUpperCase(java.util.Locale.ROOT)), CLIENT))
        .isInstanceOf(LoginCheck.Invalid.class);
    assertThat(fx.engine.checkLogin(EMAIL, pw(password.substring(0, 64)), CLIENT))
        .isInstanceOf(LoginCheck.Invalid.class);
  }

  /** ASVS 5.0 6.2.10, 4.0.3 2.1.10, NIST: no periodic rotation; a password does not expire. */
  @Test
  void aNormalPasswordStillLogsInYearsLater() {
    fx.clock.advance(Duration.ofDays(3 * 365));

    assertThat(fx.engine.checkLogin(EMAIL, pw(OLD), CLIENT)).isInstanceOf(LoginCheck.Valid.class);
  }

  /** ASVS 5.0 6.2.2/6.2.3, 4.0.3 2.1.5/2.1.6: users change it, giving the current one. */
  @Test
  void changingThePasswordRequiresTheCurrentOne() {
    assertThat(
            fx.engine.changePassword(
                ann.id(), pw("Not-The-Current-1"), pw("new passphrase 12"), CLIENT))
        .isInstanceOf(ChangeOutcome.WrongCurrentPassword.class);
    assertThat(fx.engine.checkLogin(EMAIL, pw(OLD), CLIENT)).isInstanceOf(LoginCheck.Valid.class);

    assertThat(fx.engine.changePassword(ann.id(), pw(OLD), pw("new passphrase 12"), CLIENT))
        .isInstanceOf(ChangeOutcome.Changed.class);
    assertThat(fx.engine.checkLogin(EMAIL, pw("new passphrase 12"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  /** ASVS 5.0 6.4.1, 4.0.3 2.3.1: an agent's temporary password never becomes the long-term one. */
  @Test
  void anAgentsTemporaryPasswordMustBeReplacedAtFirstLoginAndThenStopsWorking() {
    fx.engine.setPassword(ann.id(), pw("agent chosen temp 1"), true, AgentContext.of("a"));

    assertThat(fx.engine.checkLogin(EMAIL, pw("agent chosen temp 1"), CLIENT))
        .isInstanceOf(LoginCheck.MustChange.class);
    fx.engine.changePassword(
        ann.id(), pw("agent chosen temp 1"), pw("my own passphrase 1"), CLIENT);
    assertThat(fx.engine.checkLogin(EMAIL, pw("agent chosen temp 1"), CLIENT))
        .isInstanceOf(LoginCheck.Invalid.class);
    assertThat(fx.engine.checkLogin(EMAIL, pw("my own passphrase 1"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  /** ASVS 5.0 6.5.5 with a setting: a self-service link can live 10 minutes, not a second more. */
  @Test
  void aTenMinuteLinkLifetimeIsASettingAndIsEnforced() {
    fx.engine.updateSettings(
        fx.engine.settings().withSelfServiceLinkLifetime(Duration.ofMinutes(10)),
        AgentContext.of("admin"));
    String token = fx.requestToken(EMAIL);

    fx.clock.advance(Duration.ofMinutes(10));

    assertThat(fx.engine.completeReset(token, pw("first passphrase 1"), CLIENT))
        .isInstanceOf(ResetOutcome.InvalidToken.class);
  }
}

package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SetThenConfirmTest {

  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void weakPasswordGetsGuidanceAtOnceAndNoEmail() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    PendingOutcome outcome =
        fx.engine.requestResetWithPassword("ann@example.com", pw("weak"), CLIENT);

    assertThat(outcome).isInstanceOf(PendingOutcome.Rejected.class);
    assertThat(((PendingOutcome.Rejected) outcome).violations())
        .extracting(PolicyViolation::rule)
        .contains("min-length", "uppercase", "digit", "special");
    fx.close();
    assertThat(fx.mail.all()).isEmpty();
  }

  @Test
  void policyAnswerIsTheSameForKnownAndUnknownEmails() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    PendingOutcome known =
        fx.engine.requestResetWithPassword("ann@example.com", pw("weak"), CLIENT);
    PendingOutcome unknown =
        fx.engine.requestResetWithPassword("zed@example.com", pw("weak"), CLIENT);

    assertThat(known).isEqualTo(unknown);
  }

  @Test
  void goodPasswordIsActivatedOnlyByTheConfirmationLink() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    assertThat(fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new PendingOutcome.Accepted());
    Notification mail = fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD);
    String token = Mailbox.token(mail);

    assertThat(fx.engine.checkToken(token, CLIENT))
        .isEqualTo(
            new TokenCheck.Valid(ann.id(), TicketPurpose.PENDING_PASSWORD, mail.linkExpiresAt()));
    // Opening the page changes nothing: the old password still works until confirmation.
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());

    assertThat(fx.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));

    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
    assertThat(fx.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));
    fx.mail.await("ann@example.com", NotificationType.PASSWORD_CHANGED);
  }

  @Test
  void thePendingPasswordIsStoredOnlyAsAHashInsideTheTicket() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
    String token =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    var ticket =
        fx.tickets
            .findByTokenHash(dev.passwordreset.core.internal.Tokens.hash(token))
            .orElseThrow();

    assertThat(ticket.pendingPasswordHash())
        .startsWith("$argon2id$")
        .doesNotContain("N3w-Secret!x");
    assertThat(ticket.toString()).doesNotContain("argon2");
  }

  @Test
  void unknownEmailIsAcceptedAndSendsNothing() {
    assertThat(fx.engine.requestResetWithPassword("zed@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new PendingOutcome.Accepted());

    fx.awaitEvent(ResetEventType.REQUEST_IGNORED);
    fx.close();
    assertThat(fx.mail.all()).isEmpty();
  }

  @Test
  void linksOnlyWorkWithTheirOwnForm() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
    String pending =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    assertThat(fx.engine.completeReset(pending, pw("Other-S3cret!"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN));

    String reset = fx.requestToken("ann@example.com");
    assertThat(fx.engine.confirmReset(reset, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN));
    // The newer reset request revoked the pending link.
    assertThat(fx.engine.confirmReset(pending, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.REPLACED));
  }

  @Test
  void clientThrottleComesBeforeAnyHashing() {
    for (int i = 0; i < 10; i++) {
      fx.engine.requestResetWithPassword("x" + i + "@example.com", pw("N3w-Secret!x"), CLIENT);
    }

    PendingOutcome outcome =
        fx.engine.requestResetWithPassword("x@example.com", pw("N3w-Secret!x"), CLIENT);

    assertThat(outcome).isInstanceOf(PendingOutcome.Throttled.class);
    assertThat(
            fx.engine.requestResetWithPassword(
                "x@example.com", pw("N3w-Secret!x"), RequestContext.of("192.0.2.3")))
        .isEqualTo(new PendingOutcome.Accepted());
  }

  @Test
  void guidanceFollowsThePageLanguage() {
    PendingOutcome fr =
        fx.engine.requestResetWithPassword(
            "ann@example.com", pw("weak"), CLIENT.withLocale(Locale.FRENCH));
    PendingOutcome en = fx.engine.requestResetWithPassword("ann@example.com", pw("weak"), CLIENT);

    var frMessages = ((PendingOutcome.Rejected) fr).violations();
    var enMessages = ((PendingOutcome.Rejected) en).violations();
    assertThat(frMessages)
        .extracting(PolicyViolation::rule)
        .isEqualTo(enMessages.stream().map(PolicyViolation::rule).toList());
    assertThat(frMessages.get(0).message()).isNotEqualTo(enMessages.get(0).message());
  }

  @Test
  void aConfirmationLinkOfADisabledAccountNoLongerWorks() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
    String token =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    fx.customers.update(ann.withEnabled(false));

    assertThat(fx.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN));
    fx.customers.update(ann);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
  }

  // Issue 14, item 3: the confirmation proves it comes from whoever chose the password.

  @Test
  void aStrangersPasswordIsNotActivatedByTheOwnersClickOnTheGenuineEmail() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    // A stranger types Ann's email and a password of their own.
    RequestContext stranger = RequestContext.of("198.51.100.66");
    assertThat(
            fx.engine.requestResetWithPassword("ann@example.com", pw("Str4nger-Chose!"), stranger))
        .isEqualTo(new PendingOutcome.Accepted());
    String token =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    // Ann opens the genuine email and clicks: she does not know the stranger's password.
    ResetOutcome clicked = fx.engine.confirmReset(token, pw("Old-Passw0rd!"), CLIENT);

    assertThat(clicked).isInstanceOf(ResetOutcome.Rejected.class);
    assertThat(((ResetOutcome.Rejected) clicked).violations())
        .extracting(PolicyViolation::rule)
        .containsExactly(ResetOutcome.CONFIRMATION_MISMATCH);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Str4nger-Chose!"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    assertThat(fx.events(ResetEventType.RESET_COMPLETED)).isEmpty();
    assertThat(fx.events(ResetEventType.PASSWORD_REJECTED))
        .anySatisfy(
            e -> {
              assertThat(e.customerId()).isEqualTo(ann.id());
              assertThat(e.detail("rules")).isEqualTo(ResetOutcome.CONFIRMATION_MISMATCH);
            });
  }

  @Test
  void theRightPasswordTypedAgainActivatesItAfterAMistake() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
    String token =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    assertThat(fx.engine.confirmReset(token, pw("N3w-Secret!y"), CLIENT))
        .isInstanceOf(ResetOutcome.Rejected.class);
    assertThat(fx.engine.confirmReset(token, pw(""), CLIENT))
        .isInstanceOf(ResetOutcome.Rejected.class);

    assertThat(fx.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
  }

  @Test
  void theRetypedPasswordIsVerifiedByTheHasherAgainstThePendingHash() {
    RecordingHasher hasher = new RecordingHasher();
    try (Fixture f = new Fixture(b -> b.hasher(hasher))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
      String token =
          Mailbox.token(f.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));
      hasher.reset();

      f.engine.confirmReset(token, pw("N3w-Secret!y"), CLIENT);

      assertThat(hasher.verifications()).isEqualTo(1);
      assertThat(hasher.handed()).allSatisfy(a -> assertThat(RecordingHasher.cleared(a)).isTrue());
    }
  }

  @Test
  void wrongConfirmationsCountTowardsTheClientsBadInputLimit() {
    try (Fixture f =
        new Fixture(
            b ->
                b.clientBadTokenLimit(
                    dev.passwordreset.core.throttle.ThrottleLimit.of(
                        3, java.time.Duration.ofMinutes(15))))) {
      var ann = f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
      String token =
          Mailbox.token(f.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

      for (int i = 0; i < 3; i++) {
        assertThat(f.engine.confirmReset(token, pw("Guess-" + i + "!Aa"), CLIENT))
            .isInstanceOf(ResetOutcome.Rejected.class);
      }

      assertThat(f.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
          .isInstanceOf(ResetOutcome.Throttled.class);
      assertThat(f.engine.confirmReset(token, pw("N3w-Secret!x"), RequestContext.of("192.0.2.9")))
          .isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));
    }
  }

  @Test
  void theMismatchIsExplainedInThePageLanguage() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
    String token =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    var en = (ResetOutcome.Rejected) fx.engine.confirmReset(token, pw("x"), CLIENT);
    var fr =
        (ResetOutcome.Rejected)
            fx.engine.confirmReset(token, pw("x"), CLIENT.withLocale(Locale.FRENCH));

    assertThat(en.violations().get(0).message()).contains("not the password you chose");
    assertThat(fr.violations().get(0).message()).contains("pas le mot de passe choisi");
  }

  @Test
  @SuppressWarnings("removal") // the deprecated call is what is tested
  void theDeprecatedOneClickConfirmationActivatesNothing() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT);
    String token =
        Mailbox.token(fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD));

    ResetOutcome clicked = fx.engine.confirmReset(token, CLIENT);

    assertThat(clicked).isInstanceOf(ResetOutcome.Rejected.class);
    assertThat(((ResetOutcome.Rejected) clicked).violations())
        .extracting(PolicyViolation::rule)
        .containsExactly(ResetOutcome.CONFIRMATION_REQUIRED);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    // The same answer for any text: it looks nothing up.
    assertThat(fx.engine.confirmReset("no-such-token", CLIENT)).isEqualTo(clicked);
    assertThat(fx.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));
  }
}

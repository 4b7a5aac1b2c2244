package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentOperationsTest {

  private static final AgentContext AGENT = AgentContext.of("agent-42");
  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void resetPasswordButtonEmailsAnAgentLinkValidFor24HoursAndRecordsTheActivity() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    AgentOutcome outcome = fx.engine.sendResetEmail(ann.id(), AGENT);

    Duration lifetime = Duration.ofHours(24);
    assertThat(outcome).isEqualTo(new AgentOutcome.EmailSent(fx.clock.instant().plus(lifetime)));
    Notification mail = fx.mail.last("ann@example.com").orElseThrow();
    assertThat(mail.type()).isEqualTo(NotificationType.RESET_LINK);
    String token = Mailbox.token(mail);
    assertThat(fx.engine.checkToken(token, CLIENT))
        .isInstanceOfSatisfying(
            TokenCheck.Valid.class,
            v -> assertThat(v.purpose()).isEqualTo(TicketPurpose.AGENT_RESET));
    ResetEvent event = fx.events(ResetEventType.AGENT_RESET_SENT).get(0);
    assertThat(event.agentId()).isEqualTo("agent-42");
    assertThat(event.customerId()).isEqualTo(ann.id());
    assertThat(event.at()).isEqualTo(fx.clock.instant());

    fx.clock.advance(lifetime.minusSeconds(1));
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    fx.clock.advance(Duration.ofSeconds(2));
    assertThat(fx.engine.checkToken(token, CLIENT))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.EXPIRED));
  }

  @Test
  void accountSetupEmailHasItsOwnWordingAndA72HourLink() {
    CustomerAccount newcomer =
        new CustomerAccount(CustomerId.of("n1"), "new@example.com", "New", Locale.FRENCH, true);
    fx.customers.add(newcomer);

    AgentOutcome outcome = fx.engine.sendAccountSetupEmail(newcomer.id(), AGENT);

    assertThat(outcome)
        .isEqualTo(new AgentOutcome.EmailSent(fx.clock.instant().plus(Duration.ofHours(72))));
    Notification mail = fx.mail.last("new@example.com").orElseThrow();
    assertThat(mail.type()).isEqualTo(NotificationType.ACCOUNT_SETUP);
    assertThat(mail.locale()).isEqualTo(Locale.FRENCH);
    fx.clock.advance(Duration.ofHours(72).minusSeconds(1));
    assertThat(fx.engine.completeReset(Mailbox.token(mail), pw("First-Passw0rd!"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.engine.checkLogin("new@example.com", pw("First-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
    assertThat(fx.events(ResetEventType.ACCOUNT_SETUP_SENT)).hasSize(1);
  }

  @Test
  void accountSetupLinkExpiresAfter72Hours() {
    CustomerAccount newcomer =
        new CustomerAccount(CustomerId.of("n1"), "new@example.com", null, Locale.ENGLISH, true);
    fx.customers.add(newcomer);
    fx.engine.sendAccountSetupEmail(newcomer.id(), AGENT);
    String token = Mailbox.token(fx.mail.last("new@example.com").orElseThrow());

    fx.clock.advance(Duration.ofHours(72).plusSeconds(1));

    assertThat(fx.engine.completeReset(token, pw("First-Passw0rd!"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.EXPIRED));
  }

  @Test
  void reminderCarriesTheAccountEmailAndAWorkingLinkAndNothingThatCouldBeAPassword() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    assertThat(fx.engine.sendReminder(ann.id(), AGENT)).isInstanceOf(AgentOutcome.EmailSent.class);

    Notification mail = fx.mail.last("ann@example.com").orElseThrow();
    assertThat(mail.type()).isEqualTo(NotificationType.REMINDER);
    assertThat(mail.email()).isEqualTo("ann@example.com");
    assertThat(mail.toString()).doesNotContain("Old-Passw0rd!");
    // A Notification has no field that could hold a password: only names, address, link, expiry,
    // and the reset code of a RESET_CODE email.
    assertThat(Notification.class.getRecordComponents())
        .extracting(java.lang.reflect.RecordComponent::getName)
        .containsExactly(
            "type",
            "customerId",
            "email",
            "displayName",
            "locale",
            "link",
            "linkExpiresAt",
            "storefront",
            "code");
    // The code component is only for reset codes, which the customer asks for: never a reminder's.
    assertThat(mail.code()).isNull();
    assertThat(mail.link()).doesNotContain("Old-Passw0rd!");
    assertThat(fx.engine.completeReset(Mailbox.token(mail), pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.events(ResetEventType.REMINDER_SENT)).hasSize(1);
  }

  @Test
  void unknownCustomerIsReportedAndNothingIsSent() {
    assertThat(fx.engine.sendResetEmail(CustomerId.of("ghost"), AGENT))
        .isEqualTo(new AgentOutcome.CustomerNotFound());
    assertThat(fx.engine.sendReminder(CustomerId.of("ghost"), AGENT))
        .isEqualTo(new AgentOutcome.CustomerNotFound());
    assertThat(fx.engine.sendAccountSetupEmail(CustomerId.of("ghost"), AGENT))
        .isEqualTo(new AgentOutcome.CustomerNotFound());
    assertThat(fx.mail.all()).isEmpty();
  }

  @Test
  void whenTheNotifierFailsTheAgentIsToldAndTheUnsentLinkNoLongerWorks() {
    AtomicReference<String> unsentToken = new AtomicReference<>();
    AtomicBoolean down = new AtomicBoolean(true);
    try (Fixture failing =
        new Fixture(
            b ->
                b.notifier(
                    n -> {
                      if (down.get()) {
                        unsentToken.set(Mailbox.token(n));
                        throw new NotificationException(
                            "SMTP server unreachable: Connection refused", false, null);
                      }
                    }))) {
      CustomerAccount ann = failing.customer("c1", "ann@example.com", "Old-Passw0rd!");

      AgentOutcome outcome = failing.engine.sendResetEmail(ann.id(), AGENT);

      assertThat(outcome)
          .isEqualTo(
              new AgentOutcome.NotificationFailed("SMTP server unreachable: Connection refused"));
      assertThat(failing.engine.checkToken(unsentToken.get(), CLIENT))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.USED));
      assertThat(failing.engine.completeReset(unsentToken.get(), pw("N3w-Secret!x"), CLIENT))
          .isInstanceOf(ResetOutcome.InvalidToken.class);
      ResetEvent event = failing.events(ResetEventType.AGENT_NOTIFICATION_FAILED).get(0);
      assertThat(event.agentId()).isEqualTo("agent-42");
      assertThat(event.detail("reason")).contains("Connection refused");
    }
  }

  @Test
  void aFailureMessageQuotingTheTokenIsRedacted() {
    try (Fixture failing =
        new Fixture(
            b ->
                b.notifier(
                    n -> {
                      throw new IllegalStateException("could not send " + n.link());
                    }))) {
      CustomerAccount ann = failing.customer("c1", "ann@example.com", "Old-Passw0rd!");

      AgentOutcome outcome = failing.engine.sendResetEmail(ann.id(), AGENT);

      assertThat(((AgentOutcome.NotificationFailed) outcome).reason()).endsWith("token=<token>");
    }
  }

  @Test
  void disabledAccountGetsNoLinkAndTheAgentIsToldWhy() {
    CustomerAccount off =
        new CustomerAccount(CustomerId.of("d1"), "off@example.com", null, Locale.ENGLISH, false);
    fx.customers.add(off);

    AgentOutcome outcome = fx.engine.sendResetEmail(off.id(), AGENT);

    assertThat(outcome)
        .isEqualTo(
            new AgentOutcome.NotificationFailed(
                "the customer's account is disabled; enable it before sending an email"));
    assertThat(fx.mail.all()).isEmpty();
    assertThat(fx.events(ResetEventType.AGENT_NOTIFICATION_FAILED).get(0).detail("reason"))
        .isEqualTo("account-disabled");
  }
}

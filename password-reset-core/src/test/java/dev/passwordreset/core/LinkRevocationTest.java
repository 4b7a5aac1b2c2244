package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 15: which older links a newer link of the same customer revokes, for every pair of
 * purposes. A newer link of any purpose revokes the older reset-type links (self-service, pending
 * password, agent reset, reminder); an account-setup link stays valid until it is used, unless a
 * newer account-setup link replaces it. SECURITY.md has the same table.
 */
class LinkRevocationTest {
  private static final String EMAIL = "ann@example.com";
  private static final AgentContext AGENT = AgentContext.of("agent-7");

  /** Written out here, not read from the engine, so that the test states the decision. */
  private static final Set<TicketPurpose> REVOKED_BY_ANY_NEWER_LINK =
      EnumSet.of(
          TicketPurpose.SELF_SERVICE_RESET,
          TicketPurpose.PENDING_PASSWORD,
          TicketPurpose.AGENT_RESET,
          TicketPurpose.REMINDER);

  /** The purposes of links; codes have their own test ({@code ResetCodeTest}). */
  static Stream<TicketPurpose> linkPurposes() {
    return Stream.of(TicketPurpose.values()).filter(p -> p != TicketPurpose.RESET_CODE);
  }

  static Stream<Arguments> pairs() {
    return linkPurposes().flatMap(older -> linkPurposes().map(newer -> Arguments.of(older, newer)));
  }

  @ParameterizedTest(name = "{0} then {1}")
  @MethodSource("pairs")
  void aNewerLinkRevokesTheOlderOneAccordingToThePurposeTable(
      TicketPurpose older, TicketPurpose newer) {
    try (Fixture fx = new Fixture()) {
      CustomerAccount ann = fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String first = issue(fx, ann, older);
      assertThat(fx.engine.checkToken(first, CLIENT)).isInstanceOf(TokenCheck.Valid.class);

      String second = issue(fx, ann, newer);

      boolean revoked =
          REVOKED_BY_ANY_NEWER_LINK.contains(older)
              || (older == TicketPurpose.ACCOUNT_SETUP && newer == TicketPurpose.ACCOUNT_SETUP);
      TokenCheck after = fx.engine.checkToken(first, CLIENT);
      if (revoked) {
        assertThat(after)
            .as("a %s link after a newer %s link", older, newer)
            .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
      } else {
        assertThat(after)
            .as("a %s link after a newer %s link", older, newer)
            .isInstanceOf(TokenCheck.Valid.class);
      }
      assertThat(fx.engine.checkToken(second, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("purposes")
  void usingAnyLinkRevokesEveryOtherLinkIncludingAccountSetup(TicketPurpose used) {
    try (Fixture fx = new Fixture()) {
      CustomerAccount ann = fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String setup = issue(fx, ann, TicketPurpose.ACCOUNT_SETUP);
      String link = issue(fx, ann, used);

      if (used == TicketPurpose.PENDING_PASSWORD) {
        fx.engine.confirmReset(link, pw(PENDING), CLIENT);
      } else {
        fx.engine.completeReset(link, pw("Chosen-Passw0rd!"), CLIENT);
      }

      assertThat(fx.engine.checkToken(setup, CLIENT))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
      // The link that was used is answered as used, not as replaced.
      assertThat(fx.engine.checkToken(link, CLIENT))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.USED));
    }
  }

  static Stream<TicketPurpose> purposes() {
    return linkPurposes().filter(p -> p != TicketPurpose.ACCOUNT_SETUP);
  }

  private static final String PENDING = "Pending-Passw0rd!";

  /** Issues a link of the purpose, the way a host does, and returns its token. */
  private static String issue(Fixture fx, CustomerAccount ann, TicketPurpose purpose) {
    int before = fx.mail.to(EMAIL).size();
    switch (purpose) {
      case SELF_SERVICE_RESET -> fx.engine.requestReset(EMAIL, CLIENT);
      case PENDING_PASSWORD -> fx.engine.requestResetWithPassword(EMAIL, pw(PENDING), CLIENT);
      case AGENT_RESET -> assertSent(fx.engine.sendResetEmail(ann.id(), AGENT));
      case ACCOUNT_SETUP -> assertSent(fx.engine.sendAccountSetupEmail(ann.id(), AGENT));
      case REMINDER -> assertSent(fx.engine.sendReminder(ann.id(), AGENT));
      case RESET_CODE -> throw new IllegalArgumentException("a code, not a link");
    }
    Notification mail = fx.mail.await(n -> n.email().equals(EMAIL), before + 1);
    assertThat(mail.type()).isEqualTo(typeOf(purpose));
    return Mailbox.token(mail);
  }

  private static NotificationType typeOf(TicketPurpose purpose) {
    return switch (purpose) {
      case SELF_SERVICE_RESET, AGENT_RESET -> NotificationType.RESET_LINK;
      case PENDING_PASSWORD -> NotificationType.CONFIRM_PASSWORD;
      case ACCOUNT_SETUP -> NotificationType.ACCOUNT_SETUP;
      case REMINDER -> NotificationType.REMINDER;
      case RESET_CODE -> NotificationType.RESET_CODE;
    };
  }

  private static void assertSent(AgentOutcome outcome) {
    assertThat(outcome).isInstanceOf(AgentOutcome.EmailSent.class);
  }
}

package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The activity feed a host builds its audit log, alerts and session handling on: for each
 * operation, the event's type, customer, actor, client address, storefront and details.
 */
class ActivityFeedTest {

  private static final RequestContext SHOPPER =
      RequestContext.of("203.0.113.7").withStorefront("b2b");
  private static final AgentContext AGENT = new AgentContext("agent-42", "198.51.100.20", "b2b");

  private final Fixture fx =
      new Fixture(b -> b.settings(ResetSettings.defaults().withAllowManualEntry(true)));
  private final CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

  @AfterEach
  void close() {
    fx.close();
  }

  /** The only event of its type, checked to come from the shopper's request. */
  private ResetEvent fromShopper(ResetEventType type, CustomerId customer) {
    List<ResetEvent> events = fx.events(type);
    assertThat(events).as("%s events", type).hasSize(1);
    ResetEvent e = events.get(0);
    assertThat(e.customerId()).isEqualTo(customer);
    assertThat(e.agentId()).isNull();
    assertThat(e.clientAddress()).isEqualTo("203.0.113.7");
    assertThat(e.storefront()).isEqualTo("b2b");
    assertThat(e.at()).isEqualTo(fx.clock.instant());
    return e;
  }

  private String tokenOf(NotificationType type) {
    return Mailbox.token(fx.mail.await("ann@example.com", type));
  }

  @Test
  void aSelfServiceResetIsRecordedWithTheShoppersAddressAndStorefront() {
    fx.engine.requestReset("ann@example.com", SHOPPER);
    String token = tokenOf(NotificationType.RESET_LINK);
    assertThat(fx.awaitEvent(ResetEventType.RESET_REQUESTED).details())
        .containsEntry("purpose", "SELF_SERVICE_RESET");
    fromShopper(ResetEventType.RESET_REQUESTED, ann.id());

    fx.engine.completeReset(token, pw("weak"), SHOPPER);
    assertThat(fromShopper(ResetEventType.PASSWORD_REJECTED, ann.id()).detail("rules"))
        .startsWith("min-length,");

    fx.engine.completeReset(token, pw("N3w-Secret!x"), SHOPPER);
    assertThat(fromShopper(ResetEventType.RESET_COMPLETED, ann.id()).details())
        .containsEntry("purpose", "SELF_SERVICE_RESET")
        .containsEntry("via", "reset");
  }

  @Test
  void aPasswordFirstRequestIsRecordedAtEachStep() {
    fx.engine.requestResetWithPassword("ann@example.com", pw("weak"), SHOPPER);
    // The answer does not depend on the account, nor does the event.
    assertThat(fromShopper(ResetEventType.PASSWORD_REJECTED, null).detail("rules"))
        .startsWith("min-length,");

    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), SHOPPER);
    String token = tokenOf(NotificationType.CONFIRM_PASSWORD);
    fx.awaitEvent(ResetEventType.PENDING_PASSWORD_REQUESTED);
    fromShopper(ResetEventType.PENDING_PASSWORD_REQUESTED, ann.id());

    fx.engine.confirmReset(token, pw("N3w-Secret!x"), SHOPPER);
    assertThat(fromShopper(ResetEventType.RESET_COMPLETED, ann.id()).details())
        .containsEntry("purpose", "PENDING_PASSWORD")
        .containsEntry("via", "confirm");
  }

  @Test
  void refusedSelfServiceRequestsAreRecordedWithoutACustomer() {
    try (Fixture f =
        new Fixture(
            b ->
                b.humanVerifier((response, ctx) -> "human".equals(response))
                    .clientRequestLimit(ThrottleLimit.of(1, Duration.ofMinutes(1))))) {
      f.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), SHOPPER);
      ResetEvent captcha = f.events(ResetEventType.CAPTCHA_FAILED).get(0);
      assertThat(captcha.customerId()).isNull();
      assertThat(captcha.clientAddress()).isEqualTo("203.0.113.7");

      RequestContext human = SHOPPER.withCaptchaResponse("human");
      f.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), human);
      f.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), human);
      ResetEvent throttled = f.events(ResetEventType.CLIENT_THROTTLED).get(0);
      assertThat(throttled.detail("limit")).isEqualTo("requests");
      assertThat(throttled.clientAddress()).isEqualTo("203.0.113.7");
      assertThat(throttled.storefront()).isEqualTo("b2b");
    }
  }

  @Test
  void everyKindOfBadLinkIsRecordedWithWhatWasWrongWithIt() {
    fx.engine.completeReset("not-a-token", pw("N3w-Secret!x"), SHOPPER);
    fx.engine.checkToken(Tokens.create().newToken(), SHOPPER);
    fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), SHOPPER);
    String pending = tokenOf(NotificationType.CONFIRM_PASSWORD);
    fx.engine.completeReset(pending, pw("Other-S3cret!"), SHOPPER);
    fx.engine.requestReset("ann@example.com", SHOPPER);
    String reset = tokenOf(NotificationType.RESET_LINK);
    fx.engine.confirmReset(reset, pw("N3w-Secret!x"), SHOPPER);
    fx.engine.confirmReset(pending, pw("N3w-Secret!x"), SHOPPER); // revoked by the newer request
    fx.clock.advance(Duration.ofMinutes(30));
    fx.engine.checkToken(reset, SHOPPER);

    List<ResetEvent> bad = fx.events(ResetEventType.BAD_TOKEN);
    assertThat(bad)
        .extracting(e -> e.detail("reason") + "/" + e.detail("why"))
        .containsExactly(
            "UNKNOWN/malformed",
            "UNKNOWN/unknown",
            "UNKNOWN/wrong-form",
            "UNKNOWN/wrong-form",
            "REPLACED/replaced",
            "EXPIRED/expired");
    assertThat(bad)
        .allSatisfy(
            e -> {
              assertThat(e.customerId()).isNull();
              assertThat(e.clientAddress()).isEqualTo("203.0.113.7");
              assertThat(e.storefront()).isEqualTo("b2b");
            });
  }

  @Test
  void loginsAreRecordedWithTheAccountWhenThereIsOne() {
    fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), SHOPPER);
    fromShopper(ResetEventType.LOGIN_SUCCEEDED, ann.id());

    fx.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), SHOPPER);
    fx.engine.checkLogin("nobody@example.com", pw("Wrong-Passw0rd!"), SHOPPER);
    assertThat(fx.events(ResetEventType.LOGIN_FAILED))
        .extracting(ResetEvent::customerId, ResetEvent::clientAddress, ResetEvent::details)
        .containsExactly(
            tuple(ann.id(), "203.0.113.7", Map.of()), tuple(null, "203.0.113.7", Map.of()));
  }

  @Test
  void aThrottledLoginIsRecordedAsSuch() {
    try (Fixture f =
        new Fixture(b -> b.clientLoginLimit(ThrottleLimit.of(1, Duration.ofMinutes(15))))) {
      f.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), SHOPPER);
      f.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), SHOPPER);

      ResetEvent e = f.events(ResetEventType.CLIENT_THROTTLED).get(0);
      assertThat(e.detail("limit")).isEqualTo("login");
      assertThat(e.clientAddress()).isEqualTo("203.0.113.7");
    }
  }

  @Test
  void anExpiredTemporaryPasswordIsRecordedAsAFailedLoginWithItsReason() {
    fx.customers.updatePassword(
        ann.id(),
        new StoredPassword(
            Fixture.FAST_HASHER.hash("Temp-Passw0rd!".toCharArray()), fx.clock.instant()));

    fx.engine.checkLogin("ann@example.com", pw("Temp-Passw0rd!"), SHOPPER);

    assertThat(fromShopper(ResetEventType.LOGIN_FAILED, ann.id()).details())
        .isEqualTo(Map.of("reason", "temporary-expired"));
    assertThat(fx.events(ResetEventType.LOGIN_SUCCEEDED)).isEmpty();
  }

  @Test
  void aPasswordChangeIsRecordedAtEachStep() {
    fx.engine.changePassword(ann.id(), pw("Wrong-Passw0rd!"), pw("N3w-Secret!x"), SHOPPER);
    assertThat(fromShopper(ResetEventType.LOGIN_FAILED, ann.id()).detail("reason"))
        .isEqualTo("wrong-current-password");

    fx.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("weak"), SHOPPER);
    assertThat(fromShopper(ResetEventType.PASSWORD_REJECTED, ann.id()).detail("rules"))
        .startsWith("min-length,");

    fx.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("N3w-Secret!x"), SHOPPER);
    fromShopper(ResetEventType.PASSWORD_CHANGED, ann.id());
  }

  @Test
  void anAgentsManualEntryIsRecordedWithTheAgentAndWhyItWasRefused() {
    assertThat(fx.engine.setPassword(ann.id(), pw("short"), false, AGENT))
        .isInstanceOf(ManualEntryOutcome.Rejected.class);
    ResetEvent refused = fx.events(ResetEventType.MANUAL_ENTRY_REFUSED).get(0);
    assertThat(refused.customerId()).isEqualTo(ann.id());
    assertThat(refused.agentId()).isEqualTo("agent-42");
    assertThat(refused.clientAddress()).isEqualTo("198.51.100.20");
    assertThat(refused.storefront()).isEqualTo("b2b");
    assertThat(refused.detail("reason")).isEqualTo("policy");
    assertThat(refused.detail("rules")).startsWith("min-length,");

    fx.engine.setPassword(ann.id(), pw("Agent-Typed-1!"), true, AGENT);
    ResetEvent set = fx.events(ResetEventType.MANUAL_PASSWORD_SET).get(0);
    assertThat(set.agentId()).isEqualTo("agent-42");
    assertThat(set.details())
        .containsEntry("temporary", "true")
        .containsEntry("expiresAt", fx.clock.instant().plus(Duration.ofHours(1)).toString());
  }
}

package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.support.Fixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AntiEnumerationTest {

  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void unknownEmailIsAcceptedSendsNothingAndIsRecorded() {
    assertThat(fx.engine.requestReset("nobody@example.com", CLIENT))
        .isEqualTo(new RequestOutcome.Accepted());

    ResetEvent event = fx.awaitEvent(ResetEventType.REQUEST_IGNORED);
    assertThat(event.detail("reason")).isEqualTo("unknown-email");
    assertThat(event.customerId()).isNull();
    assertThat(event.toString()).doesNotContain("nobody");
    fx.close();
    assertThat(fx.mail.all()).isEmpty();
  }

  @Test
  void disabledAccountIsAcceptedSendsNothingAndIsRecorded() {
    fx.customers.add(
        new CustomerAccount(CustomerId.of("d1"), "off@example.com", null, Locale.ENGLISH, false));

    assertThat(fx.engine.requestReset("off@example.com", CLIENT))
        .isEqualTo(new RequestOutcome.Accepted());

    assertThat(fx.awaitEvent(ResetEventType.REQUEST_IGNORED).detail("reason"))
        .isEqualTo("disabled-account");
    fx.close();
    assertThat(fx.mail.all()).isEmpty();
  }

  @Test
  void perAccountThrottleIsSilentAcceptedWithoutEmail() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    for (int i = 0; i < 4; i++) {
      // From different addresses, so only the account limit (3 per 15 minutes) applies.
      assertThat(fx.engine.requestReset("ann@example.com", RequestContext.of("198.51.100." + i)))
          .isEqualTo(new RequestOutcome.Accepted());
    }

    assertThat(fx.awaitEvent(ResetEventType.REQUEST_IGNORED).detail("reason"))
        .isEqualTo("account-throttled");
    fx.close();
    assertThat(fx.mail.to("ann@example.com"))
        .filteredOn(n -> n.type() == NotificationType.RESET_LINK)
        .hasSize(3);
  }

  @Test
  void perClientThrottleIsReportedWithAPositiveRetryAfter() {
    for (int i = 0; i < 10; i++) {
      assertThat(fx.engine.requestReset("someone" + i + "@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
    }

    RequestOutcome eleventh = fx.engine.requestReset("someone@example.com", CLIENT);

    assertThat(eleventh).isInstanceOf(RequestOutcome.Throttled.class);
    Duration retryAfter = ((RequestOutcome.Throttled) eleventh).retryAfter();
    // A sliding window of 1 minute in four slices: the wait ends at most a slice after the window.
    assertThat(retryAfter).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(75));
    assertThat(fx.events(ResetEventType.CLIENT_THROTTLED)).hasSize(1);
    assertThat(fx.engine.requestReset("someone@example.com", RequestContext.of("192.0.2.1")))
        .isEqualTo(new RequestOutcome.Accepted());
  }

  @Test
  void perClientThrottleEndsWithItsWindow() {
    for (int i = 0; i < 11; i++) {
      fx.engine.requestReset("someone@example.com", CLIENT);
    }
    // The window, and the rest of the slice the first request fell in (at most a quarter more).
    fx.clock.advance(Duration.ofSeconds(75));

    assertThat(fx.engine.requestReset("someone@example.com", CLIENT))
        .isEqualTo(new RequestOutcome.Accepted());
  }

  @Test
  void repeatedBadTokensFromOneClientAreThrottled() {
    for (int i = 0; i < 10; i++) {
      fx.engine.completeReset("bad-token-" + i, "Whatever-1!".toCharArray(), CLIENT);
    }

    assertThat(fx.engine.completeReset("bad-token", "Whatever-1!".toCharArray(), CLIENT))
        .isInstanceOf(dev.passwordreset.api.ResetOutcome.Throttled.class);
    assertThat(
            fx.engine.completeReset(
                "bad-token", "Whatever-1!".toCharArray(), RequestContext.of("192.0.2.1")))
        .isInstanceOf(dev.passwordreset.api.ResetOutcome.InvalidToken.class);
  }

  @Test
  void captchaRefusedWhenTheVerifierSaysSo() {
    try (Fixture withCaptcha =
        new Fixture(b -> b.humanVerifier((response, ctx) -> "human".equals(response)))) {
      withCaptcha.customer("c1", "ann@example.com", "Old-Passw0rd!");

      assertThat(withCaptcha.engine.requestReset("ann@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.CaptchaFailed());
      assertThat(
              withCaptcha.engine.requestReset(
                  "ann@example.com", CLIENT.withCaptchaResponse("human")))
          .isEqualTo(new RequestOutcome.Accepted());
      withCaptcha.mail.await("ann@example.com", NotificationType.RESET_LINK);
      assertThat(withCaptcha.events(ResetEventType.CAPTCHA_FAILED)).hasSize(1);
    }
  }

  @Test
  void requestResetDoesNoAccountWorkOnTheCallersThread() {
    // The store is consulted only on the delivery thread: the caller's time cannot depend on it.
    Thread caller = Thread.currentThread();
    java.util.List<Thread> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Fixture watched =
        new Fixture(
            b ->
                b.customerStore(
                    new dev.passwordreset.api.CustomerStore() {
                      @Override
                      public java.util.Optional<CustomerAccount> findByEmail(String email) {
                        lookups.add(Thread.currentThread());
                        return java.util.Optional.empty();
                      }

                      @Override
                      public java.util.Optional<CustomerAccount> findById(CustomerId id) {
                        return java.util.Optional.empty();
                      }

                      @Override
                      public java.util.Optional<dev.passwordreset.api.StoredPassword> findPassword(
                          CustomerId id) {
                        return java.util.Optional.empty();
                      }

                      @Override
                      public boolean updatePassword(
                          CustomerId id, dev.passwordreset.api.StoredPassword p) {
                        return false;
                      }
                    }))) {
      watched.engine.requestReset("ann@example.com", CLIENT);
      watched.awaitEvent(ResetEventType.REQUEST_IGNORED);
    }
    assertThat(lookups).hasSize(1).doesNotContain(caller);
  }

  @Test
  void loginAndPasswordChangeCostOneVerificationWhetherTheAccountExistsOrNot() {
    RecordingHasher hasher = new RecordingHasher();
    try (Fixture f = new Fixture(b -> b.hasher(hasher))) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.customers.add(
          new CustomerAccount(CustomerId.of("d1"), "off@example.com", null, Locale.ENGLISH, false),
          StoredPassword.of(Fixture.FAST_HASHER.hash("Old-Passw0rd!".toCharArray())));
      f.customers.add(
          new CustomerAccount(CustomerId.of("n1"), "new@example.com", null, Locale.ENGLISH, true));
      Map<String, Runnable> calls = new LinkedHashMap<>();
      calls.put(
          "login, wrong password",
          () -> f.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT));
      calls.put(
          "login, unknown email",
          () -> f.engine.checkLogin("nobody@example.com", pw("Wrong-Passw0rd!"), CLIENT));
      calls.put(
          "login, disabled account",
          () -> f.engine.checkLogin("off@example.com", pw("Old-Passw0rd!"), CLIENT));
      calls.put(
          "login, no password yet",
          () -> f.engine.checkLogin("new@example.com", pw("Old-Passw0rd!"), CLIENT));
      calls.put(
          "change, wrong current password",
          () ->
              f.engine.changePassword(ann.id(), pw("Wrong-Passw0rd!"), pw("N3w-Secret!x"), CLIENT));
      calls.put(
          "change, unknown customer",
          () ->
              f.engine.changePassword(
                  CustomerId.of("ghost"), pw("Wrong-Passw0rd!"), pw("N3w-Secret!x"), CLIENT));
      calls.put(
          "change, no password yet",
          () ->
              f.engine.changePassword(
                  CustomerId.of("n1"), pw("Wrong-Passw0rd!"), pw("N3w-Secret!x"), CLIENT));

      calls.forEach(
          (name, call) -> {
            hasher.reset();
            call.run();
            assertThat(hasher.verifications()).as(name).isEqualTo(1);
          });
    }
  }

  @Test
  void anEmailOfTheLongestAllowedLengthGetsItsLinkAndALongerOneIsNotLookedUp() {
    String email = "a".repeat(320 - "@example.com".length()) + "@example.com";
    fx.customer("c1", email, "Old-Passw0rd!");

    fx.engine.requestReset(email, CLIENT);
    fx.mail.await(email, NotificationType.RESET_LINK);

    fx.engine.requestReset("a" + email, CLIENT);
    assertThat(fx.awaitEvent(ResetEventType.REQUEST_IGNORED).detail("reason"))
        .isEqualTo("unknown-email");
  }

  @Test
  void thePasswordFirstPolicyChecksTheTypedEmailUpToTheLongestAllowedLength() {
    String shortEmail = "ann@example.com";
    String longest = "ann+shop@" + "d".repeat(320 - "ann+shop@.example".length()) + ".example";
    assertThat(longest).hasSize(320);

    for (String email : List.of(shortEmail, longest)) {
      assertThat(fx.engine.requestResetWithPassword(email, pw("Ann-Secret-42!"), CLIENT))
          .as(email)
          .isInstanceOfSatisfying(
              PendingOutcome.Rejected.class,
              r ->
                  assertThat(r.violations())
                      .extracting(PolicyViolation::rule)
                      .containsExactly("email-local-part"));
    }
    // Too long to be anyone's email: there is no local part to compare with.
    assertThat(fx.engine.requestResetWithPassword("a" + longest, pw("Ann-Secret-42!"), CLIENT))
        .isEqualTo(new PendingOutcome.Accepted());
  }

  // Issue 14, item 6.
  @Test
  void aClientOverItsBadLinkLimitIsToldToWaitNotThatAGoodLinkIsInvalid() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String good = fx.requestToken("ann@example.com");
    for (int i = 0; i < 10; i++) {
      fx.engine.checkToken("bad-token-" + i, CLIENT);
    }

    TokenCheck check = fx.engine.checkToken(good, CLIENT);

    assertThat(check).isInstanceOf(TokenCheck.Throttled.class);
    Duration retryAfter = ((TokenCheck.Throttled) check).retryAfter();
    // Sliding windows (issue 14): a client at its limit waits at most a window and a quarter.
    assertThat(retryAfter)
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofMinutes(15).multipliedBy(5).dividedBy(4));
    ResetEvent throttled = fx.events(ResetEventType.CLIENT_THROTTLED).get(0);
    assertThat(throttled.detail("limit")).isEqualTo("bad-links");
    assertThat(throttled.clientAddress()).isEqualTo(CLIENT.clientAddress());
    assertThat(throttled.customerId()).isNull();
    // Another client, and this one after the window, see the link as it is.
    assertThat(fx.engine.checkToken(good, RequestContext.of("192.0.2.1")))
        .isInstanceOf(TokenCheck.Valid.class);
    fx.clock.advance(retryAfter);
    assertThat(fx.engine.checkToken(good, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
  }
}

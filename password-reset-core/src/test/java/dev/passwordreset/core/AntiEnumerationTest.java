package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.core.support.Fixture;
import java.time.Duration;
import java.util.Locale;
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
    assertThat(retryAfter).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(fx.events(ResetEventType.CLIENT_THROTTLED)).hasSize(1);
    assertThat(fx.engine.requestReset("someone@example.com", RequestContext.of("192.0.2.1")))
        .isEqualTo(new RequestOutcome.Accepted());
  }

  @Test
  void perClientThrottleEndsWithItsWindow() {
    for (int i = 0; i < 11; i++) {
      fx.engine.requestReset("someone@example.com", CLIENT);
    }
    fx.clock.advance(Duration.ofMinutes(1));

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
}

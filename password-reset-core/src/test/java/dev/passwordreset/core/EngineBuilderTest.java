package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Pbkdf2LegacyVerifier;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The builder: each setter validates at once, returns the builder, and takes effect. */
class EngineBuilderTest {

  private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

  @Test
  void everySetterReturnsTheBuilderItWasCalledOn() {
    PasswordResetEngine.Builder b = PasswordResetEngine.builder();
    List<Function<PasswordResetEngine.Builder, PasswordResetEngine.Builder>> setters =
        List.of(
            x -> x.customerStore(new InMemoryCustomerStore()),
            x -> x.ticketStore(new InMemoryTicketStore()),
            x -> x.notifier(new Mailbox()),
            x -> x.passwordPolicy(RuleBasedPasswordPolicy.nist()),
            x -> x.hasher(Fixture.FAST_HASHER),
            x -> x.legacyVerifier(new Pbkdf2LegacyVerifier()),
            x -> x.clock(Clock.systemUTC()),
            x -> x.listener(e -> {}),
            x -> x.humanVerifier((response, context) -> true),
            x -> x.settings(ResetSettings.defaults()),
            x -> x.settingsStore(new InMemorySettingsStore()),
            x -> x.settingsRefreshInterval(Duration.ofSeconds(1)),
            x -> x.throttleStore(new InMemoryThrottleStore()),
            x -> x.linkTemplate(Fixture.LINK),
            x -> x.linkTemplate("b2b", Fixture.B2B_LINK),
            x -> x.maxPasswordLength(64),
            x -> x.accountRequestLimit(ThrottleLimit.of(1, FIFTEEN_MINUTES)),
            x -> x.clientRequestLimit(ThrottleLimit.of(1, FIFTEEN_MINUTES)),
            x -> x.clientBadTokenLimit(ThrottleLimit.of(1, FIFTEEN_MINUTES)),
            x -> x.accountLoginLimit(ThrottleLimit.of(1, FIFTEEN_MINUTES)),
            x -> x.clientLoginLimit(ThrottleLimit.of(1, FIFTEEN_MINUTES)),
            x -> x.deliveryOptions(DeliveryOptions.defaults()),
            x -> x.deliveryAttempts(2),
            x -> x.deliveryBackoff(Duration.ofMillis(10), Duration.ofMillis(20)),
            x -> x.notificationExecutor(Runnable::run),
            x -> x.secureRandom(new SecureRandom()));
    for (int i = 0; i < setters.size(); i++) {
      assertThat(setters.get(i).apply(b)).as("setter #%d", i).isSameAs(b);
    }
    try (PasswordResetEngine engine = b.build()) {
      assertThat(engine.settings()).isEqualTo(ResetSettings.defaults());
    }
  }

  @Test
  void nullsAreRefusedAtOnceWithTheSettingsName() {
    PasswordResetEngine.Builder b = PasswordResetEngine.builder();
    assertNullRefused(() -> b.customerStore(null), "customerStore");
    assertNullRefused(() -> b.ticketStore(null), "ticketStore");
    assertNullRefused(() -> b.notifier(null), "notifier");
    assertNullRefused(() -> b.passwordPolicy(null), "passwordPolicy");
    assertNullRefused(() -> b.hasher(null), "hasher");
    assertNullRefused(() -> b.legacyVerifier(null), "legacyVerifier");
    assertNullRefused(() -> b.clock(null), "clock");
    assertNullRefused(() -> b.listener(null), "listener");
    assertNullRefused(() -> b.humanVerifier(null), "humanVerifier");
    assertNullRefused(() -> b.settings(null), "settings");
    assertNullRefused(() -> b.settingsStore(null), "settingsStore");
    assertNullRefused(() -> b.settingsRefreshInterval(null), "settingsRefreshInterval");
    assertNullRefused(() -> b.throttleStore(null), "throttleStore");
    assertNullRefused(() -> b.linkTemplate(null, Fixture.B2B_LINK), "storefront");
    assertNullRefused(() -> b.accountRequestLimit(null), "accountRequestLimit");
    assertNullRefused(() -> b.clientRequestLimit(null), "clientRequestLimit");
    assertNullRefused(() -> b.clientBadTokenLimit(null), "clientBadTokenLimit");
    assertNullRefused(() -> b.accountLoginLimit(null), "accountLoginLimit");
    assertNullRefused(() -> b.clientLoginLimit(null), "clientLoginLimit");
    assertNullRefused(() -> b.deliveryOptions(null), "deliveryOptions");
    assertNullRefused(() -> b.notificationExecutor(null), "notificationExecutor");
    assertNullRefused(() -> b.secureRandom(null), "secureRandom");
  }

  private static void assertNullRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
    assertThatThrownBy(call)
        .isInstanceOf(NullPointerException.class)
        .hasMessage(name + " must not be null");
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheValue() {
    PasswordResetEngine.Builder b = PasswordResetEngine.builder();
    assertThatThrownBy(() -> b.maxPasswordLength(15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPasswordLength must be between 16 and 4096, was 15");
    assertThatThrownBy(() -> b.maxPasswordLength(4097))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPasswordLength must be between 16 and 4096, was 4097");
    assertThatThrownBy(() -> b.settingsRefreshInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("settingsRefreshInterval must be between 0 and 10 minutes, was PT-0.001S");
    assertThatThrownBy(() -> b.settingsRefreshInterval(Duration.ofMinutes(10).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("settingsRefreshInterval must be between 0 and 10 minutes, was PT10M0.001S");
    assertThatThrownBy(() -> b.deliveryAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be between 1 and 20, was 0");
    assertThatThrownBy(() -> b.linkTemplate(" ", Fixture.B2B_LINK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storefront must not be blank");

    // The bounds themselves are accepted.
    b.maxPasswordLength(16).maxPasswordLength(4096);
    b.settingsRefreshInterval(Duration.ZERO).settingsRefreshInterval(Duration.ofMinutes(10));
  }

  @Test
  void accountRequestLimitSetsHowManyLinksAnAccountGetsSilently() {
    try (Fixture f =
        new Fixture(b -> b.accountRequestLimit(ThrottleLimit.of(1, FIFTEEN_MINUTES)))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.requestToken("ann@example.com");

      assertThat(f.engine.requestReset("ann@example.com", RequestContext.of("192.0.2.1")))
          .isEqualTo(new RequestOutcome.Accepted());

      assertThat(f.awaitEvent(ResetEventType.REQUEST_IGNORED).detail("reason"))
          .isEqualTo("account-throttled");
      f.clock.advance(FIFTEEN_MINUTES);
      f.requestToken("ann@example.com");
    }
  }

  @Test
  void clientRequestLimitSetsHowManyRequestsAnAddressMakes() {
    try (Fixture f = new Fixture(b -> b.clientRequestLimit(ThrottleLimit.of(2, FIFTEEN_MINUTES)))) {
      f.engine.requestReset("a@example.com", CLIENT);
      f.engine.requestResetWithPassword("b@example.com", pw("N3w-Secret!x"), CLIENT);

      assertThat(f.engine.requestReset("c@example.com", CLIENT))
          .isInstanceOf(RequestOutcome.Throttled.class);
      assertThat(f.engine.requestResetWithPassword("c@example.com", pw("N3w-Secret!x"), CLIENT))
          .isInstanceOf(PendingOutcome.Throttled.class);
      f.clock.advance(FIFTEEN_MINUTES);
      assertThat(f.engine.requestReset("c@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
    }
  }

  @Test
  void clientBadTokenLimitSetsHowManyGuessesAnAddressMakes() {
    try (Fixture f =
        new Fixture(b -> b.clientBadTokenLimit(ThrottleLimit.of(2, FIFTEEN_MINUTES)))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      String token = f.requestToken("ann@example.com");
      f.engine.checkToken(Tokens.create().newToken(), CLIENT);
      assertThat(f.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
      f.engine.confirmReset(Tokens.create().newToken(), pw("N3w-Secret!x"), CLIENT);

      // The limit is reached: even a real link gets nothing more from this address.
      assertThat(f.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Throttled.class);
      assertThat(f.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
          .isInstanceOf(ResetOutcome.Throttled.class);
      assertThat(f.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT))
          .isInstanceOf(ResetOutcome.Throttled.class);
      assertThat(f.engine.checkToken(token, RequestContext.of("192.0.2.1")))
          .isInstanceOf(TokenCheck.Valid.class);
    }
  }

  @Test
  void loginLimitsSetHowManyFailuresAnAccountAndAnAddressGet() {
    try (Fixture f =
        new Fixture(
            b ->
                b.accountLoginLimit(ThrottleLimit.of(2, FIFTEEN_MINUTES))
                    .clientLoginLimit(ThrottleLimit.of(3, FIFTEEN_MINUTES)))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.customer("c2", "bob@example.com", "Old-Passw0rd!");
      f.engine.checkLogin("ann@example.com", pw("Wrong-1"), RequestContext.of("192.0.2.1"));
      f.engine.checkLogin("ann@example.com", pw("Wrong-2"), RequestContext.of("192.0.2.2"));
      assertThat(f.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);

      for (int i = 0; i < 3; i++) {
        f.engine.checkLogin("user" + i + "@example.com", pw("Wrong-1"), CLIENT);
      }
      assertThat(f.engine.checkLogin("bob@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);
      assertThat(
              f.engine.checkLogin(
                  "bob@example.com", pw("Old-Passw0rd!"), RequestContext.of("192.0.2.3")))
          .isInstanceOf(LoginCheck.Valid.class);
    }
  }

  @Test
  void aSharedThrottleStoreCountsFailuresOnEveryNode() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryThrottleStore shared = new InMemoryThrottleStore();
    try (Fixture node1 = new Fixture(b -> b.clock(clock).throttleStore(shared));
        Fixture node2 = new Fixture(b -> b.clock(clock).throttleStore(shared))) {
      for (int i = 0; i < 10; i++) {
        node1.engine.checkLogin("ann@example.com", pw("Wrong-" + i), RequestContext.of("10.0.0.1"));
      }

      assertThat(node2.engine.checkLogin("ann@example.com", pw("Wrong-x"), CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);
    }
  }

  @Test
  void deliveryAttemptsSetHowOftenASelfServiceEmailIsTried() {
    FailingNotifier smtpDown = new FailingNotifier(() -> new IllegalStateException("SMTP down"));
    try (Fixture f = new Fixture(b -> b.notifier(smtpDown).deliveryAttempts(2))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.engine.requestReset("ann@example.com", CLIENT);

      assertThat(f.awaitEvent(ResetEventType.DELIVERY_FAILED).detail("attempts")).isEqualTo("2");
      assertThat(smtpDown.tried()).hasSize(2);
    }
  }

  @Test
  void deliveryOptionsAreUsedAsGiven() {
    FailingNotifier smtpDown = new FailingNotifier(() -> new IllegalStateException("SMTP down"));
    DeliveryOptions options =
        DeliveryOptions.defaults()
            .withAttempts(3)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
    try (Fixture f = new Fixture(b -> b.notifier(smtpDown).deliveryOptions(options))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.engine.requestReset("ann@example.com", CLIENT);

      assertThat(f.awaitEvent(ResetEventType.DELIVERY_FAILED).detail("attempts")).isEqualTo("3");
      assertThat(smtpDown.tried()).hasSize(3);
    }
  }

  @Test
  void theHostsExecutorRunsTheSelfServiceWorkAndIsLeftRunningOnClose() throws Exception {
    List<Runnable> ran = new CopyOnWriteArrayList<>();
    ExecutorService hosts = Executors.newSingleThreadExecutor();
    try {
      Executor recording =
          task -> {
            ran.add(task);
            hosts.execute(task);
          };
      try (Fixture f = new Fixture(b -> b.notificationExecutor(recording))) {
        f.customer("c1", "ann@example.com", "Old-Passw0rd!");
        f.requestToken("ann@example.com");
        assertThat(ran).isNotEmpty();
      }
      assertThat(hosts.isShutdown()).isFalse();
      assertThat(hosts.submit(() -> "still running").get()).isEqualTo("still running");
    } finally {
      hosts.shutdownNow();
    }
  }

  @Test
  void theGivenSecureRandomMakesTheTokens() {
    AtomicInteger draws = new AtomicInteger();
    SecureRandom counting =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            draws.incrementAndGet();
            super.nextBytes(bytes);
          }
        };
    try (Fixture f = new Fixture(b -> b.secureRandom(counting))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      f.requestToken("ann@example.com");
      assertThat(draws).hasValue(1);
      f.engine.sendResetEmail(CustomerId.of("c1"), AgentContext.of("a"));
      assertThat(draws).hasValue(2);
    }
  }

  @Test
  void theInitialSettingsApplyUntilAnAdministratorSavesOthers() {
    try (Fixture f =
        new Fixture(b -> b.settings(ResetSettings.defaults().withSignInAfterReset(false)))) {
      f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      String token = f.requestToken("ann@example.com");

      assertThat(f.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
          .isInstanceOfSatisfying(
              ResetOutcome.Completed.class, c -> assertThat(c.signIn()).isFalse());
    }
  }

  @Test
  void aCaptchaCheckAppliesToBothKindsOfSelfServiceRequest() {
    try (Fixture f =
        new Fixture(b -> b.humanVerifier((response, ctx) -> "human".equals(response)))) {
      assertThat(f.engine.requestReset("ann@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.CaptchaFailed());
      assertThat(f.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new PendingOutcome.CaptchaFailed());
      assertThat(
              f.engine.requestResetWithPassword(
                  "ann@example.com", pw("N3w-Secret!x"), CLIENT.withCaptchaResponse("human")))
          .isEqualTo(new PendingOutcome.Accepted());
      assertThat(f.events(ResetEventType.CAPTCHA_FAILED)).hasSize(2);
    }
  }

  @Test
  void everyLegacyVerifierAddedIsConsulted() {
    try (Fixture f =
        new Fixture(
            b ->
                b.legacyVerifier(new Pbkdf2LegacyVerifier()).legacyVerifier(LegacyHashes.SHA256))) {
      var ann = f.customer("c1", "ann@example.com", "Unused-Pw-1!");
      f.customers.updatePassword(ann.id(), StoredPassword.of(LegacyHashes.sha256("Legacy-Pw-1!")));

      assertThat(f.engine.checkLogin("ann@example.com", pw("Legacy-Pw-1!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
    }
  }
}

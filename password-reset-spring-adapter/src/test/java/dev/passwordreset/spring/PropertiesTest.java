package dev.passwordreset.spring;

import static dev.passwordreset.spring.TestApp.CLIENT;
import static dev.passwordreset.spring.TestApp.JANE;
import static dev.passwordreset.spring.TestApp.JANE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.PasswordRule;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.testkit.RecordingNotifier;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The properties reach the engine, its hasher and its policy. */
class PropertiesTest {
  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void passwordsAreSecrets() {
    SecretWatchExtension.secret("Agent-Typed-Passw0rd!");
    SecretWatchExtension.secret("Tmp-Passw0rd!x");
    SecretWatchExtension.secret("alllowercaseletters");
  }

  @Test
  void allowManualEntryTrueLetsAnAgentSetAPassword() {
    TestApp.runner()
        .withPropertyValues("password-reset.allow-manual-entry=true")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(PasswordResetService.class)
                            .setPassword(
                                JANE,
                                "Agent-Typed-Passw0rd!".toCharArray(),
                                false,
                                AgentContext.of("agent-7")))
                    .isInstanceOf(ManualEntryOutcome.PasswordSet.class));
  }

  @Test
  void manualEntryIsRefusedByDefault() {
    TestApp.runner()
        .run(
            context ->
                assertThat(
                        context
                            .getBean(PasswordResetService.class)
                            .setPassword(
                                JANE,
                                "Agent-Typed-Passw0rd!".toCharArray(),
                                false,
                                AgentContext.of("agent-7")))
                    .isInstanceOf(ManualEntryOutcome.ManualEntryDisabled.class));
  }

  @Test
  void plainNumberForTicketExpirationDelayMeansMinutes() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.ticket-expiration-delay=90", "password-reset.allow-manual-entry=true")
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              assertThat(service.settings().ticketExpirationDelay())
                  .isEqualTo(Duration.ofMinutes(90));
              assertThat(
                      service.setPassword(
                          JANE, "Tmp-Passw0rd!x".toCharArray(), true, AgentContext.of("agent-7")))
                  .isEqualTo(new ManualEntryOutcome.PasswordSet(T0.plus(Duration.ofMinutes(90))));
            });
  }

  @Test
  void settingsPropertiesBecomeTheInitialSettings() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.sign-in-after-reset=false",
            "password-reset.link-lifetime.self-service=45",
            "password-reset.link-lifetime.agent=2h",
            "password-reset.link-lifetime.account-setup=7d")
        .run(
            context ->
                assertThat(context.getBean(PasswordResetService.class).settings())
                    .isEqualTo(
                        new ResetSettings(
                            false,
                            Duration.ofMinutes(60),
                            Duration.ofMinutes(45),
                            Duration.ofHours(2),
                            Duration.ofDays(7),
                            false)));
  }

  @Test
  void storefrontLinkTemplateAndSelfServiceLifetimeShapeTheEmailedLink() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.storefronts.b2b.link-template=https://pro.shop.example/reset?t={token}",
            "password-reset.link-lifetime.self-service=45")
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              context
                  .getBean(PasswordResetService.class)
                  .requestReset(JANE_EMAIL, CLIENT.withStorefront("b2b"));
              Notification sent =
                  context
                      .getBean(RecordingNotifier.class)
                      .awaitNotificationTo(JANE_EMAIL, NotificationType.RESET_LINK, WAIT);
              assertThat(sent.link()).startsWith("https://pro.shop.example/reset?t=");
              assertThat(sent.linkExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(45)));
            });
  }

  @Test
  void policyPresetAndRuleOverridesReachThePolicy() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.policy.preset=nist",
            "password-reset.policy.min-length=14",
            "password-reset.policy.require-digit=true")
        .run(
            context -> {
              RuleBasedPasswordPolicy policy =
                  (RuleBasedPasswordPolicy) context.getBean(PasswordPolicy.class);
              assertThat(policy.minLength()).isEqualTo(14);
              assertThat(policy.rules())
                  .extracting(PasswordRule::id)
                  .contains("digit", "common-password")
                  .doesNotContain("uppercase", "special");
            });
  }

  @Test
  void defaultPolicyRejectsAPasswordWithoutComposition() {
    TestApp.runner()
        .withPropertyValues("password-reset.allow-manual-entry=true")
        .run(
            context -> {
              ManualEntryOutcome outcome =
                  context
                      .getBean(PasswordResetService.class)
                      .setPassword(
                          JANE, "alllowercaseletters".toCharArray(), false, AgentContext.of("a"));
              assertThat(outcome).isInstanceOf(ManualEntryOutcome.Rejected.class);
              assertThat(((ManualEntryOutcome.Rejected) outcome).violations())
                  .extracting(PolicyViolation::rule)
                  .contains("uppercase", "digit", "special");
            });
  }

  @Test
  void hashingPropertiesReachTheHasher() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.hashing.memory-kib=128",
            "password-reset.hashing.iterations=3",
            "password-reset.hashing.max-concurrent-hashes=7")
        .run(
            context -> {
              Argon2PasswordHasher hasher = context.getBean(Argon2PasswordHasher.class);
              assertThat(hasher.memoryKiB()).isEqualTo(128);
              assertThat(hasher.iterations()).isEqualTo(3);
              assertThat(hasher.maxConcurrentHashes()).isEqualTo(7);
            });
  }

  @Test
  void clientRequestLimitThrottlesTheThirdRequest() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.throttle.client-requests.count=2",
            "password-reset.throttle.client-requests.window=10")
        // A fixed clock at the start of a 10-minute window: no window boundary between the
        // requests.
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              service.requestReset("a@shop.example", CLIENT);
              service.requestReset("b@shop.example", CLIENT);
              RequestOutcome third = service.requestReset("c@shop.example", CLIENT);
              assertThat(third).isInstanceOf(RequestOutcome.Throttled.class);
              assertThat(((RequestOutcome.Throttled) third).retryAfter())
                  // The 10-minute window, and the rest of the first request's slice: a sliding
                  // window in four slices (core's Throttle) waits up to a quarter window more.
                  .isEqualTo(Duration.ofMinutes(10).plus(Duration.ofMinutes(10).dividedBy(4)));
            });
  }

  @Test
  void loginProtectionPropertiesReachTheEngine() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.login-protection.free-failures=1",
            "password-reset.login-protection.first-delay=90",
            "password-reset.throttle.client-ipv6-prefix-length=48")
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              service.checkLogin("a@shop.example", "Wrong-1".toCharArray(), CLIENT);
              service.checkLogin("a@shop.example", "Wrong-2".toCharArray(), CLIENT);
              LoginCheck third =
                  service.checkLogin("a@shop.example", "Wrong-3".toCharArray(), CLIENT);
              assertThat(third).isInstanceOf(LoginCheck.Throttled.class);
              assertThat(((LoginCheck.Throttled) third).retryAfter())
                  .isBetween(Duration.ofSeconds(90), Duration.ofMillis(112_500));
            });
  }

  @Test
  void resetCodePropertiesShapeTheEmailedCodeItsLifetimeAndItsTries() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.code.length=6",
            "password-reset.code.lifetime=5",
            "password-reset.code.max-attempts=2")
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              assertThat(service.requestResetCode(JANE_EMAIL, CLIENT))
                  .isInstanceOf(RequestOutcome.Accepted.class);
              Notification sent =
                  context
                      .getBean(RecordingNotifier.class)
                      .awaitNotificationTo(JANE_EMAIL, NotificationType.RESET_CODE, WAIT);
              String code = sent.code();
              assertThat(code).isNotNull();
              SecretWatchExtension.secret(code);
              String digits = code.replaceAll("[^0-9]", "");
              assertThat(digits).hasSize(6);
              // Plain numbers are minutes.
              assertThat(sent.linkExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));

              String wrong = String.format("%06d", (Integer.parseInt(digits) + 1) % 1_000_000);
              for (int i = 0; i < 2; i++) {
                assertThat(
                        service.completeResetWithCode(
                            JANE_EMAIL, wrong, "N3w-Passw0rd!x".toCharArray(), CLIENT))
                    .isInstanceOf(ResetOutcome.InvalidCode.class);
              }
              // The second wrong try was the last one allowed: the right code is dead now.
              assertThat(
                      service.completeResetWithCode(
                          JANE_EMAIL, code, "N3w-Passw0rd!x".toCharArray(), CLIENT))
                  .isInstanceOf(ResetOutcome.InvalidCode.class);
            });
  }

  /**
   * The secret's UTF-8 bytes are the key codes are hashed under: two nodes sharing the ticket store
   * and configured with the same secret read each other's codes, a node with another secret does
   * not.
   */
  @Test
  void codeSecretIsTheKeyTheCodesAreStoredUnder() {
    String secret = "shared-Secret-of-the-two-nodes-0123456789";
    String other = "another-Secret-of-a-third-node-0123456789";
    SecretWatchExtension.secret(secret);
    SecretWatchExtension.secret(other);
    InMemoryTicketStore shared = new InMemoryTicketStore();
    AtomicReference<String> code = new AtomicReference<>();

    node(shared, secret)
        .run(
            context -> {
              context.getBean(PasswordResetService.class).requestResetCode(JANE_EMAIL, CLIENT);
              String sent =
                  context
                      .getBean(RecordingNotifier.class)
                      .awaitNotificationTo(JANE_EMAIL, NotificationType.RESET_CODE, WAIT)
                      .code();
              SecretWatchExtension.secret(sent);
              code.set(sent);
            });
    node(shared, other)
        .run(
            context ->
                assertThat(
                        context
                            .getBean(PasswordResetService.class)
                            .completeResetWithCode(
                                JANE_EMAIL, code.get(), "N3w-Passw0rd!x".toCharArray(), CLIENT))
                    .isInstanceOf(ResetOutcome.InvalidCode.class));
    node(shared, secret)
        .run(
            context ->
                assertThat(
                        context
                            .getBean(PasswordResetService.class)
                            .completeResetWithCode(
                                JANE_EMAIL, code.get(), "N3w-Passw0rd!x".toCharArray(), CLIENT))
                    .isInstanceOf(ResetOutcome.Completed.class));
  }

  private static org.springframework.boot.test.context.runner.ApplicationContextRunner node(
      InMemoryTicketStore tickets, String secret) {
    return TestApp.runner()
        .withBean(TicketStore.class, () -> tickets)
        .withPropertyValues("password-reset.code.secret=" + secret);
  }

  @Test
  void unsetPropertiesLeaveCoresDefaults() {
    PasswordResetProperties unset = new PasswordResetProperties();

    assertThat(PropertiesToEngine.settings(unset)).isEqualTo(ResetSettings.defaults());
    assertThat(PropertiesToEngine.delivery(unset.getDelivery()))
        .isEqualTo(DeliveryOptions.defaults());
    assertThat(PropertiesToEngine.policy(unset.getPolicy()))
        .hasToString(RuleBasedPasswordPolicy.defaults().toString());
    Argon2PasswordHasher hasher = PropertiesToEngine.hasher(unset.getHashing());
    assertThat(hasher.memoryKiB()).isEqualTo(Argon2PasswordHasher.DEFAULT_MEMORY_KIB);
    assertThat(hasher.iterations()).isEqualTo(Argon2PasswordHasher.DEFAULT_ITERATIONS);
    assertThat(hasher.parallelism()).isEqualTo(Argon2PasswordHasher.DEFAULT_PARALLELISM);
    assertThat(hasher.saltLength()).isEqualTo(Argon2PasswordHasher.DEFAULT_SALT_LENGTH);
    assertThat(hasher.hashLength()).isEqualTo(Argon2PasswordHasher.DEFAULT_HASH_LENGTH);
    assertThat(
            PropertiesToEngine.limit(
                "throttle.client-requests",
                unset.getThrottle().getClientRequests(),
                EngineDefaults.CLIENT_REQUEST_LIMIT))
        .as("an unset limit is not handed to the engine")
        .isNull();
    assertThat(PropertiesToEngine.purgeInterval(unset.getPurge()))
        .isEqualTo(EngineDefaults.PURGE_INTERVAL);
    assertThat(PropertiesToEngine.resetCodes(unset.getCode()))
        .as("unset code properties are not handed to the engine")
        .isNull();
  }

  @Test
  void aResetCodePartNotSetKeepsCoresDefault() {
    PasswordResetProperties.Code code = new PasswordResetProperties.Code();
    code.setMaxAttempts(3);

    assertThat(PropertiesToEngine.resetCodes(code))
        .isEqualTo(
            new dev.passwordreset.core.ResetCodes(
                EngineDefaults.RESET_CODE_LENGTH, EngineDefaults.RESET_CODE_LIFETIME, 3));
  }

  @Test
  void theCodePropertiesNeverPrintTheSecret() {
    PasswordResetProperties.Code code = new PasswordResetProperties.Code();
    code.setSecret("shared-Secret-of-the-two-nodes-0123456789");

    assertThat(code.toString()).doesNotContain("shared-Secret").contains("redacted");
  }

  @Test
  void unsetSettingsPropertiesGiveTheEngineCoresDefaultSettings() {
    TestApp.runner()
        .run(
            context ->
                assertThat(context.getBean(PasswordResetService.class).settings())
                    .isEqualTo(ResetSettings.defaults()));
  }

  @Test
  void unsetClientRequestLimitIsCoresDefault() {
    TestApp.runner()
        // A fixed clock: no window boundary can fall between the requests.
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              int allowed = EngineDefaults.CLIENT_REQUEST_LIMIT.count();
              for (int i = 0; i < allowed; i++) {
                assertThat(service.requestReset("c" + i + "@shop.example", CLIENT))
                    .isInstanceOf(RequestOutcome.Accepted.class);
              }
              assertThat(service.requestReset("next@shop.example", CLIENT))
                  .isInstanceOf(RequestOutcome.Throttled.class);
            });
  }

  @Test
  void aLimitWithOnlyItsWindowSetKeepsCoresCount() {
    TestApp.runner()
        .withPropertyValues("password-reset.throttle.client-requests.window=10")
        // A fixed clock at the start of a 10-minute window: the retry time is the whole window, so
        // it shows which window is in force (the system clock could be a second before its end).
        .withBean(PasswordResetEngineCustomizer.class, PropertiesTest::clockAtT0)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              for (int i = 0; i < EngineDefaults.CLIENT_REQUEST_LIMIT.count(); i++) {
                service.requestReset("c" + i + "@shop.example", CLIENT);
              }
              RequestOutcome next = service.requestReset("next@shop.example", CLIENT);
              assertThat(next).isInstanceOf(RequestOutcome.Throttled.class);
              // The 10-minute window and a quarter more (sliding windows in four slices).
              assertThat(((RequestOutcome.Throttled) next).retryAfter())
                  .isEqualTo(Duration.ofMinutes(10).plus(Duration.ofMinutes(10).dividedBy(4)))
                  .isNotEqualTo(
                      EngineDefaults.CLIENT_REQUEST_LIMIT
                          .window()
                          .plus(EngineDefaults.CLIENT_REQUEST_LIMIT.window().dividedBy(4)));
            });
  }

  @Test
  void unsetMaxPasswordLengthIsCoresDefault() {
    int max = EngineDefaults.MAX_PASSWORD_LENGTH;
    String longest = "Aa1!" + "x".repeat(max - 4);
    String tooLong = longest + "y";
    SecretWatchExtension.secret(longest);
    SecretWatchExtension.secret(tooLong);
    TestApp.runner()
        .withPropertyValues(
            "password-reset.allow-manual-entry=true",
            // The policy's own bound out of the way: only the engine's applies.
            "password-reset.policy.max-length=1024")
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              assertThat(
                      service.setPassword(
                          JANE, longest.toCharArray(), false, AgentContext.of("agent-7")))
                  .isInstanceOf(ManualEntryOutcome.PasswordSet.class);
              ManualEntryOutcome outcome =
                  service.setPassword(
                      JANE, tooLong.toCharArray(), false, AgentContext.of("agent-7"));
              assertThat(outcome).isInstanceOf(ManualEntryOutcome.Rejected.class);
              assertThat(((ManualEntryOutcome.Rejected) outcome).violations())
                  .extracting(PolicyViolation::rule)
                  .containsExactly("max-length");
            });
  }

  /** The engine on a clock standing still at {@link #T0}, the start of a 10-minute window. */
  private static PasswordResetEngineCustomizer clockAtT0() {
    return builder -> builder.clock(Clock.fixed(T0, ZoneOffset.UTC));
  }
}

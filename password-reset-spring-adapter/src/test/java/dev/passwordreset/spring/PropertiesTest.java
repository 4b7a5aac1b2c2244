package dev.passwordreset.spring;

import static dev.passwordreset.spring.TestApp.CLIENT;
import static dev.passwordreset.spring.TestApp.JANE;
import static dev.passwordreset.spring.TestApp.JANE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.PasswordRule;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.testkit.RecordingNotifier;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
        .withBean(
            PasswordResetEngineCustomizer.class,
            () -> builder -> builder.clock(Clock.fixed(T0, ZoneOffset.UTC)))
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
        .withBean(
            PasswordResetEngineCustomizer.class,
            () -> builder -> builder.clock(Clock.fixed(T0, ZoneOffset.UTC)))
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
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              service.requestReset("a@shop.example", CLIENT);
              service.requestReset("b@shop.example", CLIENT);
              RequestOutcome third = service.requestReset("c@shop.example", CLIENT);
              assertThat(third).isInstanceOf(RequestOutcome.Throttled.class);
              assertThat(((RequestOutcome.Throttled) third).retryAfter())
                  .isPositive()
                  .isLessThanOrEqualTo(Duration.ofMinutes(10));
            });
  }
}

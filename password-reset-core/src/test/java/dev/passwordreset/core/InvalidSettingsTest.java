package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A bad value is reported with its parts (setting, value, requirement), so that an adapter can name
 * its own property for it without reading the message.
 */
class InvalidSettingsTest {

  @Test
  void engineBuilderWhenOutOfRangeThenSettingValueAndRequirement() {
    InvalidSettingException e =
        catchThrowableOfType(
            InvalidSettingException.class,
            () -> PasswordResetEngine.builder().maxPasswordLength(5));
    assertThat(e.setting()).isEqualTo("maxPasswordLength");
    assertThat(e.value()).isEqualTo("5");
    assertThat(e.requirement()).isEqualTo("must be between 16 and 4096");
    assertThat(e).hasMessage("maxPasswordLength must be between 16 and 4096, was 5");

    e =
        catchThrowableOfType(
            InvalidSettingException.class,
            () -> PasswordResetEngine.builder().settingsRefreshInterval(Duration.ofMinutes(11)));
    assertThat(e.setting()).isEqualTo("settingsRefreshInterval");
    assertThat(e.value()).isEqualTo("PT11M");
  }

  @Test
  void linkTemplateWhenBlankThenNoValueShown() {
    InvalidSettingException e =
        catchThrowableOfType(
            InvalidSettingException.class, () -> PasswordResetEngine.builder().linkTemplate(" "));
    assertThat(e.setting()).isEqualTo("linkTemplate");
    assertThat(e.value()).isNull();
    assertThat(e).hasMessage("linkTemplate must not be blank");
  }

  @Test
  void everyPartOfCoreReportsTheSameWay() {
    assertThat(
            catchThrowableOfType(
                    InvalidSettingException.class, () -> ThrottleLimit.of(0, Duration.ofMinutes(1)))
                .setting())
        .isEqualTo("count");
    assertThat(
            catchThrowableOfType(
                    InvalidSettingException.class, () -> ThrottleLimit.of(1, Duration.ZERO))
                .setting())
        .isEqualTo("window");
    assertThat(
            catchThrowableOfType(
                    InvalidSettingException.class, () -> DeliveryOptions.defaults().withThreads(0))
                .setting())
        .isEqualTo("threads");
    assertThat(
            catchThrowableOfType(
                    InvalidSettingException.class,
                    () -> Argon2PasswordHasher.builder().iterations(0))
                .setting())
        .isEqualTo("iterations");
    assertThat(
            catchThrowableOfType(
                    InvalidSettingException.class,
                    () -> RuleBasedPasswordPolicy.builder().minLength(0))
                .setting())
        .isEqualTo("minLength");
    assertThat(
            catchThrowableOfType(
                    InvalidSettingException.class,
                    () -> ResetSettings.defaults().withTicketExpirationDelay(Duration.ZERO))
                .setting())
        .isEqualTo("ticketExpirationDelay");
  }

  @Test
  void purgeIntervalBelowOneSecondIsRejected() {
    assertThat(EngineDefaults.checkPurgeInterval(Duration.ofSeconds(1))).hasSeconds(1);
    InvalidSettingException e =
        catchThrowableOfType(
            InvalidSettingException.class,
            () -> EngineDefaults.checkPurgeInterval(Duration.ofMillis(999)));
    assertThat(e.setting()).isEqualTo("purgeInterval");
    assertThat(e.value()).isEqualTo("PT0.999S");
  }
}

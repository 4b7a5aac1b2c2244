package dev.passwordreset.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.PasswordResetEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginProtectionSettingsTest {

  @Test
  void theDefaultsAreNistsBoundWithFreeFailuresThenDoublingWaits() {
    LoginProtection d = LoginProtection.defaults();
    assertThat(d)
        .isEqualTo(new LoginProtection(5, Duration.ofSeconds(1), Duration.ofMinutes(15), 100));
    assertThat(d.delayAfter(5)).isZero();
    assertThat(d.delayAfter(6)).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.delayAfter(7)).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.delayAfter(15)).isEqualTo(Duration.ofSeconds(512));
    assertThat(d.delayAfter(16)).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.delayAfter(99)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theLockoutThresholdNeverExceedsNistsHundred() {
    assertThatThrownBy(() -> LoginProtection.defaults().withLockoutThreshold(101))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).setting())
        .isEqualTo("lockoutThreshold");
    assertThatThrownBy(() -> LoginProtection.defaults().withLockoutThreshold(0))
        .isInstanceOf(InvalidSettingException.class);
    assertThat(LoginProtection.defaults().withLockoutThreshold(3).freeFailures()).isEqualTo(3);
  }

  @Test
  void outOfRangePartsAreNamed() {
    assertThatThrownBy(() -> LoginProtection.defaults().withFreeFailures(-1))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).setting())
        .isEqualTo("freeFailures");
    assertThatThrownBy(
            () ->
                LoginProtection.defaults()
                    .withDelays(Duration.ofMillis(999), Duration.ofMinutes(1)))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).setting())
        .isEqualTo("firstDelay");
    assertThatThrownBy(
            () ->
                LoginProtection.defaults().withDelays(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).setting())
        .isEqualTo("maxDelay");
    assertThatThrownBy(
            () -> LoginProtection.defaults().withDelays(Duration.ofSeconds(1), Duration.ofDays(2)))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).setting())
        .isEqualTo("maxDelay");
  }

  @Test
  void theIpv6PrefixLengthIsCheckedAgainstItsRange() {
    PasswordResetEngine.Builder b = PasswordResetEngine.builder();
    b.clientIpv6PrefixLength(EngineDefaults.CLIENT_IPV6_PREFIX_LENGTH_MIN)
        .clientIpv6PrefixLength(EngineDefaults.CLIENT_IPV6_PREFIX_LENGTH_MAX);
    assertThatThrownBy(() -> b.clientIpv6PrefixLength(31))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).setting())
        .isEqualTo("clientIpv6PrefixLength");
    assertThatThrownBy(() -> b.clientIpv6PrefixLength(129))
        .isInstanceOf(InvalidSettingException.class);
  }
}

package dev.passwordreset.core.throttle;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.core.EngineDefaults;
import java.time.Duration;
import java.util.Objects;

/**
 * How an account is protected from password guessing (after NIST SP 800-63B 5.2.2): the engine
 * counts the <b>consecutive</b> failed logins of each account (by email, known or not, on every
 * node that shares the throttle store); only a successful login or a completed password change or
 * reset clears the count. The first {@code freeFailures} failures cost nothing; after each further
 * one the next attempt must wait, {@code firstDelay} doubling up to {@code maxDelay} (answered
 * {@code LoginCheck.Throttled} with the wait); at {@code lockoutThreshold} failures password login
 * for the account stops ({@code LoginCheck.Locked}) until a reset completes. A reset is never
 * refused for it, so no stranger can keep the owner from a reset.
 *
 * <p>Defaults and ranges are {@link EngineDefaults}' {@code LOGIN_*} constants. Immutable.
 *
 * @param freeFailures failures that cost no delay; 0 to {@code lockoutThreshold}
 * @param firstDelay the wait after the first failure beyond the free ones; 1 second to 1 hour
 * @param maxDelay the longest wait; {@code firstDelay} to 1 day
 * @param lockoutThreshold consecutive failures at which password login stops; 1 to 100 (NIST's
 *     bound)
 */
public record LoginProtection(
    int freeFailures, Duration firstDelay, Duration maxDelay, int lockoutThreshold) {

  /**
   * Creates the protection.
   *
   * @param freeFailures failures that cost no delay; 0 to {@code lockoutThreshold}
   * @param firstDelay the wait after the first failure beyond the free ones; 1 second to 1 hour
   * @param maxDelay the longest wait; {@code firstDelay} to 1 day
   * @param lockoutThreshold consecutive failures at which password login stops; 1 to 100 (NIST's
   *     bound)
   * @throws InvalidSettingException naming the part ({@code freeFailures}, {@code firstDelay},
   *     {@code maxDelay}, {@code lockoutThreshold}) that is out of range
   * @throws NullPointerException if a delay is null
   */
  public LoginProtection {
    Objects.requireNonNull(firstDelay, "firstDelay must not be null");
    Objects.requireNonNull(maxDelay, "maxDelay must not be null");
    if (lockoutThreshold < 1 || lockoutThreshold > EngineDefaults.LOGIN_LOCKOUT_THRESHOLD_MAX) {
      throw new InvalidSettingException(
          "lockoutThreshold",
          lockoutThreshold,
          "must be between 1 and " + EngineDefaults.LOGIN_LOCKOUT_THRESHOLD_MAX);
    }
    if (freeFailures < 0 || freeFailures > lockoutThreshold) {
      throw new InvalidSettingException(
          "freeFailures", freeFailures, "must be between 0 and lockoutThreshold");
    }
    if (firstDelay.compareTo(EngineDefaults.LOGIN_DELAY_MIN) < 0
        || firstDelay.compareTo(EngineDefaults.LOGIN_FIRST_DELAY_MAX) > 0) {
      throw new InvalidSettingException(
          "firstDelay", firstDelay, "must be between 1 second and 1 hour");
    }
    if (maxDelay.compareTo(firstDelay) < 0
        || maxDelay.compareTo(EngineDefaults.LOGIN_MAX_DELAY_MAX) > 0) {
      throw new InvalidSettingException(
          "maxDelay", maxDelay, "must be between firstDelay and 1 day");
    }
  }

  /**
   * The defaults: {@link EngineDefaults#LOGIN_PROTECTION}.
   *
   * @return the defaults
   */
  public static LoginProtection defaults() {
    return EngineDefaults.LOGIN_PROTECTION;
  }

  /**
   * The wait after the {@code failures}-th consecutive failure: none up to {@code freeFailures},
   * then {@code firstDelay} doubling up to {@code maxDelay}.
   *
   * @param failures consecutive failures so far
   * @return the wait; zero if none
   */
  public Duration delayAfter(long failures) {
    long beyond = failures - freeFailures;
    if (beyond <= 0) {
      return Duration.ZERO;
    }
    if (beyond > 40) {
      return maxDelay;
    }
    Duration d = firstDelay.multipliedBy(1L << (beyond - 1));
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  /**
   * A copy with another number of free failures.
   *
   * @param value failures that cost no delay
   * @return the copy
   * @throws InvalidSettingException if out of range
   */
  public LoginProtection withFreeFailures(int value) {
    return new LoginProtection(value, firstDelay, maxDelay, lockoutThreshold);
  }

  /**
   * A copy with other delays.
   *
   * @param first the wait after the first failure beyond the free ones
   * @param max the longest wait
   * @return the copy
   * @throws InvalidSettingException if out of range
   */
  public LoginProtection withDelays(Duration first, Duration max) {
    return new LoginProtection(freeFailures, first, max, lockoutThreshold);
  }

  /**
   * A copy with another hard stop; free failures above it are lowered to it.
   *
   * @param value consecutive failures at which password login stops
   * @return the copy
   * @throws InvalidSettingException if out of range
   */
  public LoginProtection withLockoutThreshold(int value) {
    return new LoginProtection(Math.min(freeFailures, value), firstDelay, maxDelay, value);
  }
}

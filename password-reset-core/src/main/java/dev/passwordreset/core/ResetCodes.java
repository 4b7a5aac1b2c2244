package dev.passwordreset.core;

import dev.passwordreset.api.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * How reset codes look and how long they last ({@code requestResetCode}, {@code
 * completeResetWithCode}): a code is {@code length} random decimal digits, lives {@code lifetime},
 * and dies after {@code maxAttempts} wrong tries. With the defaults (8 digits, 15 minutes, 5 tries)
 * one code is guessed with a probability of 5 in 100 000 000; the per-account request throttle
 * bounds how many codes a day an attacker can have issued (README, "Reset by code").
 *
 * <p>Defaults and ranges are {@link EngineDefaults}' {@code RESET_CODE_*} constants. Immutable.
 *
 * @param length the number of digits; 6 to 10
 * @param lifetime how long a code works; 1 minute to 1 hour
 * @param maxAttempts the wrong tries that kill a code; 1 to 10
 */
public record ResetCodes(int length, Duration lifetime, int maxAttempts) {

  /**
   * Creates the configuration.
   *
   * @param length the number of digits; 6 to 10
   * @param lifetime how long a code works; 1 minute to 1 hour
   * @param maxAttempts the wrong tries that kill a code; 1 to 10
   * @throws InvalidSettingException naming the part ({@code length}, {@code lifetime}, {@code
   *     maxAttempts}) that is out of range
   * @throws NullPointerException if {@code lifetime} is null
   */
  public ResetCodes {
    Objects.requireNonNull(lifetime, "lifetime must not be null");
    if (length < EngineDefaults.RESET_CODE_LENGTH_MIN
        || length > EngineDefaults.RESET_CODE_LENGTH_MAX) {
      throw new InvalidSettingException(
          "length",
          length,
          "must be between "
              + EngineDefaults.RESET_CODE_LENGTH_MIN
              + " and "
              + EngineDefaults.RESET_CODE_LENGTH_MAX);
    }
    if (lifetime.compareTo(EngineDefaults.RESET_CODE_LIFETIME_MIN) < 0
        || lifetime.compareTo(EngineDefaults.RESET_CODE_LIFETIME_MAX) > 0) {
      throw new InvalidSettingException(
          "lifetime", lifetime, "must be between 1 minute and 1 hour");
    }
    if (maxAttempts < 1 || maxAttempts > EngineDefaults.RESET_CODE_MAX_ATTEMPTS_MAX) {
      throw new InvalidSettingException(
          "maxAttempts",
          maxAttempts,
          "must be between 1 and " + EngineDefaults.RESET_CODE_MAX_ATTEMPTS_MAX);
    }
  }

  /**
   * The defaults: {@link EngineDefaults#RESET_CODES}.
   *
   * @return 8 digits, 15 minutes, 5 tries
   */
  public static ResetCodes defaults() {
    return EngineDefaults.RESET_CODES;
  }

  /**
   * The chance that one code is guessed: {@code maxAttempts} tries among {@code 10^length} codes.
   *
   * @return the probability, between 0 and 1
   */
  public double guessProbabilityPerCode() {
    return maxAttempts / Math.pow(10, length);
  }
}

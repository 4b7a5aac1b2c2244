package dev.passwordreset.core;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine's defaults and allowed ranges, written once: {@link PasswordResetEngine.Builder}
 * starts from them and checks against them, and adapters (the Spring Boot one documents its
 * properties' defaults from here) read them instead of repeating them. The defaults of the other
 * parts live with those parts: {@code ResetSettings.defaults()}, {@code
 * DeliveryOptions.defaults()}, {@code Argon2PasswordHasher}, {@code
 * RuleBasedPasswordPolicy.defaults()}.
 *
 * <p>Constants only; thread-safe.
 */
public final class EngineDefaults {

  /** The longest password accepted, in code points, unless the builder says otherwise: 128. */
  public static final int MAX_PASSWORD_LENGTH = 128;

  /** The lowest value {@code maxPasswordLength} may take: 16. */
  public static final int MAX_PASSWORD_LENGTH_MIN = 16;

  /** The highest value {@code maxPasswordLength} may take: 4096. */
  public static final int MAX_PASSWORD_LENGTH_MAX = 4096;

  /** How often saved settings are reloaded from the settings store: 5 seconds. */
  public static final Duration SETTINGS_REFRESH_INTERVAL = Duration.ofSeconds(5);

  /** The longest settings refresh interval allowed: 10 minutes (zero is the shortest). */
  public static final Duration SETTINGS_REFRESH_INTERVAL_MAX = Duration.ofMinutes(10);

  /** Self-service emails per account (silent): 3 per 15 minutes. */
  public static final ThrottleLimit ACCOUNT_REQUEST_LIMIT =
      ThrottleLimit.of(3, Duration.ofMinutes(15));

  /** Self-service requests per client address (reported): 10 per minute. */
  public static final ThrottleLimit CLIENT_REQUEST_LIMIT =
      ThrottleLimit.of(10, Duration.ofMinutes(1));

  /** Unknown or malformed links per client address: 10 per 15 minutes. */
  public static final ThrottleLimit CLIENT_BAD_TOKEN_LIMIT =
      ThrottleLimit.of(10, Duration.ofMinutes(15));

  /** Consecutive failed logins of one account that cost no delay: 5. */
  public static final int LOGIN_FREE_FAILURES = 5;

  /** The wait after the first failed login beyond the free ones: 1 second (then doubling). */
  public static final Duration LOGIN_FIRST_DELAY = Duration.ofSeconds(1);

  /** The longest wait between failed logins of one account: 15 minutes. */
  public static final Duration LOGIN_MAX_DELAY = Duration.ofMinutes(15);

  /**
   * Consecutive failed logins at which password login for the account stops until a reset
   * completes: 100, NIST SP 800-63B's bound, which is also the highest value allowed.
   */
  public static final int LOGIN_LOCKOUT_THRESHOLD = 100;

  /** The highest lockout threshold allowed: 100 (NIST SP 800-63B 5.2.2). */
  public static final int LOGIN_LOCKOUT_THRESHOLD_MAX = 100;

  /** The shortest login delay allowed: 1 second. */
  public static final Duration LOGIN_DELAY_MIN = Duration.ofSeconds(1);

  /** The longest first login delay allowed: 1 hour. */
  public static final Duration LOGIN_FIRST_DELAY_MAX = Duration.ofHours(1);

  /** The longest login delay allowed: 1 day. */
  public static final Duration LOGIN_MAX_DELAY_MAX = Duration.ofDays(1);

  /**
   * How long a consecutive-failure count is kept after its last failure when neither a successful
   * login nor a reset clears it: 365 days (storage hygiene only: at most {@link
   * #LOGIN_LOCKOUT_THRESHOLD} guesses per account in that time).
   */
  public static final Duration LOGIN_FAILURE_RETENTION = Duration.ofDays(365);

  /**
   * The account protection: {@value #LOGIN_FREE_FAILURES} free failures, then 1 second doubling up
   * to 15 minutes, lockout at {@value #LOGIN_LOCKOUT_THRESHOLD}.
   */
  public static final LoginProtection LOGIN_PROTECTION =
      new LoginProtection(
          LOGIN_FREE_FAILURES, LOGIN_FIRST_DELAY, LOGIN_MAX_DELAY, LOGIN_LOCKOUT_THRESHOLD);

  /** Failed logins per client address: 100 per 15 minutes. */
  public static final ThrottleLimit CLIENT_LOGIN_LIMIT =
      ThrottleLimit.of(100, Duration.ofMinutes(15));

  /** How many leading bits of an IPv6 address make one client: 64 (one /64 is one host). */
  public static final int CLIENT_IPV6_PREFIX_LENGTH = 64;

  /** The shortest IPv6 client prefix allowed: 32. */
  public static final int CLIENT_IPV6_PREFIX_LENGTH_MIN = 32;

  /** The longest IPv6 client prefix allowed: 128 (every address its own client). */
  public static final int CLIENT_IPV6_PREFIX_LENGTH_MAX = 128;

  /**
   * How many per-client (and unknown-email) counters the in-memory throttle store holds at most
   * before it drops the oldest of them: 100 000. Counters that protect an account are not counted
   * and never dropped.
   */
  public static final int IN_MEMORY_EVICTABLE_COUNTERS = 100_000;

  /**
   * How often a host should call {@code purgeExpired()} (the Spring Boot adapter's schedule): every
   * hour.
   */
  public static final Duration PURGE_INTERVAL = Duration.ofHours(1);

  /** The shortest purge interval that makes sense: 1 second (a purge is a database statement). */
  public static final Duration PURGE_INTERVAL_MIN = Duration.ofSeconds(1);

  /** The digits of a reset code: 8. */
  public static final int RESET_CODE_LENGTH = 8;

  /** The fewest digits a reset code may have: 6. */
  public static final int RESET_CODE_LENGTH_MIN = 6;

  /** The most digits a reset code may have: 10. */
  public static final int RESET_CODE_LENGTH_MAX = 10;

  /** How long a reset code works: 15 minutes. */
  public static final Duration RESET_CODE_LIFETIME = Duration.ofMinutes(15);

  /** The shortest reset code lifetime allowed: 1 minute. */
  public static final Duration RESET_CODE_LIFETIME_MIN = Duration.ofMinutes(1);

  /** The longest reset code lifetime allowed: 1 hour. */
  public static final Duration RESET_CODE_LIFETIME_MAX = Duration.ofHours(1);

  /** The wrong tries that kill a reset code: 5. */
  public static final int RESET_CODE_MAX_ATTEMPTS = 5;

  /** The most wrong tries a reset code may be allowed: 10. */
  public static final int RESET_CODE_MAX_ATTEMPTS_MAX = 10;

  /** Reset codes: {@value #RESET_CODE_LENGTH} digits, 15 minutes, 5 wrong tries. */
  public static final ResetCodes RESET_CODES =
      new ResetCodes(RESET_CODE_LENGTH, RESET_CODE_LIFETIME, RESET_CODE_MAX_ATTEMPTS);

  /**
   * The shortest key a host may configure for the HMAC that reset codes are stored under: 32 bytes
   * (256 bits, SHA-256's block security).
   */
  public static final int RESET_CODE_SECRET_MIN_BYTES = 32;

  /**
   * The name under which the engine keeps the reset codes' HMAC key in the settings store when the
   * host configures none.
   */
  public static final String RESET_CODE_SECRET_NAME = "reset-code-hmac";

  private EngineDefaults() {}

  /**
   * Checks a purge interval against {@link #PURGE_INTERVAL_MIN}.
   *
   * @param value the interval between two purges
   * @return the value
   * @throws InvalidSettingException (setting {@code purgeInterval}) if null or shorter than the
   *     minimum
   */
  public static Duration checkPurgeInterval(Duration value) {
    if (value == null || value.compareTo(PURGE_INTERVAL_MIN) < 0) {
      throw new InvalidSettingException("purgeInterval", value, "must be at least 1 second");
    }
    return value;
  }

  static int checkMaxPasswordLength(int value) {
    if (value < MAX_PASSWORD_LENGTH_MIN || value > MAX_PASSWORD_LENGTH_MAX) {
      throw new InvalidSettingException(
          "maxPasswordLength",
          value,
          "must be between " + MAX_PASSWORD_LENGTH_MIN + " and " + MAX_PASSWORD_LENGTH_MAX);
    }
    return value;
  }

  static byte[] checkResetCodeSecret(byte[] value) {
    Objects.requireNonNull(value, "resetCodeSecret must not be null");
    if (value.length < RESET_CODE_SECRET_MIN_BYTES
        || value.length > SettingsStore.MAX_SECRET_BYTES) {
      throw new InvalidSettingException(
          "resetCodeSecret",
          value.length + " bytes",
          "must be "
              + RESET_CODE_SECRET_MIN_BYTES
              + " to "
              + SettingsStore.MAX_SECRET_BYTES
              + " bytes long");
    }
    return value.clone();
  }

  static int checkIpv6PrefixLength(int value) {
    if (value < CLIENT_IPV6_PREFIX_LENGTH_MIN || value > CLIENT_IPV6_PREFIX_LENGTH_MAX) {
      throw new InvalidSettingException(
          "clientIpv6PrefixLength",
          value,
          "must be between "
              + CLIENT_IPV6_PREFIX_LENGTH_MIN
              + " and "
              + CLIENT_IPV6_PREFIX_LENGTH_MAX);
    }
    return value;
  }

  static Duration checkSettingsRefreshInterval(Duration value) {
    Objects.requireNonNull(value, "settingsRefreshInterval must not be null");
    if (value.isNegative() || value.compareTo(SETTINGS_REFRESH_INTERVAL_MAX) > 0) {
      throw new InvalidSettingException(
          "settingsRefreshInterval", value, "must be between 0 and 10 minutes");
    }
    return value;
  }
}

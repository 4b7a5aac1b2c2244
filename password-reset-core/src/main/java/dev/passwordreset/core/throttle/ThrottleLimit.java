package dev.passwordreset.core.throttle;

import dev.passwordreset.api.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * A limit: at most {@code count} events in any interval of length {@code window} (a sliding window:
 * no window boundary lets the limit through twice).
 *
 * @param count how many events a window allows; at least 1
 * @param window the window's length; from 1 second to 1 day
 */
public record ThrottleLimit(int count, Duration window) {

  /**
   * Creates a limit.
   *
   * @param count how many events a window allows; at least 1
   * @param window the window's length; from 1 second to 1 day
   * @throws IllegalArgumentException if the count is below 1 or the window outside 1 s..1 day
   */
  public ThrottleLimit {
    if (count < 1) {
      throw new InvalidSettingException("count", count, "must be at least 1");
    }
    Objects.requireNonNull(window, "window must not be null");
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidSettingException("window", window, "must be between 1 second and 1 day");
    }
  }

  /**
   * Shorthand for the constructor.
   *
   * @param count events per window
   * @param window the window
   * @return the limit
   */
  public static ThrottleLimit of(int count, Duration window) {
    return new ThrottleLimit(count, window);
  }
}

package dev.passwordreset.core.delivery;

import dev.passwordreset.api.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * How self-service mail is delivered.
 *
 * @param attempts how many times a transient failure is tried in all (1 = no retry); 1 to 20
 * @param initialBackoff the wait before the second attempt; doubled before each next one; 1 ms to 1
 *     hour
 * @param maxBackoff the longest wait between attempts; at least {@code initialBackoff}, at most 1
 *     day
 * @param capacity how many emails may wait or be retried at once; beyond it new ones are dropped
 *     and reported; 1 to 1,000,000
 * @param threads how many threads the engine's own executor uses; 1 to 64
 * @param closeTimeout how long closing the engine waits for queued mail; zero to 10 minutes
 */
public record DeliveryOptions(
    int attempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int capacity,
    int threads,
    Duration closeTimeout) {

  /**
   * Creates validated options.
   *
   * @param attempts how many times a transient failure is tried in all (1 = no retry); 1 to 20
   * @param initialBackoff the wait before the second attempt; doubled before each next one; 1 ms to
   *     1 hour
   * @param maxBackoff the longest wait between attempts; at least {@code initialBackoff}, at most 1
   *     day
   * @param capacity how many emails may wait or be retried at once; beyond it new ones are dropped
   *     and reported; 1 to 1,000,000
   * @param threads how many threads the engine's own executor uses; 1 to 64
   * @param closeTimeout how long closing the engine waits for queued mail; zero to 10 minutes
   * @throws IllegalArgumentException if a value is out of range (the message names it)
   */
  public DeliveryOptions {
    range("attempts", attempts, 1, 20);
    range("capacity", capacity, 1, 1_000_000);
    range("threads", threads, 1, 64);
    Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
    Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
    Objects.requireNonNull(closeTimeout, "closeTimeout must not be null");
    if (initialBackoff.toMillis() < 1 || initialBackoff.compareTo(Duration.ofHours(1)) > 0) {
      throw new InvalidSettingException(
          "initialBackoff", initialBackoff, "must be between 1 ms and 1 hour");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidSettingException(
          "maxBackoff", maxBackoff, "must be between initialBackoff and 1 day");
    }
    if (closeTimeout.isNegative() || closeTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new InvalidSettingException(
          "closeTimeout", closeTimeout, "must be between 0 and 10 minutes");
    }
  }

  /**
   * The defaults: 5 attempts, back-off from 2 seconds up to 5 minutes, 10,000 queued emails, 2
   * threads, 10 seconds to drain on close.
   *
   * @return the defaults
   */
  public static DeliveryOptions defaults() {
    return new DeliveryOptions(
        5, Duration.ofSeconds(2), Duration.ofMinutes(5), 10_000, 2, Duration.ofSeconds(10));
  }

  /**
   * Copy with another number of attempts.
   *
   * @param value attempts in all
   * @return the copy
   */
  public DeliveryOptions withAttempts(int value) {
    return new DeliveryOptions(value, initialBackoff, maxBackoff, capacity, threads, closeTimeout);
  }

  /**
   * Copy with another back-off.
   *
   * @param initial the first wait
   * @param max the longest wait
   * @return the copy
   */
  public DeliveryOptions withBackoff(Duration initial, Duration max) {
    return new DeliveryOptions(attempts, initial, max, capacity, threads, closeTimeout);
  }

  /**
   * Copy with another capacity.
   *
   * @param value the capacity
   * @return the copy
   */
  public DeliveryOptions withCapacity(int value) {
    return new DeliveryOptions(attempts, initialBackoff, maxBackoff, value, threads, closeTimeout);
  }

  /**
   * Copy with another thread count.
   *
   * @param value the thread count
   * @return the copy
   */
  public DeliveryOptions withThreads(int value) {
    return new DeliveryOptions(attempts, initialBackoff, maxBackoff, capacity, value, closeTimeout);
  }

  /**
   * Copy with another close timeout.
   *
   * @param value the timeout
   * @return the copy
   */
  public DeliveryOptions withCloseTimeout(Duration value) {
    return new DeliveryOptions(attempts, initialBackoff, maxBackoff, capacity, threads, value);
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(name, value, "must be between " + min + " and " + max);
    }
  }
}

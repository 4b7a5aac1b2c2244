package dev.passwordreset.core.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time of a store that has no clock of its own: the latest instant the engine has passed it, in
 * epoch milliseconds. It only moves forward, so a decision made at one instant (a ticket forgotten,
 * a counter expired) is never undone by an older instant arriving late. Reading is free; an instant
 * that is not later than the latest costs no write, so the many threads of a busy store do not
 * contend on it. Thread-safe.
 */
public final class EngineTime {
  private final AtomicLong latest;

  /**
   * Starts at a given time.
   *
   * @param initialMillis the time before the engine has passed any, e.g. {@code Long.MIN_VALUE}
   */
  public EngineTime(long initialMillis) {
    this.latest = new AtomicLong(initialMillis);
  }

  /**
   * Takes an instant from the engine.
   *
   * @param instant the engine's current time
   * @return the later of it and the latest one taken before, in epoch milliseconds
   */
  public long advanceTo(Instant instant) {
    long at = instant.toEpochMilli();
    long current = latest.get();
    while (at > current) {
      if (latest.compareAndSet(current, at)) {
        return at;
      }
      current = latest.get();
    }
    return current;
  }

  /**
   * The latest instant taken, or the initial time if none was.
   *
   * @return epoch milliseconds
   */
  public long millis() {
    return latest.get();
  }
}

package dev.passwordreset.core;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The engine's one source of time: every flow, and every store through the instants the flows pass
 * it, reads the builder's {@link Clock} through this. Thread-safe if the clock is.
 */
final class EngineClock {
  private final Clock clock;

  EngineClock(Clock clock) {
    this.clock = clock;
  }

  /** The current time, to the millisecond: what every store can keep exactly. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The current time in epoch milliseconds, for intervals such as the settings' refresh. */
  long millis() {
    return clock.millis();
  }
}

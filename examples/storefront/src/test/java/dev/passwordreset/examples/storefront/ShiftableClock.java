package dev.passwordreset.examples.storefront;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that a test moves forward, so that a temporary password's delay
 * passes without waiting. It keeps ticking, so events still come in order. Thread-safe.
 */
final class ShiftableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;

  ShiftableClock() {
    this(Clock.systemDefaultZone(), new AtomicReference<>(Duration.ZERO));
  }

  private ShiftableClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  /** Moves the clock forward. */
  void advance(Duration by) {
    offset.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ShiftableClock(base.withZone(zone), offset);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }
}

package dev.passwordreset.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: pass it to the engine's builder, then
 * {@link #advance(Duration)} past a link's lifetime instead of sleeping.
 *
 * <p>Thread-safe: the engine may read it on its own threads while the test moves it. Clocks made by
 * {@link #withZone(ZoneId)} share this clock's time, so moving one moves all.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /**
   * A clock at the given instant, in UTC.
   *
   * @param start the initial time
   * @throws NullPointerException if {@code start} is null
   */
  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  /**
   * A clock at the given instant and zone.
   *
   * @param start the initial time
   * @param zone the zone {@link #getZone()} reports
   * @throws NullPointerException if an argument is null
   */
  public MutableClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start must not be null")), zone);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone must not be null");
  }

  /**
   * A clock at a whole-millisecond instant, in UTC: {@code 2030-01-01T00:00:00Z}.
   *
   * @return the clock
   */
  public static MutableClock atDefaultInstant() {
    return new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  }

  /**
   * Moves the clock (backwards if the duration is negative).
   *
   * @param duration how far
   * @return the new time
   * @throws NullPointerException if {@code duration} is null
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration must not be null");
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Sets the clock.
   *
   * @param instant the new time
   * @throws NullPointerException if {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant must not be null"));
  }

  /**
   * The current time of this clock.
   *
   * @return the time last set
   */
  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * The zone of this view of the clock.
   *
   * @return the zone
   */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A view of this clock in another zone, sharing its time: moving either moves both.
   *
   * @param zone the zone
   * @return the view
   * @throws NullPointerException if {@code zone} is null
   */
  @Override
  public MutableClock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}

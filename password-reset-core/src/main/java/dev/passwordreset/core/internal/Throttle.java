package dev.passwordreset.core.internal;

import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One named limit over a {@link ThrottleStore}, with fixed windows aligned on the epoch. Subjects
 * (an email, a client address) are hashed into the store's key, so the store never sees them.
 *
 * <p>Fixed windows let a client reach at most twice the limit across a window boundary; that is
 * accepted for simplicity and cross-node consistency. Thread-safe.
 */
public final class Throttle {

  private final String name;
  private final ThrottleLimit limit;
  private final ThrottleStore store;

  /**
   * Creates a throttle.
   *
   * @param name a short name that separates this throttle's counters from the others'
   * @param limit the limit
   * @param store where the counters live
   */
  public Throttle(String name, ThrottleLimit limit, ThrottleStore store) {
    this.name = Objects.requireNonNull(name, "name must not be null");
    this.limit = Objects.requireNonNull(limit, "limit must not be null");
    this.store = Objects.requireNonNull(store, "store must not be null");
  }

  /**
   * Counts one event for a subject.
   *
   * @param subject what is counted (e.g. a client address)
   * @param now the current time
   * @return empty if within the limit, else how long until the window ends
   */
  public Optional<Duration> hit(String subject, Instant now) {
    Window w = window(now);
    long count = store.incrementAndGet(key(subject, w.index), now, w.end);
    return count > limit.count() ? Optional.of(w.retryAfter(now)) : Optional.empty();
  }

  /**
   * Whether a subject has used up its limit, without counting.
   *
   * @param subject what is counted
   * @param now the current time
   * @return empty if more events are allowed, else how long until the window ends
   */
  public Optional<Duration> check(String subject, Instant now) {
    Window w = window(now);
    long count = store.get(key(subject, w.index), now);
    return count >= limit.count() ? Optional.of(w.retryAfter(now)) : Optional.empty();
  }

  /**
   * The limit.
   *
   * @return the limit
   */
  public ThrottleLimit limit() {
    return limit;
  }

  private String key(String subject, long windowIndex) {
    return Tokens.sha256Hex(name + '\u0000' + subject) + ':' + windowIndex;
  }

  private Window window(Instant now) {
    long size = limit.window().toMillis();
    long index = Math.floorDiv(now.toEpochMilli(), size);
    return new Window(index, Instant.ofEpochMilli((index + 1) * size));
  }

  private record Window(long index, Instant end) {
    Duration retryAfter(Instant now) {
      Duration d = Duration.between(now, end);
      return d.isZero() || d.isNegative() ? Duration.ofMillis(1) : d;
    }
  }
}

package dev.passwordreset.core.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.internal.EngineTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-node {@link ThrottleStore} on Caffeine: each counter is forgotten at its own expiry, as
 * judged by the latest instant the engine has passed (the store has no clock of its own). Limits
 * hold per JVM only; use the JDBC module's store when several nodes share the load.
 *
 * <p>Thread-safe; increments are atomic.
 */
public final class InMemoryThrottleStore implements ThrottleStore {

  /** The latest instant the engine has passed, in epoch milliseconds: this store's only time. */
  private final EngineTime latest = new EngineTime(0);

  private final Cache<String, Counter> counters;

  /** Creates an empty store. */
  public InMemoryThrottleStore() {
    this.counters =
        Caffeine.newBuilder()
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(latest.millis()))
            .expireAfter(
                new Expiry<String, Counter>() {
                  @Override
                  public long expireAfterCreate(String key, Counter value, long currentTime) {
                    long millis = value.expiresAtMillis - latest.millis();
                    return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Counter value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Counter value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /**
   * Creates an empty store, as {@link #InMemoryThrottleStore()} does. The store no longer reads a
   * clock: it takes every instant from the engine.
   *
   * @param clock ignored
   * @deprecated the clock is ignored; use {@link #InMemoryThrottleStore()}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public InMemoryThrottleStore(Clock clock) {
    this();
    Objects.requireNonNull(clock, "clock must not be null");
  }

  /** Takes an instant from the engine: time only moves forward here. */
  private void observe(Instant now) {
    latest.advanceTo(now);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Decides by the latest instant the store has been given; the engine calls {@link
   * #incrementAndGet(String, Instant, Instant)}.
   */
  @Override
  public long incrementAndGet(String key, Instant expiresAt) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
    return counters.get(key, k -> new Counter(expiresAt.toEpochMilli())).count.incrementAndGet();
  }

  @Override
  public long incrementAndGet(String key, Instant now, Instant expiresAt) {
    Objects.requireNonNull(now, "now must not be null");
    observe(now);
    return incrementAndGet(key, expiresAt);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Decides by the latest instant the store has been given; the engine calls {@link #get(String,
   * Instant)}.
   */
  @Override
  public long get(String key) {
    Objects.requireNonNull(key, "key must not be null");
    Counter c = counters.getIfPresent(key);
    return c == null ? 0 : c.count.get();
  }

  @Override
  public long get(String key, Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    observe(now);
    return get(key);
  }

  @Override
  public int purgeExpired(Instant now) {
    long nowMillis = now.toEpochMilli();
    int[] removed = {0};
    counters
        .asMap()
        .entrySet()
        .removeIf(
            e -> {
              boolean expired = e.getValue().expiresAtMillis <= nowMillis;
              if (expired) {
                removed[0]++;
              }
              return expired;
            });
    // Only now, so that the counters just removed were still visible to count.
    observe(now);
    counters.cleanUp();
    return removed[0];
  }

  /**
   * How many counters are held, for monitoring.
   *
   * @return the approximate number of live counters
   */
  public long size() {
    counters.cleanUp();
    return counters.estimatedSize();
  }

  private static final class Counter {
    final long expiresAtMillis;
    final AtomicLong count = new AtomicLong();

    Counter(long expiresAtMillis) {
      this.expiresAtMillis = expiresAtMillis;
    }
  }
}

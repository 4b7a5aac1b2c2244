package dev.passwordreset.core.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.passwordreset.api.ThrottleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-node {@link ThrottleStore} on Caffeine: each counter is forgotten at its own expiry.
 * Limits hold per JVM only; use the JDBC module's store when several nodes share the load.
 *
 * <p>Thread-safe; increments are atomic.
 */
public final class InMemoryThrottleStore implements ThrottleStore {

  private final Clock clock;
  private final Cache<String, Counter> counters;

  /** Creates a store on the system clock. */
  public InMemoryThrottleStore() {
    this(Clock.systemUTC());
  }

  /**
   * Creates a store whose expiry follows the given clock (the engine's).
   *
   * @param clock the clock
   */
  public InMemoryThrottleStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.counters =
        Caffeine.newBuilder()
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .expireAfter(
                new Expiry<String, Counter>() {
                  @Override
                  public long expireAfterCreate(String key, Counter value, long currentTime) {
                    long millis = value.expiresAtMillis - clock.millis();
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

  @Override
  public long incrementAndGet(String key, Instant expiresAt) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
    return counters.get(key, k -> new Counter(expiresAt.toEpochMilli())).count.incrementAndGet();
  }

  @Override
  public long get(String key) {
    Objects.requireNonNull(key, "key must not be null");
    Counter c = counters.getIfPresent(key);
    return c == null ? 0 : c.count.get();
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

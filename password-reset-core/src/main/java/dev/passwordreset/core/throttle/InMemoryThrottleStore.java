package dev.passwordreset.core.throttle;

import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.internal.EngineTime;
import dev.passwordreset.core.internal.Throttle;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A single-node {@link ThrottleStore} in a concurrent map: each counter is forgotten at its own
 * expiry, as judged by the latest instant the engine has passed (the store has no clock of its
 * own). Limits hold per JVM only; use the JDBC module's store when several nodes share the load.
 *
 * <p><b>Bounded memory.</b> Per-client counters (keys starting {@code c:}) and counters of emails
 * that belong to no account ({@code u:}) are what address rotation and random emails can multiply:
 * they are held to a bound ({@value EngineDefaults#IN_MEMORY_EVICTABLE_COUNTERS} by default), and
 * once it is reached the oldest of them are dropped first (expired ones go first anyway, being the
 * oldest). Dropping one forgets a client's or an unknown email's count early; it never lets more
 * guesses at a real account through. Every other counter (those that protect an account, {@code
 * a:}, bounded by the number of accounts) is never dropped before its expiry.
 *
 * <p>Thread-safe; every operation on one key is atomic.
 */
public final class InMemoryThrottleStore implements ThrottleStore {

  /** The latest instant the engine has passed, in epoch milliseconds: this store's only time. */
  private final EngineTime latest = new EngineTime(0);

  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  /** Evictable counters in the order they were created, oldest first (some may be gone). */
  private final ConcurrentLinkedQueue<Counter> evictionOrder = new ConcurrentLinkedQueue<>();

  private final AtomicInteger evictable = new AtomicInteger();
  private final AtomicLong created = new AtomicLong();
  private final int maxEvictable;

  /**
   * Creates an empty store that holds at most {@link EngineDefaults#IN_MEMORY_EVICTABLE_COUNTERS}
   * per-client and unknown-email counters.
   */
  public InMemoryThrottleStore() {
    this(EngineDefaults.IN_MEMORY_EVICTABLE_COUNTERS);
  }

  /**
   * Creates an empty store with its own bound.
   *
   * @param maxEvictableCounters how many per-client and unknown-email counters are held at most; at
   *     least 1
   * @throws IllegalArgumentException if below 1
   */
  public InMemoryThrottleStore(int maxEvictableCounters) {
    if (maxEvictableCounters < 1) {
      throw new IllegalArgumentException(
          "maxEvictableCounters must be at least 1, was " + maxEvictableCounters);
    }
    this.maxEvictable = maxEvictableCounters;
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
  private long observe(Instant now) {
    return latest.advanceTo(now);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Decides by the latest instant the store has been given; the engine calls {@link
   * #incrementAndGet(String, Instant, Instant)}. A counter keeps the expiry it was created with.
   */
  @Override
  public long incrementAndGet(String key, Instant expiresAt) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
    long now = latest.millis();
    Counter after =
        update(
            key,
            c ->
                live(c, now)
                    ? c.with(c.count + 1, c.expiresAtMillis)
                    : fresh(key, 1, expiresAt.toEpochMilli()));
    return after.count;
  }

  @Override
  public long incrementAndGet(String key, Instant now, Instant expiresAt) {
    Objects.requireNonNull(now, "now must not be null");
    observe(now);
    return incrementAndGet(key, expiresAt);
  }

  @Override
  public boolean tryAcquire(String key, long limit, Instant now, Instant expiresAt) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
    long at = observe(Objects.requireNonNull(now, "now must not be null"));
    if (limit <= 0) {
      return false;
    }
    long expiry = expiresAt.toEpochMilli();
    boolean[] taken = {false};
    update(
        key,
        c -> {
          if (!live(c, at)) {
            taken[0] = true;
            return fresh(key, 1, expiry);
          }
          if (c.count >= limit) {
            return c;
          }
          taken[0] = true;
          return c.with(c.count + 1, Math.max(c.expiresAtMillis, expiry));
        });
    return taken[0];
  }

  @Override
  public void release(String key, Instant now) {
    Objects.requireNonNull(key, "key must not be null");
    long at = observe(Objects.requireNonNull(now, "now must not be null"));
    counters.computeIfPresent(
        key, (k, c) -> live(c, at) && c.count > 0 ? c.with(c.count - 1, c.expiresAtMillis) : c);
  }

  @Override
  public void delete(String key) {
    Objects.requireNonNull(key, "key must not be null");
    Counter removed = counters.remove(key);
    if (removed != null && removed.evictable) {
      evictable.decrementAndGet();
    }
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
    Counter c = counters.get(key);
    return live(c, latest.millis()) ? c.count : 0;
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
        .values()
        .removeIf(
            c -> {
              boolean expired = c.expiresAtMillis <= nowMillis;
              if (expired) {
                removed[0]++;
                if (c.evictable) {
                  evictable.decrementAndGet();
                }
              }
              return expired;
            });
    evictionOrder.removeIf(c -> !sameSeries(c));
    // Only now, so that the counters just removed were still visible to count.
    observe(now);
    return removed[0];
  }

  /**
   * How many live counters are held, for monitoring.
   *
   * @return the number of counters not yet expired
   */
  public long size() {
    long now = latest.millis();
    return counters.values().stream().filter(c -> live(c, now)).count();
  }

  /**
   * Whether a counter in the queue is still present (its updates are new objects of one series).
   */
  private boolean sameSeries(Counter queued) {
    Counter current = counters.get(queued.key);
    return current != null && current.series == queued.series;
  }

  private static boolean live(@Nullable Counter c, long nowMillis) {
    return c != null && c.expiresAtMillis > nowMillis;
  }

  private Counter fresh(String key, long count, long expiresAtMillis) {
    return new Counter(key, count, expiresAtMillis, created.incrementAndGet(), isEvictable(key));
  }

  private static boolean isEvictable(String key) {
    return key.startsWith(Throttle.CLIENT_KEY_PREFIX)
        || key.startsWith(Throttle.UNKNOWN_KEY_PREFIX);
  }

  /** Applies a change atomically for the key, then keeps the evictable counters to the bound. */
  private Counter update(String key, UnaryOperator<@Nullable Counter> change) {
    Counter[] before = {null};
    Counter after =
        counters.compute(
            key,
            (k, c) -> {
              before[0] = c;
              return change.apply(c);
            });
    Counter old = before[0];
    if (old == null || old.series != after.series) {
      if (old != null && old.evictable) {
        evictable.decrementAndGet();
      }
      if (after.evictable) {
        evictable.incrementAndGet();
        evictionOrder.add(after);
        evictOverBound();
      }
    }
    return after;
  }

  private void evictOverBound() {
    while (evictable.get() > maxEvictable) {
      Counter oldest = evictionOrder.poll();
      if (oldest == null) {
        return;
      }
      boolean[] dropped = {false};
      counters.computeIfPresent(
          oldest.key,
          (k, c) -> {
            if (c.series == oldest.series) {
              dropped[0] = true;
              return null;
            }
            return c;
          });
      if (dropped[0]) {
        evictable.decrementAndGet();
      }
    }
  }

  /** An immutable counter; an update is a new object of the same series. */
  private static final class Counter {
    final String key;
    final long count;
    final long expiresAtMillis;
    final long series;
    final boolean evictable;

    Counter(String key, long count, long expiresAtMillis, long series, boolean evictable) {
      this.key = key;
      this.count = count;
      this.expiresAtMillis = expiresAtMillis;
      this.series = series;
      this.evictable = evictable;
    }

    Counter with(long newCount, long newExpiresAtMillis) {
      return new Counter(key, newCount, newExpiresAtMillis, series, evictable);
    }
  }
}

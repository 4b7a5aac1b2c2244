package dev.passwordreset.core.internal;

import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One named limit over a {@link ThrottleStore}: at most {@code count} events in <b>any</b> interval
 * of the window's length, so no window boundary lets the limit through twice.
 *
 * <p>How: the window is cut into {@value #SLICES} slices aligned on the epoch, each a counter in
 * the store. An event at time {@code t} is admitted only if the slices from the one that holds
 * {@code t - window} up to the current one hold fewer than {@code count} events, and it is counted
 * with the store's atomic {@link ThrottleStore#tryAcquire "take one if below"} on the current
 * slice, with room {@code count} minus the earlier slices. Earlier slices are no longer written
 * (except by {@link #refund}, which only lowers them), so however many callers race, on one node or
 * many, at most {@code count} events are admitted in any window. The price of slicing: a client
 * that reached the limit may wait up to a slice (a quarter of the window) longer than an exact log
 * would make it. {@code retryAfter} is exact for that rule.
 *
 * <p>Subjects (an email, a client) are hashed into the store's keys, so the store never sees them.
 * Keys start with {@link #CLIENT_KEY_PREFIX}, {@link #UNKNOWN_KEY_PREFIX} or {@link
 * #ACCOUNT_KEY_PREFIX}, so that a bounded store can tell counters that protect an account from
 * those it may drop under pressure. Thread-safe.
 */
public final class Throttle {

  /** Keys of per-client counters (a bounded in-memory store may evict them, oldest first). */
  public static final String CLIENT_KEY_PREFIX = "c:";

  /**
   * Keys of per-email counters of an email that belongs to no account (a bounded in-memory store
   * may evict them, oldest first).
   */
  public static final String UNKNOWN_KEY_PREFIX = "u:";

  /** Keys of per-account counters: they protect an account, and are never evicted. */
  public static final String ACCOUNT_KEY_PREFIX = "a:";

  /** How many slices a window is cut into. */
  static final int SLICES = 4;

  private final String name;
  private final String keyPrefix;
  private final ThrottleLimit limit;
  private final ThrottleStore store;
  private final UnaryOperator<String> subjects;
  private final long sliceMillis;

  /**
   * Creates a throttle per account ({@link #ACCOUNT_KEY_PREFIX}), counting subjects as given.
   *
   * @param name a short name that separates this throttle's counters from the others'
   * @param limit the limit
   * @param store where the counters live
   */
  public Throttle(String name, ThrottleLimit limit, ThrottleStore store) {
    this(name, ACCOUNT_KEY_PREFIX, limit, store, UnaryOperator.identity());
  }

  /**
   * Creates a throttle.
   *
   * @param name a short name that separates this throttle's counters from the others'
   * @param keyPrefix one of the key prefixes of this class
   * @param limit the limit
   * @param store where the counters live
   * @param subjects what a subject counts as (e.g. an address as its client)
   */
  public Throttle(
      String name,
      String keyPrefix,
      ThrottleLimit limit,
      ThrottleStore store,
      UnaryOperator<String> subjects) {
    this.name = Objects.requireNonNull(name, "name must not be null");
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
    this.limit = Objects.requireNonNull(limit, "limit must not be null");
    this.store = Objects.requireNonNull(store, "store must not be null");
    this.subjects = Objects.requireNonNull(subjects, "subjects must not be null");
    long window = limit.window().toMillis();
    this.sliceMillis = (window + SLICES - 1) / SLICES;
  }

  /**
   * A throttle per client: every subject is a client address, counted as {@link ClientKeys} says.
   *
   * @param name a short name that separates this throttle's counters from the others'
   * @param limit the limit
   * @param store where the counters live
   * @param clients how an address maps to its client
   * @return the throttle
   */
  public static Throttle perClient(
      String name, ThrottleLimit limit, ThrottleStore store, ClientKeys clients) {
    Objects.requireNonNull(clients, "clients must not be null");
    return new Throttle(name, CLIENT_KEY_PREFIX, limit, store, clients::of);
  }

  /**
   * Counts one event for a subject if the limit allows it (reserve): the event is counted only when
   * admitted. Give it back with {@link #refund} if it turns out not to count.
   *
   * @param subject what is counted (e.g. a client address)
   * @param now the current time
   * @return empty if admitted (and counted), else how long until an event would be admitted
   */
  public Optional<Duration> hit(String subject, Instant now) {
    String base = base(subject);
    long slice = slice(now);
    long[] counts = counts(base, slice, now);
    long earlier = 0;
    for (int i = 0; i < SLICES; i++) {
      earlier += counts[i];
    }
    if (earlier < limit.count()
        && store.tryAcquire(key(base, slice), limit.count() - earlier, now, expiry(slice))) {
      return Optional.empty();
    }
    counts[SLICES] = Math.max(counts[SLICES], limit.count() - earlier);
    return Optional.of(retryAfter(counts, slice, now));
  }

  /**
   * Gives back an event that {@link #hit} admitted at {@code at}, e.g. a login that succeeded.
   *
   * @param subject the subject given to {@link #hit}
   * @param at the instant given to {@link #hit}
   * @param now the current time
   */
  public void refund(String subject, Instant at, Instant now) {
    store.release(key(base(subject), slice(at)), now);
  }

  /**
   * Whether a subject has used up its limit, without counting.
   *
   * @param subject what is counted
   * @param now the current time
   * @return empty if an event would be admitted now, else how long until one would be
   */
  public Optional<Duration> check(String subject, Instant now) {
    long slice = slice(now);
    long[] counts = counts(base(subject), slice, now);
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total < limit.count() ? Optional.empty() : Optional.of(retryAfter(counts, slice, now));
  }

  /**
   * The limit.
   *
   * @return the limit
   */
  public ThrottleLimit limit() {
    return limit;
  }

  /** The counts of the slices {@code slice - SLICES} to {@code slice}, oldest first. */
  private long[] counts(String base, long slice, Instant now) {
    long[] counts = new long[SLICES + 1];
    for (int i = 0; i <= SLICES; i++) {
      counts[i] = store.get(key(base, slice - SLICES + i), now);
    }
    return counts;
  }

  /**
   * The first slice start at which the slices still in reach hold fewer than the limit: at slice
   * {@code slice + j}, the slices {@code slice + j - SLICES} to {@code slice} are in reach.
   */
  private Duration retryAfter(long[] counts, long slice, Instant now) {
    for (int j = 1; j <= SLICES + 1; j++) {
      long inReach = 0;
      for (int i = j; i <= SLICES; i++) {
        inReach += counts[i];
      }
      if (inReach < limit.count()) {
        Duration d = Duration.ofMillis((slice + j) * sliceMillis - now.toEpochMilli());
        return d.isZero() || d.isNegative() ? Duration.ofMillis(1) : d;
      }
    }
    throw new IllegalStateException("unreachable: no slice is in reach after SLICES + 1");
  }

  private long slice(Instant now) {
    return Math.floorDiv(now.toEpochMilli(), sliceMillis);
  }

  /** A slice is read until SLICES slices after it have begun: then it may be forgotten. */
  private Instant expiry(long slice) {
    return Instant.ofEpochMilli((slice + SLICES + 1) * sliceMillis);
  }

  private String base(String subject) {
    return keyPrefix + Tokens.sha256Hex(name + '\u0000' + subjects.apply(subject)) + ':';
  }

  private static String key(String base, long slice) {
    return base + slice;
  }
}

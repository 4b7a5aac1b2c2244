package dev.passwordreset.api;

import java.time.Instant;

/**
 * SPI: counters behind the throttles, by opaque key. The engine keys a counter by a hash of what it
 * counts (an account, a client) and, for a windowed limit, the index of a time slice, so a store
 * only counts and forgets: it never sees an email or an address, and never decides a limit. Core's
 * in-memory store (Caffeine) serves one node; the JDBC module's makes the limits hold across nodes.
 *
 * <p>Implementations must be thread-safe, and {@link #incrementAndGet}, {@link #tryAcquire} and
 * {@link #release} atomic: the engine reserves a unit before slow work ({@link #tryAcquire}, "take
 * one if below the limit") and gives it back when the work turns out not to count ({@link
 * #release}), so parallel callers, on one node or many, can never be let through beyond a limit.
 * Those two and {@link #delete} have no default: no correct one can be built on the other methods,
 * so a host's own store must implement them (the testkit's {@code ThrottleStoreContract} checks
 * them, races included).
 *
 * <p><b>Time comes from the engine.</b> A store never reads a clock of its own for anything a host
 * can observe: the engine passes its current time to {@link #incrementAndGet(String, Instant,
 * Instant)}, {@link #get(String, Instant)} and {@link #purgeExpired(Instant)}, and a store that
 * forgets counters on its own decides by those instants.
 */
public interface ThrottleStore {

  /**
   * Adds one to a counter, creating it at zero if absent.
   *
   * @param key the counter's key (at most 128 characters)
   * @param expiresAt when the counter may be forgotten
   * @return the count after this increment
   * @throws PasswordResetException if the storage fails
   */
  long incrementAndGet(String key, Instant expiresAt);

  /**
   * Adds one to a counter at the engine's current time: the engine calls this one. By default the
   * same as {@link #incrementAndGet(String, Instant)}; a store that forgets expired counters on its
   * own decides by {@code now}.
   *
   * @param key the counter's key (at most 128 characters)
   * @param now the engine's current time
   * @param expiresAt when the counter may be forgotten
   * @return the count after this increment
   * @throws PasswordResetException if the storage fails
   */
  default long incrementAndGet(String key, Instant now, Instant expiresAt) {
    return incrementAndGet(key, expiresAt);
  }

  /**
   * Reads a counter.
   *
   * @param key the counter's key
   * @return its count, or 0 if absent
   * @throws PasswordResetException if the storage fails
   */
  long get(String key);

  /**
   * Reads a counter at the engine's current time: the engine calls this one. By default the same as
   * {@link #get(String)}; a store that forgets expired counters on its own decides by {@code now}.
   *
   * @param key the counter's key
   * @param now the engine's current time
   * @return its count, or 0 if absent or forgotten by {@code now}
   * @throws PasswordResetException if the storage fails
   */
  default long get(String key, Instant now) {
    return get(key);
  }

  /**
   * Reserves one unit: adds one to a counter (creating it at zero if absent) only if its count is
   * below {@code limit}, atomically, so that however many callers race, at most {@code limit} of
   * them succeed. A counter that is created or counted gets an expiry no earlier than {@code
   * expiresAt} (an expiry only ever moves later).
   *
   * @param key the counter's key (at most 128 characters)
   * @param limit the count the counter must stay at or below; {@code limit <= 0} takes nothing
   * @param now the engine's current time
   * @param expiresAt when the counter may be forgotten
   * @return true if a unit was taken (the count was below {@code limit} and is now one higher)
   * @throws PasswordResetException if the storage fails
   */
  boolean tryAcquire(String key, long limit, Instant now, Instant expiresAt);

  /**
   * Gives one unit back: subtracts one from a counter if it is above zero; an absent counter stays
   * absent. The engine calls it for a unit it took with {@link #tryAcquire} that turned out not to
   * count (a login that succeeded).
   *
   * @param key the counter's key
   * @param now the engine's current time
   * @throws PasswordResetException if the storage fails
   */
  void release(String key, Instant now);

  /**
   * Forgets one counter at once, whatever its expiry (a successful login clears the account's
   * consecutive failures). Deleting an absent counter does nothing.
   *
   * @param key the counter's key
   * @throws PasswordResetException if the storage fails
   */
  void delete(String key);

  /**
   * Forgets every counter whose expiry is at or before {@code now}.
   *
   * @param now the current time
   * @return how many were forgotten
   * @throws PasswordResetException if the storage fails
   */
  int purgeExpired(Instant now);
}

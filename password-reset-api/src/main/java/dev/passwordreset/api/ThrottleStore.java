package dev.passwordreset.api;

import java.time.Instant;

/**
 * SPI: counters behind the throttles, by opaque key. The engine keys a counter by a hash of what it
 * counts (an account, a client address) and the index of the current time window, so a store only
 * counts and forgets: it never sees an email or an address, and never decides a limit. Core's
 * in-memory store (Caffeine) serves one node; the JDBC module's makes the limits hold across nodes.
 *
 * <p>Implementations must be thread-safe and {@link #incrementAndGet} atomic.
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
   * Forgets every counter whose expiry is at or before {@code now}.
   *
   * @param now the current time
   * @return how many were forgotten
   * @throws PasswordResetException if the storage fails
   */
  int purgeExpired(Instant now);
}

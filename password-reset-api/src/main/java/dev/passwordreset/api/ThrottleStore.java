package dev.passwordreset.api;

import java.time.Instant;

/**
 * SPI: counters behind the throttles, by opaque key. The engine keys a counter by a hash of what it
 * counts (an account, a client address) and the index of the current time window, so a store only
 * counts and forgets: it never sees an email or an address, and never decides a limit. Core's
 * in-memory store (Caffeine) serves one node; the JDBC module's makes the limits hold across nodes.
 *
 * <p>Implementations must be thread-safe and {@link #incrementAndGet} atomic.
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
   * Reads a counter.
   *
   * @param key the counter's key
   * @return its count, or 0 if absent
   * @throws PasswordResetException if the storage fails
   */
  long get(String key);

  /**
   * Forgets every counter whose expiry is at or before {@code now}.
   *
   * @param now the current time
   * @return how many were forgotten
   * @throws PasswordResetException if the storage fails
   */
  int purgeExpired(Instant now);
}

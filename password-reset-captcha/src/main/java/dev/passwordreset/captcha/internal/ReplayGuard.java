package dev.passwordreset.captcha.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the SHA-256 hashes of the captcha tokens already accepted, for a window, so that a
 * token is accepted once: bounded (the oldest entry goes when full) and expiring. Only hashes are
 * kept, never a token.
 *
 * <p>Thread-safe (one lock; each call is a hash and a few map operations).
 */
public final class ReplayGuard {

  private final Clock clock;
  private final Duration window;
  private final int capacity;
  private final Object lock = new Object();
  // insertion order = expiry order, since the window is fixed; guarded by lock
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  /**
   * Creates a guard.
   *
   * @param clock the time source for the window
   * @param window how long an accepted token is remembered; positive
   * @param capacity the most tokens remembered; positive
   */
  public ReplayGuard(Clock clock, Duration window, int capacity) {
    this.clock = clock;
    this.window = window;
    this.capacity = capacity;
  }

  /**
   * Whether the token was accepted within the window.
   *
   * @param token the token
   * @return {@code true} if it was
   */
  public boolean seen(String token) {
    String key = hash(token);
    synchronized (lock) {
      expire(clock.instant());
      return seen.containsKey(key);
    }
  }

  /**
   * Records an accepted token, unless it is already recorded.
   *
   * @param token the token
   * @return {@code true} if it was new, {@code false} if another call recorded it first
   */
  public boolean accept(String token) {
    String key = hash(token);
    synchronized (lock) {
      Instant now = clock.instant();
      expire(now);
      if (seen.containsKey(key)) {
        return false;
      }
      if (seen.size() >= capacity) {
        Iterator<String> oldest = seen.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      seen.put(key, now.plus(window));
      return true;
    }
  }

  /**
   * How many tokens are remembered now.
   *
   * @return the count
   */
  public int size() {
    synchronized (lock) {
      expire(clock.instant());
      return seen.size();
    }
  }

  private void expire(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isAfter(now)) {
        return;
      }
      it.remove();
    }
  }

  private static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

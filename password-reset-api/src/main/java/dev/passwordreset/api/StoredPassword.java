package dev.passwordreset.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A customer's stored password: only its one-way hash, and the end of its window if an agent set it
 * as temporary. {@link #toString()} leaves the hash out.
 *
 * @param hash the encoded hash (PHC string for Argon2id, or a legacy format a {@link
 *     LegacyPasswordVerifier} understands); not blank
 * @param temporaryUntil when a temporary password stops working, or {@code null} for a normal one
 */
public record StoredPassword(String hash, @Nullable Instant temporaryUntil) {

  /**
   * Creates a stored password.
   *
   * @param hash the encoded hash (PHC string for Argon2id, or a legacy format a {@link
   *     LegacyPasswordVerifier} understands); not blank
   * @param temporaryUntil when a temporary password stops working, or {@code null} for a normal one
   * @throws IllegalArgumentException if {@code hash} is blank
   */
  public StoredPassword {
    Checks.notBlank(hash, "hash");
  }

  /**
   * A normal (non-temporary) password.
   *
   * @param hash the encoded hash
   * @return the stored password
   */
  public static StoredPassword of(String hash) {
    return new StoredPassword(hash, null);
  }

  /**
   * Whether an agent set this password as temporary.
   *
   * @return {@code true} if it has an expiry
   */
  public boolean temporary() {
    return temporaryUntil != null;
  }

  @Override
  public String toString() {
    return "StoredPassword[hash=<redacted>, temporaryUntil=" + temporaryUntil + "]";
  }
}

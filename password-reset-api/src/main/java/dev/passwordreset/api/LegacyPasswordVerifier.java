package dev.passwordreset.api;

/**
 * SPI: verifies a hash format of the platform a host migrates from. A successful login with a
 * legacy hash replaces it with the configured {@link PasswordHasher}'s hash. Core ships a
 * PBKDF2-HMAC-SHA256 verifier.
 *
 * <p>Implementations must be thread-safe, compare in constant time and never log the password.
 */
public interface LegacyPasswordVerifier {

  /**
   * Whether this verifier understands an encoded hash.
   *
   * @param encoded the stored hash
   * @return {@code true} if {@link #verify} can check it
   */
  boolean supports(String encoded);

  /**
   * Whether a password matches a legacy hash.
   *
   * @param password the password; not modified
   * @param encoded the stored hash, for which {@link #supports} returned {@code true}
   * @return {@code true} if it matches; {@code false} if not or if the hash is malformed
   */
  boolean verify(char[] password, String encoded);
}

package dev.passwordreset.api;

import java.util.Optional;

/**
 * SPI: verifies a hash format of the platform a host migrates from. A successful login with a
 * legacy hash replaces it with the configured {@link PasswordHasher}'s hash. Core ships a
 * PBKDF2-HMAC-SHA256 verifier; the module {@code password-reset-legacy} ships the formats of common
 * platforms (bcrypt, phpass, WordPress, Django, Spring Security, Magento 2).
 *
 * <p>The engine calls {@link #verify} with the password as typed and, when NFKC normalization
 * changes it, also with the normalized form (legacy platforms did not normalize).
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

  /**
   * The same hash in a format the engine's own {@link PasswordHasher} may read, when the legacy
   * format only wraps one: Django's {@code argon2$argon2id$…}, Spring's {@code {argon2}$argon2id$…}
   * or Magento's hexadecimal Argon2id are Argon2 PHC strings in disguise. The engine then verifies
   * the unwrapped hash with its own hasher (bounded memory) and, at the first successful login,
   * stores it unwrapped when it is at least as strong as the configured parameters, instead of
   * re-hashing it with weaker ones.
   *
   * @param encoded a stored hash for which {@link #supports} returned {@code true}
   * @return the unwrapped hash (same password, same salt, same parameters), or empty (the default)
   *     when the format wraps nothing the hasher could read
   */
  default Optional<String> nativeForm(String encoded) {
    return Optional.empty();
  }
}

package dev.passwordreset.api;

/**
 * SPI: one-way password hashing. Core's {@code Argon2PasswordHasher} is the default.
 *
 * <p>Implementations must be thread-safe, must not keep or log the password, must not modify the
 * array they are given, and must compare hashes in constant time.
 */
public interface PasswordHasher {

  /**
   * Hashes a password with a fresh random salt.
   *
   * @param password the password, NFKC-normalized by the engine; not modified
   * @return the encoded hash, self-describing (e.g. a PHC string)
   * @throws PasswordResetException if hashing fails
   */
  String hash(char[] password);

  /**
   * Whether a password matches an encoded hash this hasher produced.
   *
   * @param password the password; not modified
   * @param encoded the stored hash
   * @return {@code true} if it matches; {@code false} if not, or if {@code encoded} is not in this
   *     hasher's format
   */
  boolean verify(char[] password, String encoded);

  /**
   * Whether an encoded hash should be replaced by a new one (weaker parameters than configured, or
   * not this hasher's format at all).
   *
   * @param encoded the stored hash
   * @return {@code true} if it should be re-hashed at the next successful login
   */
  boolean needsRehash(String encoded);

  /**
   * Whether an encoded hash is in this hasher's format.
   *
   * @param encoded the stored hash
   * @return {@code true} if {@link #verify} can check it
   */
  boolean supports(String encoded);
}

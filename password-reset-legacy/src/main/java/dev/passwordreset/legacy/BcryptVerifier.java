package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import java.util.Objects;

/**
 * Verifies plain bcrypt hashes, {@code $2a$}, {@code $2b$} and {@code $2y$} (the default of PHP's
 * {@code password_hash}, so of Laravel, Symfony, Shopware, PrestaShop 1.7+ and of WordPress's
 * bcrypt plugins, and of Spring Security's {@code BCryptPasswordEncoder} without its {@code
 * {bcrypt}} prefix), with BouncyCastle's bcrypt. The password is encoded as UTF-8; a password
 * longer than 72 bytes is checked by its first 72 bytes, as PHP and Spring checked it when the hash
 * was made (see the README's migration guide). Costs from 4 to 18 are supported; anything else is
 * not, and {@link #verify} answers {@code false} for it without hashing.
 *
 * <p>Never logs; the caller's {@code char[]} is not modified and the bytes made from it are wiped.
 * Immutable and thread-safe.
 */
public final class BcryptVerifier implements LegacyPasswordVerifier {

  /** Creates the verifier. */
  public BcryptVerifier() {}

  /**
   * Whether a stored hash is a bcrypt string this verifier checks. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    return Bcrypt.isBcrypt(Objects.requireNonNull(encoded, "encoded must not be null"));
  }

  /**
   * Whether a password matches a bcrypt hash.
   *
   * @param password the password; not modified
   * @param encoded the stored hash; any string
   * @return {@code true} if it matches; {@code false} if not or if {@code encoded} is not supported
   * @throws NullPointerException if an argument is null
   */
  @Override
  public boolean verify(char[] password, String encoded) {
    Objects.requireNonNull(password, "password must not be null");
    Objects.requireNonNull(encoded, "encoded must not be null");
    byte[] key = Codec.utf8(password);
    try {
      return Bcrypt.check(encoded, key);
    } finally {
      Codec.wipe(key);
    }
  }

  @Override
  public String toString() {
    return "BcryptVerifier[$2a$, $2b$, $2y$]";
  }
}

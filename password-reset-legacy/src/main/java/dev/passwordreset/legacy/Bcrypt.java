package dev.passwordreset.legacy;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt strings ({@code $2a$}, {@code $2b$}, {@code $2y$}) checked with BouncyCastle's {@link
 * OpenBSDBCrypt}. The parsing and the bounds are ours.
 *
 * <p><b>The 72-byte rule.</b> bcrypt reads at most 72 bytes of key. PHP's {@code password_hash} and
 * {@code password_verify} (Laravel, Symfony, Shopware, PrestaShop, WordPress plugins) and Spring
 * Security's {@code BCryptPasswordEncoder} before 6.3 silently used the first 72 bytes of the UTF-8
 * password; later Spring versions refuse longer passwords when hashing, so none of their stored
 * hashes covers more. So does this class: a password longer than 72 bytes is checked by its first
 * 72 bytes, exactly as the platform that made the hash checked it. The Argon2id hash that replaces
 * it at the first login covers the whole password.
 */
final class Bcrypt {

  /** bcrypt's key limit in bytes. */
  static final int MAX_KEY_BYTES = 72;

  /**
   * The largest cost verified: 2^18 rounds already take tens of seconds in Java. A stored row with
   * a larger one is not supported, so that it cannot make a login run for hours.
   */
  static final int MAX_COST = 18;

  private static final int LENGTH = 60;

  private Bcrypt() {}

  /**
   * Whether a string is a bcrypt hash with a known prefix and a cost from 4 to {@link #MAX_COST}.
   */
  static boolean isBcrypt(String encoded) {
    if (encoded.length() != LENGTH
        || encoded.charAt(0) != '$'
        || encoded.charAt(1) != '2'
        || encoded.charAt(3) != '$'
        || encoded.charAt(6) != '$') {
      return false;
    }
    char minor = encoded.charAt(2);
    if (minor != 'a' && minor != 'b' && minor != 'y') {
      return false;
    }
    int cost = Codec.number(encoded.substring(4, 6), 99);
    if (cost < 4 || cost > MAX_COST) {
      return false;
    }
    for (int i = 7; i < LENGTH; i++) {
      char c = encoded.charAt(i);
      boolean ok =
          c == '.'
              || c == '/'
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks a key (the password's bytes, or what a platform made of them) against a bcrypt string,
   * using at most its first 72 bytes. The key is not modified.
   */
  static boolean check(String encoded, byte[] key) {
    if (!isBcrypt(encoded)) {
      return false;
    }
    byte[] used = key.length > MAX_KEY_BYTES ? Arrays.copyOf(key, MAX_KEY_BYTES) : key.clone();
    try {
      return OpenBSDBCrypt.checkPassword(encoded, used);
    } catch (RuntimeException e) {
      return false;
    } finally {
      Codec.wipe(used);
    }
  }
}

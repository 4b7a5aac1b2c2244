package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Verifies phpass "portable" hashes, {@code $P$} (WordPress and WooCommerce before 6.8, Drupal 7
 * imports) and {@code $H$} (phpBB 3): {@code $P$} + one character giving log2 of the iteration
 * count + 8 characters of salt + 22 characters of hash, in phpass's own base64 alphabet. The hash
 * is MD5(salt ‖ password), then MD5(hash ‖ password) repeated 2^count times (the JDK's MD5; the
 * scheme is this class's). The password is encoded as UTF-8, as browsers send it to PHP.
 *
 * <p>phpass accepts counts from 7 to 30; this class verifies counts up to {@value #MAX_LOG2_COUNT}
 * (WordPress writes 8, phpBB 10), so that a tampered row cannot make a login run for minutes.
 * Comparison is in constant time. Never logs; the caller's {@code char[]} is not modified and the
 * bytes made from it are wiped. Immutable and thread-safe.
 */
public final class PhpassVerifier implements LegacyPasswordVerifier {

  /** The largest log2 of the iteration count verified. */
  public static final int MAX_LOG2_COUNT = 24;

  static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int LENGTH = 34;

  /** Creates the verifier. */
  public PhpassVerifier() {}

  /**
   * Whether a stored hash is a phpass portable hash this verifier checks. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    if (encoded.length() != LENGTH || !(encoded.startsWith("$P$") || encoded.startsWith("$H$"))) {
      return false;
    }
    int log2 = ITOA64.indexOf(encoded.charAt(3));
    if (log2 < 7 || log2 > MAX_LOG2_COUNT) {
      return false;
    }
    for (int i = 4; i < LENGTH; i++) {
      if (ITOA64.indexOf(encoded.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a password matches a phpass portable hash.
   *
   * @param password the password; not modified
   * @param encoded the stored hash; any string
   * @return {@code true} if it matches; {@code false} if not or if {@code encoded} is not supported
   * @throws NullPointerException if an argument is null
   */
  @Override
  public boolean verify(char[] password, String encoded) {
    Objects.requireNonNull(password, "password must not be null");
    if (!supports(encoded)) {
      return false;
    }
    int count = 1 << ITOA64.indexOf(encoded.charAt(3));
    byte[] salt = encoded.substring(4, 12).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] pw = Codec.utf8(password);
    byte[] hash = null;
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(salt);
      md5.update(pw);
      hash = md5.digest();
      for (int i = 0; i < count; i++) {
        md5.update(hash);
        md5.update(pw);
        byte[] next = md5.digest();
        Codec.wipe(hash);
        hash = next;
      }
      byte[] expected = encoded.substring(12).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] actual = encode64(hash);
      return Codec.same(actual, expected);
    } catch (NoSuchAlgorithmException e) {
      return false;
    } finally {
      Codec.wipe(pw);
      Codec.wipe(hash);
    }
  }

  /** phpass's encode64 of 16 bytes: 22 characters. */
  static byte[] encode64(byte[] input) {
    StringBuilder out = new StringBuilder(22);
    int i = 0;
    int count = input.length;
    do {
      int value = input[i++] & 0xff;
      out.append(ITOA64.charAt(value & 0x3f));
      if (i < count) {
        value |= (input[i] & 0xff) << 8;
      }
      out.append(ITOA64.charAt((value >> 6) & 0x3f));
      if (i++ >= count) {
        break;
      }
      if (i < count) {
        value |= (input[i] & 0xff) << 16;
      }
      out.append(ITOA64.charAt((value >> 12) & 0x3f));
      if (i++ >= count) {
        break;
      }
      out.append(ITOA64.charAt((value >> 18) & 0x3f));
    } while (i < count);
    return out.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "PhpassVerifier[$P$, $H$]";
  }
}

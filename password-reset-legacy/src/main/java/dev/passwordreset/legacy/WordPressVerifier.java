package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies every hash WordPress (and WooCommerce) stores in {@code wp_users.user_pass}, the way
 * {@code wp_check_password} of WordPress 6.8 does:
 *
 * <ul>
 *   <li>{@code $wp$2y$…}, WordPress 6.8+: bcrypt over the base64 of HMAC-SHA384(key {@code
 *       "wp-sha384"}, password). WordPress trims the password when hashing but not when checking,
 *       so, as in WordPress, a password with leading or trailing spaces is checked as typed;
 *   <li>{@code $P$…}, before 6.8: phpass portable ({@link PhpassVerifier});
 *   <li>{@code $2y$…}, from bcrypt plugins such as roots/wp-password-bcrypt ({@link
 *       BcryptVerifier}).
 * </ul>
 *
 * <p>The password is encoded as UTF-8. WordPress's optional {@code WP_PASSWORD_PEPPER} is not
 * supported (hashes made with one do not verify). Never logs; the caller's {@code char[]} is not
 * modified and the bytes made from it are wiped. Immutable and thread-safe.
 */
public final class WordPressVerifier implements LegacyPasswordVerifier {

  private static final String PREFIX = "$wp";
  private static final byte[] KEY = "wp-sha384".getBytes(StandardCharsets.US_ASCII);

  private final PhpassVerifier phpass = new PhpassVerifier();
  private final BcryptVerifier bcrypt = new BcryptVerifier();

  /** Creates the verifier. */
  public WordPressVerifier() {}

  /**
   * Whether a stored hash is one of WordPress's formats above. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    return isWordPress68(encoded) || phpass.supports(encoded) || bcrypt.supports(encoded);
  }

  /**
   * Whether a password matches a WordPress hash.
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
    if (!isWordPress68(encoded)) {
      return phpass.supports(encoded)
          ? phpass.verify(password, encoded)
          : bcrypt.verify(password, encoded);
    }
    byte[] pw = Codec.utf8(password);
    byte[] mac = null;
    byte[] key = null;
    try {
      Mac hmac = Mac.getInstance("HmacSHA384");
      hmac.init(new SecretKeySpec(KEY, "HmacSHA384"));
      mac = hmac.doFinal(pw);
      key = Base64.getEncoder().encode(mac);
      return Bcrypt.check(encoded.substring(PREFIX.length()), key);
    } catch (GeneralSecurityException e) {
      return false;
    } finally {
      Codec.wipe(pw);
      Codec.wipe(mac);
      Codec.wipe(key);
    }
  }

  private static boolean isWordPress68(String encoded) {
    return encoded.startsWith(PREFIX + "$2") && Bcrypt.isBcrypt(encoded.substring(PREFIX.length()));
  }

  @Override
  public String toString() {
    return "WordPressVerifier[$wp$2y$, $P$, $2y$]";
  }
}

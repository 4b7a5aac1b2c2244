package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.PasswordHasher;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Offline migration of a whole table of bcrypt hashes: {@link #rewrap} turns each stored bcrypt
 * hash into {@code $rewrapped-bcrypt$2y$10$<salt>} followed by an Argon2id hash (the engine's
 * hasher) of the bcrypt output, without knowing any password; this verifier then checks a password
 * by computing bcrypt with the kept salt and cost and verifying the Argon2id hash of the result. So
 * no account stays protected by bcrypt alone until its owner logs in; at the first login the engine
 * replaces the wrapped hash by a plain Argon2id hash of the password, like any legacy hash.
 *
 * <p>Rewrap in a batch job, row by row, each row replaced only if it still holds the hash that was
 * read ({@code CustomerStore.replacePassword}). The 72-byte rule of {@link BcryptVerifier} applies.
 * Never logs; thread-safe if the hasher is.
 */
public final class RewrappedBcryptVerifier implements LegacyPasswordVerifier {

  /** The prefix of a rewrapped hash. */
  public static final String PREFIX = "$rewrapped-bcrypt";

  private static final String BCRYPT64 =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** {@code $2y$10$} and the 22 characters of salt. */
  private static final int SETTING_LENGTH = 29;

  private final PasswordHasher hasher;

  /**
   * Creates the verifier.
   *
   * @param hasher the hasher the hashes were rewrapped with (the engine's)
   * @throws NullPointerException if {@code hasher} is null
   */
  public RewrappedBcryptVerifier(PasswordHasher hasher) {
    this.hasher = Objects.requireNonNull(hasher, "hasher must not be null");
  }

  /**
   * Rewraps a stored bcrypt hash: the bcrypt salt and cost are kept, the bcrypt output is hashed
   * with {@code hasher}.
   *
   * @param bcryptHash a {@code $2a$}, {@code $2b$} or {@code $2y$} hash (cost 4 to 18)
   * @param hasher the engine's hasher
   * @return {@code $rewrapped-bcrypt$2y$10$<salt>$argon2id$…}
   * @throws IllegalArgumentException if {@code bcryptHash} is not a supported bcrypt hash
   * @throws NullPointerException if an argument is null
   */
  public static String rewrap(String bcryptHash, PasswordHasher hasher) {
    Objects.requireNonNull(bcryptHash, "bcryptHash must not be null");
    Objects.requireNonNull(hasher, "hasher must not be null");
    if (!Bcrypt.isBcrypt(bcryptHash)) {
      throw new IllegalArgumentException("bcryptHash is not a supported bcrypt hash");
    }
    char[] output = bcryptHash.substring(SETTING_LENGTH).toCharArray();
    try {
      return PREFIX + bcryptHash.substring(0, SETTING_LENGTH) + hasher.hash(output);
    } finally {
      Arrays.fill(output, '\0');
    }
  }

  /**
   * Whether a stored hash was made by {@link #rewrap} and its inner hash is the hasher's format.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    if (!encoded.startsWith(PREFIX) || encoded.length() <= PREFIX.length() + SETTING_LENGTH) {
      return false;
    }
    String setting = encoded.substring(PREFIX.length(), PREFIX.length() + SETTING_LENGTH);
    return Bcrypt.isBcrypt(setting + "a".repeat(31))
        && hasher.supports(encoded.substring(PREFIX.length() + SETTING_LENGTH));
  }

  /**
   * Whether a password matches a rewrapped hash: bcrypt with the kept salt and cost, then the
   * hasher's verification of the bcrypt output.
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
    String setting = encoded.substring(PREFIX.length(), PREFIX.length() + SETTING_LENGTH);
    byte[] salt = decodeSalt(setting.substring(7));
    byte[] key = Codec.utf8(password);
    byte[] used =
        key.length > Bcrypt.MAX_KEY_BYTES ? Arrays.copyOf(key, Bcrypt.MAX_KEY_BYTES) : key;
    char[] output = null;
    try {
      String bcrypt =
          OpenBSDBCrypt.generate(
              setting.substring(1, 3), used, salt, Integer.parseInt(setting.substring(4, 6)));
      output = bcrypt.substring(SETTING_LENGTH).toCharArray();
      return hasher.verify(output, encoded.substring(PREFIX.length() + SETTING_LENGTH));
    } catch (RuntimeException e) {
      return false;
    } finally {
      Codec.wipe(key);
      Codec.wipe(used);
      Codec.wipe(output);
    }
  }

  /** bcrypt's own base64 of the 16-byte salt (22 characters). */
  private static byte[] decodeSalt(String text) {
    byte[] out = new byte[16];
    int bits = 0;
    int buffer = 0;
    int n = 0;
    for (int i = 0; i < text.length() && n < out.length; i++) {
      buffer = (buffer << 6) | BCRYPT64.indexOf(text.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (buffer >> bits);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "RewrappedBcryptVerifier[" + PREFIX + "]";
  }
}

package dev.passwordreset.core.hash;

import dev.passwordreset.api.LegacyPasswordVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies PBKDF2-HMAC-SHA256 hashes (RFC 8018) of a platform a host migrates from, with the JDK's
 * {@code PBKDF2WithHmacSHA256}; the engine re-hashes with Argon2id after a successful login.
 *
 * <p>Two encoded formats are understood, both with the password encoded as UTF-8:
 *
 * <ul>
 *   <li><b>passlib / PHC-like</b>: {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>}, as written by
 *       Python's passlib ({@code passlib.hash.pbkdf2_sha256}) and compatible libraries. {@code
 *       <iterations>} is a decimal number; {@code <salt>} and {@code <hash>} are passlib's "adapted
 *       base64": the standard base64 alphabet with {@code .} instead of {@code +} and no {@code =}
 *       padding (standard {@code +} is accepted too). The salt's decoded bytes are the PBKDF2 salt;
 *       the derived-key length is the decoded hash length (passlib: 32 bytes). Example, for
 *       password {@code "password"}, salt {@code "salt"}, 4096 iterations: {@code
 *       $pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o}.
 *   <li><b>Django</b>: {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}, as written by Django's
 *       {@code PBKDF2PasswordHasher}: the salt is used as the UTF-8 bytes of its text (it is not
 *       decoded), and the hash is standard base64 with padding.
 * </ul>
 *
 * <p>Accepted bounds: 1 to {@value #MAX_ITERATIONS} iterations (an absurd count in a stored row
 * must not make a login hash for minutes), a salt of 1 to 1024 bytes and a hash of 16 to 64 bytes.
 * Anything else is not {@linkplain #supports supported}, and {@link #verify} answers {@code false}
 * for it without deriving a key.
 *
 * <p>Comparison is in constant time ({@link MessageDigest#isEqual}). The caller's {@code char[]} is
 * never modified; the derived key bytes and the key specification's copy of the password are wiped
 * after use. Never logs. Immutable and thread-safe.
 */
public final class Pbkdf2LegacyVerifier implements LegacyPasswordVerifier {

  /** The largest iteration count verified; a larger one is treated as unsupported. */
  public static final int MAX_ITERATIONS = 10_000_000;

  private static final String PASSLIB_PREFIX = "$pbkdf2-sha256$";
  private static final String DJANGO_PREFIX = "pbkdf2_sha256$";
  private static final int MAX_ENCODED_LENGTH = 4096;
  private static final int MAX_SALT_BYTES = 1024;
  private static final int MIN_HASH_BYTES = 16;
  private static final int MAX_HASH_BYTES = 64;

  /** Creates the verifier. */
  public Pbkdf2LegacyVerifier() {}

  /**
   * Whether a stored hash is in one of the formats above, within the accepted bounds. Does not
   * derive a key.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it; never throws for malformed input
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    return Parsed.of(encoded).isPresent();
  }

  /**
   * Whether a password matches a stored PBKDF2-HMAC-SHA256 hash.
   *
   * @param password the password; not modified
   * @param encoded the stored hash; any string
   * @return {@code true} if it matches; {@code false} if not, or if {@code encoded} is malformed or
   *     outside the accepted bounds (never an exception for those)
   * @throws NullPointerException if an argument is null
   */
  @Override
  public boolean verify(char[] password, String encoded) {
    Objects.requireNonNull(password, "password must not be null");
    Objects.requireNonNull(encoded, "encoded must not be null");
    Optional<Parsed> parsed = Parsed.of(encoded);
    if (parsed.isEmpty()) {
      return false;
    }
    Parsed p = parsed.get();
    PBEKeySpec spec = new PBEKeySpec(password, p.salt, p.iterations, p.hash.length * 8);
    byte[] derived = null;
    try {
      derived =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return MessageDigest.isEqual(derived, p.hash);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    } finally {
      spec.clearPassword();
      if (derived != null) {
        Secrets.wipe(derived);
      }
    }
  }

  /** The parts of a well-formed encoded hash. */
  private record Parsed(int iterations, byte[] salt, byte[] hash) {

    static Optional<Parsed> of(String encoded) {
      if (encoded.length() > MAX_ENCODED_LENGTH) {
        return Optional.empty();
      }
      boolean passlib;
      String rest;
      if (encoded.startsWith(PASSLIB_PREFIX)) {
        passlib = true;
        rest = encoded.substring(PASSLIB_PREFIX.length());
      } else if (encoded.startsWith(DJANGO_PREFIX)) {
        passlib = false;
        rest = encoded.substring(DJANGO_PREFIX.length());
      } else {
        return Optional.empty();
      }
      String[] parts = rest.split("\\$", -1);
      if (parts.length != 3) {
        return Optional.empty();
      }
      int iterations = iterations(parts[0]);
      byte[] salt = passlib ? adaptedBase64(parts[1]) : parts[1].getBytes(StandardCharsets.UTF_8);
      byte[] hash = passlib ? adaptedBase64(parts[2]) : standardBase64(parts[2]);
      if (iterations < 1
          || salt == null
          || salt.length < 1
          || salt.length > MAX_SALT_BYTES
          || hash == null
          || hash.length < MIN_HASH_BYTES
          || hash.length > MAX_HASH_BYTES) {
        return Optional.empty();
      }
      return Optional.of(new Parsed(iterations, salt, hash));
    }

    /** 1 to 8 ASCII digits, at most {@link #MAX_ITERATIONS}; else -1. */
    private static int iterations(String text) {
      if (text.isEmpty() || text.length() > 8) {
        return -1;
      }
      int value = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        value = value * 10 + (c - '0');
      }
      return value > MAX_ITERATIONS ? -1 : value;
    }

    private static byte @Nullable [] adaptedBase64(String text) {
      if (text.contains("=")) {
        return null;
      }
      return standardBase64(text.replace('.', '+'));
    }

    private static byte @Nullable [] standardBase64(String text) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}

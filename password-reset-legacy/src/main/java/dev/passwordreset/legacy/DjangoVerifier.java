package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.core.hash.Pbkdf2LegacyVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the hashes Django's {@code contrib.auth} stores in {@code auth_user.password}:
 *
 * <ul>
 *   <li>{@code argon2$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>} ({@code Argon2PasswordHasher}): an
 *       Argon2 PHC string behind {@code argon2}; {@link #nativeForm} gives the PHC string, so the
 *       engine verifies it with its own hasher and keeps it when it is at least as strong as the
 *       configured parameters;
 *   <li>{@code bcrypt_sha256$$2b$12$…} ({@code BCryptSHA256PasswordHasher}): bcrypt over the 64
 *       hexadecimal characters of SHA-256(password);
 *   <li>{@code bcrypt$$2b$12$…} ({@code BCryptPasswordHasher}): bcrypt over the password (first 72
 *       bytes);
 *   <li>{@code pbkdf2_sha1$<iterations>$<salt>$<hash>} ({@code PBKDF2SHA1PasswordHasher}) and
 *       {@code pbkdf2_sha256$…} (the default; core's {@link Pbkdf2LegacyVerifier}).
 * </ul>
 *
 * <p>The password is encoded as UTF-8, as Django does. Bounds: PBKDF2 up to {@value
 * Pbkdf2LegacyVerifier#MAX_ITERATIONS} iterations, bcrypt costs 4 to 18, Argon2 up to 256 MiB and
 * 100 passes; anything else is not supported. Never logs; the caller's {@code char[]} is not
 * modified and the bytes made from it are wiped. Immutable and thread-safe.
 */
public final class DjangoVerifier implements LegacyPasswordVerifier {

  private static final String ARGON2 = "argon2$";
  private static final String BCRYPT_SHA256 = "bcrypt_sha256$";
  private static final String BCRYPT = "bcrypt$";
  private static final String PBKDF2_SHA1 = "pbkdf2_sha1$";

  private final Pbkdf2LegacyVerifier pbkdf2Sha256 = new Pbkdf2LegacyVerifier();

  /** Creates the verifier. */
  public DjangoVerifier() {}

  /**
   * Whether a stored hash is one of Django's formats above, within the bounds. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    if (encoded.startsWith(ARGON2)) {
      return Argon2Phc.parse(encoded.substring(ARGON2.length() - 1)).isPresent();
    }
    if (encoded.startsWith(BCRYPT_SHA256)) {
      return Bcrypt.isBcrypt(encoded.substring(BCRYPT_SHA256.length()));
    }
    if (encoded.startsWith(BCRYPT)) {
      return Bcrypt.isBcrypt(encoded.substring(BCRYPT.length()));
    }
    if (encoded.startsWith(PBKDF2_SHA1)) {
      return Pbkdf2Sha1.parse(encoded).isPresent();
    }
    return encoded.startsWith("pbkdf2_sha256$") && pbkdf2Sha256.supports(encoded);
  }

  /**
   * Whether a password matches a Django hash.
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
    if (encoded.startsWith("pbkdf2_sha256$")) {
      return pbkdf2Sha256.verify(password, encoded);
    }
    if (encoded.startsWith(PBKDF2_SHA1)) {
      return Pbkdf2Sha1.parse(encoded).map(p -> p.matches(password)).orElse(false);
    }
    byte[] pw = Codec.utf8(password);
    byte[] key = null;
    try {
      if (encoded.startsWith(ARGON2)) {
        return Argon2Phc.parse(encoded.substring(ARGON2.length() - 1))
            .map(phc -> phc.matches(pw))
            .orElse(false);
      }
      if (encoded.startsWith(BCRYPT_SHA256)) {
        key = Codec.hexBytes(MessageDigest.getInstance("SHA-256").digest(pw));
        return Bcrypt.check(encoded.substring(BCRYPT_SHA256.length()), key);
      }
      if (encoded.startsWith(BCRYPT)) {
        return Bcrypt.check(encoded.substring(BCRYPT.length()), pw);
      }
      return false;
    } catch (GeneralSecurityException e) {
      return false;
    } finally {
      Codec.wipe(pw);
      Codec.wipe(key);
    }
  }

  /**
   * For {@code argon2$…}, the Argon2 PHC string it wraps; else empty.
   *
   * @param encoded a stored hash
   * @return the PHC string, or empty
   */
  @Override
  public Optional<String> nativeForm(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    if (!encoded.startsWith(ARGON2)) {
      return Optional.empty();
    }
    return Argon2Phc.parse(encoded.substring(ARGON2.length() - 1)).map(Argon2Phc::phc);
  }

  @Override
  public String toString() {
    return "DjangoVerifier[argon2, bcrypt_sha256, bcrypt, pbkdf2_sha1, pbkdf2_sha256]";
  }

  /**
   * {@code pbkdf2_sha1$<iterations>$<salt>$<base64 hash>}: the salt is used as its text's bytes.
   */
  private record Pbkdf2Sha1(int iterations, byte[] salt, byte[] hash) {
    static Optional<Pbkdf2Sha1> parse(String encoded) {
      if (encoded.length() > Codec.MAX_ENCODED_LENGTH) {
        return Optional.empty();
      }
      String[] parts = encoded.split("\\$", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      int iterations = Codec.number(parts[1], Pbkdf2LegacyVerifier.MAX_ITERATIONS);
      byte[] salt = parts[2].getBytes(StandardCharsets.UTF_8);
      byte[] hash = Codec.base64(parts[3]);
      if (iterations < 1
          || salt.length < 1
          || hash == null
          || hash.length < 16
          || hash.length > 64) {
        return Optional.empty();
      }
      return Optional.of(new Pbkdf2Sha1(iterations, salt, hash));
    }

    boolean matches(char[] password) {
      return Pbkdf2.matches("PBKDF2WithHmacSHA1", password, salt, iterations, hash);
    }
  }
}

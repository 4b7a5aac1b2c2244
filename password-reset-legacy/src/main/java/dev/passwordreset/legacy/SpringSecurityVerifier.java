package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.generators.SCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the hashes of Spring Security's {@code DelegatingPasswordEncoder} (as made by {@code
 * PasswordEncoderFactories.createDelegatingPasswordEncoder()}, Spring Security 5 to 7), by their
 * {@code {id}} prefix:
 *
 * <ul>
 *   <li>{@code {bcrypt}$2a$10$…}: bcrypt (first 72 bytes of the password, as Spring before 6.3
 *       checked it; later versions never hashed longer ones);
 *   <li>{@code {argon2}$argon2id$…} and {@code {argon2@SpringSecurity_v5_8}$argon2id$…}: an Argon2
 *       PHC string; {@link #nativeForm} gives it, so the engine verifies it with its own hasher and
 *       keeps it when it is at least as strong as the configured parameters;
 *   <li>{@code {pbkdf2}<hex>}: {@code Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5()},
 *       PBKDF2-HMAC-SHA1, 185000 iterations, 8-byte salt; {@code
 *       {pbkdf2@SpringSecurity_v5_8}<hex>}: {@code defaultsForSpringSecurity_v5_8()},
 *       PBKDF2-HMAC-SHA256, 310000 iterations, 16-byte salt (both without a secret; see {@link
 *       SpringPbkdf2Verifier} for other settings);
 *   <li>{@code {scrypt}$…} and {@code {scrypt@SpringSecurity_v5_8}$…}: scrypt (BouncyCastle's), its
 *       parameters read from the string; N up to 2^20, r up to 16, p up to 16;
 *   <li>{@code {noop}…}: a password stored in plain text. It is <b>refused</b>: supported (so the
 *       engine does not report an unknown format) but never verified, and logged once at WARN
 *       (without the value) asking the host to have those customers reset their password.
 * </ul>
 *
 * <p>Other ids ({@code {MD5}}, {@code {SHA-256}}, {@code {ldap}}, {@code {sha256}}, {@code {MD4}})
 * are not supported. The password is encoded as UTF-8, as Spring does. Immutable apart from the
 * log-once flag; thread-safe.
 */
public final class SpringSecurityVerifier implements LegacyPasswordVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(SpringSecurityVerifier.class);

  private static final String BCRYPT = "{bcrypt}";
  private static final String ARGON2 = "{argon2}";
  private static final String ARGON2_V58 = "{argon2@SpringSecurity_v5_8}";
  private static final String PBKDF2 = "{pbkdf2}";
  private static final String PBKDF2_V58 = "{pbkdf2@SpringSecurity_v5_8}";
  private static final String SCRYPT = "{scrypt}";
  private static final String SCRYPT_V58 = "{scrypt@SpringSecurity_v5_8}";
  private static final String NOOP = "{noop}";

  private final BcryptVerifier bcrypt = new BcryptVerifier();
  private final SpringPbkdf2Verifier pbkdf2 = SpringPbkdf2Verifier.springSecurityV5_5();
  private final SpringPbkdf2Verifier pbkdf2V58 = SpringPbkdf2Verifier.springSecurityV5_8();
  private final AtomicBoolean noopLogged = new AtomicBoolean();

  /** Creates the verifier. */
  public SpringSecurityVerifier() {}

  /**
   * Whether a stored hash has one of the ids above and a well-formed, bounded value. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} answers for it ({@code {noop}} included, always refused)
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    if (encoded.startsWith(NOOP)) {
      return true;
    }
    if (encoded.startsWith(BCRYPT)) {
      return bcrypt.supports(encoded.substring(BCRYPT.length()));
    }
    if (encoded.startsWith(PBKDF2)) {
      return pbkdf2.supports(encoded.substring(PBKDF2.length()));
    }
    if (encoded.startsWith(PBKDF2_V58)) {
      return pbkdf2V58.supports(encoded.substring(PBKDF2_V58.length()));
    }
    return argon2(encoded).isPresent() || scrypt(encoded).isPresent();
  }

  /**
   * Whether a password matches a Spring Security hash. {@code {noop}} never matches.
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
    if (encoded.startsWith(NOOP)) {
      if (noopLogged.compareAndSet(false, true)) {
        LOG.warn(
            "A stored password is Spring Security {noop}, i.e. plain text: it is refused, never"
                + " verified. Replace such rows (e.g. by a random Argon2id hash) and have those"
                + " customers reset their password. Logged once.");
      }
      return false;
    }
    if (encoded.startsWith(BCRYPT)) {
      return bcrypt.verify(password, encoded.substring(BCRYPT.length()));
    }
    if (encoded.startsWith(PBKDF2)) {
      return pbkdf2.verify(password, encoded.substring(PBKDF2.length()));
    }
    if (encoded.startsWith(PBKDF2_V58)) {
      return pbkdf2V58.verify(password, encoded.substring(PBKDF2_V58.length()));
    }
    Optional<Argon2Phc> argon2 = argon2(encoded);
    Optional<Scrypt> scrypt = argon2.isPresent() ? Optional.empty() : scrypt(encoded);
    if (argon2.isEmpty() && scrypt.isEmpty()) {
      return false;
    }
    byte[] pw = Codec.utf8(password);
    try {
      return argon2.isPresent() ? argon2.get().matches(pw) : scrypt.get().matches(pw);
    } finally {
      Codec.wipe(pw);
    }
  }

  /**
   * For {@code {argon2}} and {@code {argon2@SpringSecurity_v5_8}}, the Argon2 PHC string behind the
   * id; else empty.
   *
   * @param encoded a stored hash
   * @return the PHC string, or empty
   */
  @Override
  public Optional<String> nativeForm(String encoded) {
    return argon2(Objects.requireNonNull(encoded, "encoded must not be null")).map(Argon2Phc::phc);
  }

  private static Optional<Argon2Phc> argon2(String encoded) {
    if (encoded.startsWith(ARGON2)) {
      return Argon2Phc.parse(encoded.substring(ARGON2.length()));
    }
    if (encoded.startsWith(ARGON2_V58)) {
      return Argon2Phc.parse(encoded.substring(ARGON2_V58.length()));
    }
    return Optional.empty();
  }

  private static Optional<Scrypt> scrypt(String encoded) {
    if (encoded.startsWith(SCRYPT)) {
      return Scrypt.parse(encoded.substring(SCRYPT.length()));
    }
    if (encoded.startsWith(SCRYPT_V58)) {
      return Scrypt.parse(encoded.substring(SCRYPT_V58.length()));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "SpringSecurityVerifier[{bcrypt}, {argon2}, {pbkdf2}, {scrypt} (+@SpringSecurity_v5_8),"
        + " {noop} refused]";
  }

  /**
   * Spring's {@code SCryptPasswordEncoder} string: {@code $<hex of log2(N) << 16 | r << 8 |
   * p>$<base64 salt>$<base64 key>}.
   */
  private record Scrypt(int n, int r, int p, byte[] salt, byte[] key) {
    static final int MAX_LOG2_N = 20;
    static final int MAX_R = 16;
    static final int MAX_P = 16;

    static Optional<Scrypt> parse(String value) {
      if (value.length() > Codec.MAX_ENCODED_LENGTH) {
        return Optional.empty();
      }
      String[] parts = value.split("\\$", -1);
      if (parts.length != 4 || !parts[0].isEmpty() || parts[1].isEmpty() || parts[1].length() > 8) {
        return Optional.empty();
      }
      long params;
      try {
        params = Long.parseLong(parts[1], 16);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      int log2n = (int) (params >> 16 & 0xffff);
      int r = (int) (params >> 8 & 0xff);
      int p = (int) (params & 0xff);
      byte[] salt = Codec.base64(parts[2]);
      byte[] key = Codec.base64(parts[3]);
      if (log2n < 1
          || log2n > MAX_LOG2_N
          || r < 1
          || r > MAX_R
          || p < 1
          || p > MAX_P
          || salt == null
          || salt.length < 1
          || key == null
          || key.length < 16
          || key.length > 1024) {
        return Optional.empty();
      }
      return Optional.of(new Scrypt(1 << log2n, r, p, salt, key));
    }

    boolean matches(byte[] password) {
      byte[] derived = SCrypt.generate(password, salt, n, r, p, key.length);
      try {
        return Codec.same(derived, key);
      } finally {
        Codec.wipe(derived);
      }
    }
  }
}

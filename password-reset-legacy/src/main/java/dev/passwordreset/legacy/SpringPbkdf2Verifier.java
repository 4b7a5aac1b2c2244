package dev.passwordreset.legacy;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.LegacyPasswordVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Verifies the hashes of Spring Security's {@code Pbkdf2PasswordEncoder} stored without a {@code
 * {pbkdf2}} prefix: the hexadecimal encoding of salt ‖ PBKDF2(password, salt ‖ secret, iterations,
 * 256 bits). The string says neither the algorithm, the iteration count nor the secret, so they are
 * this verifier's settings: {@link #springSecurityV5_8()} (PBKDF2-HMAC-SHA256, 310000 iterations,
 * 16-byte salt, no secret), {@link #springSecurityV5_5()} (PBKDF2-HMAC-SHA1, 185000, 8-byte salt,
 * no secret), or {@link #of} for an encoder built with other values. Base64-encoded hashes ({@code
 * setEncodeHashAsBase64(true)}) are not supported.
 *
 * <p>{@link #supports} accepts any hexadecimal string of exactly the configured length, so register
 * this verifier after the others. The password is encoded as UTF-8, as Spring does. Never logs;
 * immutable and thread-safe.
 */
public final class SpringPbkdf2Verifier implements LegacyPasswordVerifier {

  /** Spring's hash width: 256 bits. */
  private static final int HASH_BYTES = 32;

  private final String algorithm;
  private final int iterations;
  private final int saltLength;
  private final byte[] secret;

  private SpringPbkdf2Verifier(String algorithm, int iterations, int saltLength, byte[] secret) {
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.saltLength = saltLength;
    this.secret = secret;
  }

  /**
   * The settings of {@code Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()}.
   *
   * @return a verifier
   */
  public static SpringPbkdf2Verifier springSecurityV5_8() {
    return new SpringPbkdf2Verifier("PBKDF2WithHmacSHA256", 310_000, 16, new byte[0]);
  }

  /**
   * The settings of {@code Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5()} (and of the
   * {@code {pbkdf2}} id).
   *
   * @return a verifier
   */
  public static SpringPbkdf2Verifier springSecurityV5_5() {
    return new SpringPbkdf2Verifier("PBKDF2WithHmacSHA1", 185_000, 8, new byte[0]);
  }

  /**
   * The settings of an encoder built as {@code new Pbkdf2PasswordEncoder(secret, saltLength,
   * iterations, algorithm)}.
   *
   * @param secret the encoder's secret (often empty); not kept as given, its UTF-8 bytes are
   * @param saltLength the salt length in bytes, 1 to 1024
   * @param iterations 1 to 10000000
   * @param algorithm {@code "PBKDF2WithHmacSHA1"}, {@code "PBKDF2WithHmacSHA256"} or {@code
   *     "PBKDF2WithHmacSHA512"}
   * @return a verifier
   * @throws IllegalArgumentException ({@link InvalidSettingException}) naming the bad argument
   * @throws NullPointerException if an argument is null
   */
  public static SpringPbkdf2Verifier of(
      CharSequence secret, int saltLength, int iterations, String algorithm) {
    Objects.requireNonNull(secret, "secret must not be null");
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    if (saltLength < 1 || saltLength > 1024) {
      throw new InvalidSettingException("saltLength", saltLength, "must be between 1 and 1024");
    }
    if (iterations < 1 || iterations > 10_000_000) {
      throw new InvalidSettingException("iterations", iterations, "must be between 1 and 10000000");
    }
    if (!Arrays.asList("PBKDF2WithHmacSHA1", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA512")
        .contains(algorithm)) {
      throw new InvalidSettingException(
          "algorithm",
          algorithm,
          "must be PBKDF2WithHmacSHA1, PBKDF2WithHmacSHA256 or PBKDF2WithHmacSHA512");
    }
    return new SpringPbkdf2Verifier(
        algorithm, iterations, saltLength, secret.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether a stored hash is hexadecimal of the configured length (salt plus 32 bytes).
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    return encoded.length() == 2 * (saltLength + HASH_BYTES) && Codec.hex(encoded) != null;
  }

  /**
   * Whether a password matches a stored hash.
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
    byte[] all = Codec.hex(encoded);
    if (all == null) {
      return false;
    }
    byte[] salt = Arrays.copyOf(all, saltLength);
    byte[] expected = Arrays.copyOfRange(all, saltLength, all.length);
    return Pbkdf2.matches(algorithm, password, Codec.concat(salt, secret), iterations, expected);
  }

  /**
   * The settings, never the secret.
   *
   * @return e.g. {@code SpringPbkdf2Verifier[PBKDF2WithHmacSHA256 310000 salt=16]}
   */
  @Override
  public String toString() {
    return "SpringPbkdf2Verifier[" + algorithm + " " + iterations + " salt=" + saltLength + "]";
  }
}

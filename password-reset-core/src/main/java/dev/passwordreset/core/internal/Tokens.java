package dev.passwordreset.core.internal;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Token generation and hashing: 32 bytes from {@link SecureRandom}, base64url without padding (43
 * characters); only the SHA-256 of a token ({@link #hash(String)}, kept as bytes end to end) is
 * ever stored.
 *
 * <p>Thread-safe.
 */
public final class Tokens {

  /** Length of an encoded token: 32 bytes in unpadded base64url. */
  public static final int TOKEN_LENGTH = 43;

  private static final int TOKEN_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();

  private final SecureRandom random;

  /**
   * Creates a generator on a fresh {@link SecureRandom}.
   *
   * @return the generator
   */
  public static Tokens create() {
    return new Tokens(new SecureRandom());
  }

  /**
   * Creates a generator on the given source of randomness.
   *
   * @param random a cryptographically strong source
   */
  public Tokens(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random must not be null");
  }

  /**
   * A new token.
   *
   * @return 43 base64url characters carrying 256 random bits
   */
  public String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Whether a text has the form of a token (43 base64url characters), so that malformed input is
   * refused before any lookup.
   *
   * @param token any text, possibly null
   * @return {@code true} if well-formed
   */
  public static boolean wellFormed(String token) {
    if (token == null || token.length() != TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < TOKEN_LENGTH; i++) {
      char c = token.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The SHA-256 of a token: the key its ticket is stored under. No hex on the way.
   *
   * @param token the token (any text; a well-formed token is 43 ASCII characters)
   * @return its SHA-256
   */
  public static TokenHash hash(String token) {
    return TokenHash.of(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The SHA-256 of a text, in lower-case hex: the opaque form of throttle keys.
   *
   * @param value the text
   * @return 64 lower-case hex characters
   */
  public static String sha256Hex(String value) {
    return HEX.formatHex(sha256().digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Cloned for each use: much cheaper than a provider lookup, and never shared while in use. */
  private static final @Nullable MessageDigest SHA256_PROTOTYPE = prototype();

  private static @Nullable MessageDigest prototype() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.clone(); // only a cloneable implementation is worth keeping
      return md;
    } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
      return null;
    }
  }

  private static MessageDigest sha256() {
    MessageDigest prototype = SHA256_PROTOTYPE;
    if (prototype != null) {
      try {
        return (MessageDigest) prototype.clone();
      } catch (CloneNotSupportedException e) {
        // checked when the prototype was made; fall through to a lookup
      }
    }
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new PasswordResetException("SHA-256 is not available in this JVM", e);
    }
  }
}

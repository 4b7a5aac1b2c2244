package dev.passwordreset.core.hash;

import java.util.Base64;
import java.util.Optional;

/**
 * The parameters of an Argon2 hash in PHC string form, {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (salt and hash in standard base64 without padding;
 * the {@code v=} part may be missing, meaning version 16, as libargon2 accepts).
 *
 * <p>Parsing is strict and bounded, so that a stored string can never make the hasher allocate more
 * than {@link Argon2PasswordHasher#MAX_MEMORY_KIB} or run more than {@link
 * Argon2PasswordHasher#MAX_ITERATIONS} passes.
 */
record Argon2Encoded(
    String type,
    int version,
    int memoryKiB,
    int iterations,
    int parallelism,
    int saltLength,
    int hashLength) {

  static final String ARGON2ID = "argon2id";
  static final String ARGON2I = "argon2i";
  static final String ARGON2D = "argon2d";

  /** Longer than any hash the bounds below allow; cuts parsing of absurd input short. */
  private static final int MAX_ENCODED_LENGTH = 4096;

  private static final int MIN_SALT_BYTES = 8; // libargon2's ARGON2_MIN_SALT_LENGTH
  private static final int MIN_HASH_BYTES = 4; // libargon2's ARGON2_MIN_OUTLEN
  private static final int MAX_BYTES = 1024;

  /**
   * Parses an encoded hash.
   *
   * @param encoded any string
   * @return its parameters, or empty if it is not an Argon2 PHC string within the bounds
   */
  static Optional<Argon2Encoded> parse(String encoded) {
    if (encoded.length() > MAX_ENCODED_LENGTH || !encoded.startsWith("$argon2")) {
      return Optional.empty();
    }
    String[] parts = encoded.split("\\$", -1);
    // "", type, [v=..], params, salt, hash
    if (parts.length != 5 && parts.length != 6) {
      return Optional.empty();
    }
    String type = parts[1];
    if (!type.equals(ARGON2ID) && !type.equals(ARGON2I) && !type.equals(ARGON2D)) {
      return Optional.empty();
    }
    int next = 2;
    int version = 0x10;
    if (parts.length == 6) {
      if (parts[2].equals("v=19")) {
        version = 0x13;
      } else if (!parts[2].equals("v=16")) {
        return Optional.empty();
      }
      next = 3;
    }
    String[] params = parts[next].split(",", -1);
    if (params.length != 3) {
      return Optional.empty();
    }
    int m = number(params[0], "m=", Argon2PasswordHasher.MAX_MEMORY_KIB);
    int t = number(params[1], "t=", Argon2PasswordHasher.MAX_ITERATIONS);
    int p = number(params[2], "p=", Argon2PasswordHasher.MAX_PARALLELISM);
    // an invalid m is -1, so below 8 × p
    if (t < 1 || p < 1 || m < 8 * p) {
      return Optional.empty();
    }
    int salt = decodedLength(parts[next + 1]);
    int hash = decodedLength(parts[next + 2]);
    if (salt < MIN_SALT_BYTES || hash < MIN_HASH_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new Argon2Encoded(type, version, m, t, p, salt, hash));
  }

  /**
   * The value after {@code prefix}: decimal digits without a leading zero (as the PHC format and
   * libargon2, which rejects {@code m=01024}, require), from 1 to {@code max}; else -1.
   */
  private static int number(String text, String prefix, int max) {
    if (!text.startsWith(prefix)) {
      return -1;
    }
    String digits = text.substring(prefix.length());
    if (digits.isEmpty() || digits.charAt(0) == '0') {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value > max) {
        return -1; // also stops before a long number could overflow
      }
    }
    return (int) value;
  }

  /** Bytes encoded by unpadded standard base64 text, or -1 if it is not that or too long. */
  private static int decodedLength(String text) {
    if (text.isEmpty() || text.contains("=") || text.length() > (MAX_BYTES * 4 + 2) / 3) {
      return -1;
    }
    try {
      return Base64.getDecoder().decode(text).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}

package dev.passwordreset.legacy;

import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 PHC string, {@code $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>} (standard base64
 * without padding), parsed within bounds and checked with BouncyCastle's Argon2. The engine prefers
 * its own hasher for these (see {@code LegacyPasswordVerifier.nativeForm}); this check is for a
 * verifier used on its own.
 */
record Argon2Phc(
    int type,
    int version,
    int memoryKiB,
    int iterations,
    int parallelism,
    byte[] salt,
    byte[] hash) {

  /**
   * The largest memory cost verified here, 256 MiB in KiB: BouncyCastle's Argon2 holds it on the
   * Java heap. Platforms' defaults are far below (Django 100 MiB, Magento 64 MiB, Spring 16 MiB).
   */
  static final int MAX_MEMORY_KIB = 256 * 1024;

  static final int MAX_ITERATIONS = 100;
  static final int MAX_PARALLELISM = 64;

  static Optional<Argon2Phc> parse(String encoded) {
    if (encoded.length() > Codec.MAX_ENCODED_LENGTH || !encoded.startsWith("$argon2")) {
      return Optional.empty();
    }
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 6 && parts.length != 5) {
      return Optional.empty();
    }
    int type =
        switch (parts[1]) {
          case "argon2id" -> Argon2Parameters.ARGON2_id;
          case "argon2i" -> Argon2Parameters.ARGON2_i;
          case "argon2d" -> Argon2Parameters.ARGON2_d;
          default -> -1;
        };
    if (type < 0) {
      return Optional.empty();
    }
    int next = 2;
    int version = Argon2Parameters.ARGON2_VERSION_10;
    if (parts.length == 6) {
      if (parts[2].equals("v=19")) {
        version = Argon2Parameters.ARGON2_VERSION_13;
      } else if (!parts[2].equals("v=16")) {
        return Optional.empty();
      }
      next = 3;
    }
    String[] params = parts[next].split(",", -1);
    if (params.length != 3
        || !params[0].startsWith("m=")
        || !params[1].startsWith("t=")
        || !params[2].startsWith("p=")) {
      return Optional.empty();
    }
    int m = Codec.number(params[0].substring(2), MAX_MEMORY_KIB);
    int t = Codec.number(params[1].substring(2), MAX_ITERATIONS);
    int p = Codec.number(params[2].substring(2), MAX_PARALLELISM);
    if (t < 1 || p < 1 || m < 8 * p) {
      return Optional.empty();
    }
    byte[] salt = unpadded(parts[next + 1]);
    byte[] hash = unpadded(parts[next + 2]);
    if (salt == null || salt.length < 8 || hash == null || hash.length < 4 || hash.length > 1024) {
      return Optional.empty();
    }
    return Optional.of(new Argon2Phc(type, version, m, t, p, salt, hash));
  }

  /** Whether {@code key} (the password's bytes) gives this hash. */
  boolean matches(byte[] key) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(type)
            .withVersion(version)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[hash.length];
    try {
      generator.generateBytes(key, out);
      return Codec.same(out, hash);
    } finally {
      Codec.wipe(out);
    }
  }

  /** This hash as a PHC string (the form libargon2 and the engine's hasher read). */
  String phc() {
    String name =
        type == Argon2Parameters.ARGON2_id
            ? "argon2id"
            : type == Argon2Parameters.ARGON2_i ? "argon2i" : "argon2d";
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$"
        + name
        + (version == Argon2Parameters.ARGON2_VERSION_13 ? "$v=19" : "$v=16")
        + "$m="
        + memoryKiB
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  private static byte @org.jspecify.annotations.Nullable [] unpadded(String text) {
    if (text.isEmpty() || text.contains("=")) {
      return null;
    }
    return Codec.base64(text);
  }
}

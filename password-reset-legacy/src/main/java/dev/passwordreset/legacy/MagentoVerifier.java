package dev.passwordreset.legacy;

import dev.passwordreset.api.LegacyPasswordVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Verifies the hashes Magento 2 (Adobe Commerce) stores in {@code customer_entity.password_hash},
 * as {@code Magento\Framework\Encryption\Encryptor::isValidHash} does: {@code <hex
 * hash>:<salt>:<versions>}, the versions being the chain of algorithms applied, oldest first,
 * separated by {@code :}:
 *
 * <ul>
 *   <li>{@code 0}: MD5(salt ‖ previous), lower-case hexadecimal;
 *   <li>{@code 1}: SHA-256(salt ‖ previous), lower-case hexadecimal;
 *   <li>{@code 2}: Argon2id 1.3 as libsodium's {@code crypto_pwhash} with its "interactive" limits
 *       (2 passes, 64 MiB, 1 lane), 32 bytes out, hexadecimal;
 *   <li>{@code 3_<bytes>_<ops>_<memory in bytes>}: the same with the parameters written out, e.g.
 *       {@code 3_32_2_67108864}.
 * </ul>
 *
 * <p>"previous" is the password for the first algorithm and the previous algorithm's hexadecimal
 * output after it (an upgraded hash such as {@code …:1:3_32_2_67108864}). For Argon2 the salt is
 * the salt's first 16 bytes, or the salt repeated up to 16 bytes when shorter, as Magento pads it.
 * When the chain is a single Argon2 step, {@link #nativeForm} gives the equivalent PHC string, so
 * the engine verifies it with its own hasher and keeps it when it is at least as strong as the
 * configured parameters (Magento's 64 MiB is above the engine's default).
 *
 * <p>The password is encoded as UTF-8. Bounds: at most 4 steps, Argon2 up to 256 MiB, 10 passes and
 * 64 bytes out. Comparison is in constant time. Never logs; immutable and thread-safe.
 */
public final class MagentoVerifier implements LegacyPasswordVerifier {

  private static final int SALT_BYTES = 16; // SODIUM_CRYPTO_PWHASH_SALTBYTES
  private static final int MAX_STEPS = 4;
  private static final int MAX_OPS = 10;
  private static final int MAX_SEED_BYTES = 64;

  /** Creates the verifier. */
  public MagentoVerifier() {}

  /**
   * Whether a stored hash is a Magento 2 hash within the bounds. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether {@link #verify} can check it
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    return Parsed.of(Objects.requireNonNull(encoded, "encoded must not be null")).isPresent();
  }

  /**
   * Whether a password matches a Magento 2 hash.
   *
   * @param password the password; not modified
   * @param encoded the stored hash; any string
   * @return {@code true} if it matches; {@code false} if not or if {@code encoded} is not supported
   * @throws NullPointerException if an argument is null
   */
  @Override
  public boolean verify(char[] password, String encoded) {
    Objects.requireNonNull(password, "password must not be null");
    Optional<Parsed> parsed =
        Parsed.of(Objects.requireNonNull(encoded, "encoded must not be null"));
    if (parsed.isEmpty()) {
      return false;
    }
    Parsed p = parsed.get();
    byte[] current = Codec.utf8(password);
    try {
      for (Step step : p.steps) {
        byte[] next = step.apply(p.salt, current);
        Codec.wipe(current);
        current = next;
      }
      return Codec.same(current, p.hash.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      return false;
    } finally {
      Codec.wipe(current);
    }
  }

  /**
   * For a single Argon2 step, the PHC string of the same hash ({@code
   * $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>}); else empty.
   *
   * @param encoded a stored hash
   * @return the PHC string, or empty
   */
  @Override
  public Optional<String> nativeForm(String encoded) {
    Optional<Parsed> parsed =
        Parsed.of(Objects.requireNonNull(encoded, "encoded must not be null"));
    if (parsed.isEmpty() || parsed.get().steps.size() != 1 || parsed.get().steps.get(0).kind != 2) {
      return Optional.empty();
    }
    Parsed p = parsed.get();
    Step s = p.steps.get(0);
    byte[] hash = Codec.hex(p.hash);
    if (hash == null || hash.length != s.seedBytes) {
      return Optional.empty();
    }
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return Optional.of(
        "$argon2id$v=19$m="
            + s.memoryKiB
            + ",t="
            + s.ops
            + ",p=1$"
            + b64.encodeToString(argonSalt(p.salt))
            + "$"
            + b64.encodeToString(hash));
  }

  @Override
  public String toString() {
    return "MagentoVerifier[hash:salt:0|1|2|3_seed_ops_mem]";
  }

  static byte[] argonSalt(byte[] salt) {
    byte[] out = new byte[SALT_BYTES];
    for (int i = 0; i < SALT_BYTES; i++) {
      out[i] = salt[i % salt.length];
    }
    return out;
  }

  /** One algorithm of the chain: kind 0 (MD5), 1 (SHA-256) or 2 (Argon2id13). */
  private record Step(int kind, int seedBytes, int ops, int memoryKiB) {
    static Optional<Step> of(String version) {
      switch (version) {
        case "0":
          return Optional.of(new Step(0, 0, 0, 0));
        case "1":
          return Optional.of(new Step(1, 0, 0, 0));
        case "2":
          return Optional.of(new Step(2, 32, 2, 65_536));
        default:
          break;
      }
      String[] parts = version.split("_", -1);
      if (parts.length != 4 || !parts[0].equals("3")) {
        return Optional.empty();
      }
      int seed = Codec.number(parts[1], MAX_SEED_BYTES);
      int ops = Codec.number(parts[2], MAX_OPS);
      int memBytes = Codec.number(parts[3], Argon2Phc.MAX_MEMORY_KIB * 1024);
      if (seed < 16 || ops < 1 || memBytes < 8192 || memBytes % 1024 != 0) {
        return Optional.empty();
      }
      return Optional.of(new Step(2, seed, ops, memBytes / 1024));
    }

    byte[] apply(byte[] salt, byte[] input) throws GeneralSecurityException {
      if (kind == 0 || kind == 1) {
        MessageDigest digest = MessageDigest.getInstance(kind == 0 ? "MD5" : "SHA-256");
        digest.update(salt);
        digest.update(input);
        byte[] raw = digest.digest();
        try {
          return Codec.hexBytes(raw);
        } finally {
          Codec.wipe(raw);
        }
      }
      Argon2Parameters params =
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(memoryKiB)
              .withIterations(ops)
              .withParallelism(1)
              .withSalt(argonSalt(salt))
              .build();
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      byte[] raw = new byte[seedBytes];
      try {
        generator.generateBytes(input, raw);
        return Codec.hexBytes(raw);
      } finally {
        Codec.wipe(raw);
      }
    }
  }

  private record Parsed(String hash, byte[] salt, List<Step> steps) {
    static Optional<Parsed> of(String encoded) {
      if (encoded.length() > Codec.MAX_ENCODED_LENGTH) {
        return Optional.empty();
      }
      String[] parts = encoded.split(":", -1);
      if (parts.length < 3 || parts.length > 2 + MAX_STEPS) {
        return Optional.empty();
      }
      String hash = parts[0];
      if (hash.length() < 32 || hash.length() > 2 * MAX_SEED_BYTES || Codec.hex(hash) == null) {
        return Optional.empty();
      }
      for (int i = 0; i < hash.length(); i++) {
        if (Character.isUpperCase(hash.charAt(i))) {
          return Optional.empty(); // PHP's hash() and bin2hex() write lower case
        }
      }
      byte[] salt = parts[1].getBytes(StandardCharsets.UTF_8);
      if (salt.length < 1 || salt.length > 1024) {
        return Optional.empty();
      }
      List<Step> steps = new ArrayList<>();
      for (int i = 2; i < parts.length; i++) {
        Optional<Step> step = Step.of(parts[i]);
        if (step.isEmpty()) {
          return Optional.empty();
        }
        steps.add(step.get());
      }
      return Optional.of(new Parsed(hash, salt, List.copyOf(steps)));
    }
  }
}

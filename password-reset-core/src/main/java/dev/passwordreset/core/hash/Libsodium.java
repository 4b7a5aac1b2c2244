package dev.passwordreset.core.hash;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The four libsodium functions the Argon2id backend needs, bound through JNA (direct mapping), from
 * the system's libsodium ({@code libsodium23} on Debian and Ubuntu, {@code libsodium} on Alpine and
 * Fedora) or any copy JNA finds on {@code jna.library.path}. Loaded at most once per JVM, on first
 * use; when it cannot be loaded (absent, too old, a 32-bit or LLP64 platform, or its known-answer
 * check fails) {@link #loaded()} is false, {@link #failure()} says why, and nothing else may be
 * called.
 *
 * <p>libsodium's Argon2id is the reference algorithm with SIMD block functions (SSSE3, AVX2,
 * AVX-512F, picked at run time) and lanes = 1; its output is bit for bit libargon2's. Each call
 * maps the m KiB it needs with {@code mmap(MAP_POPULATE)} and unmaps it after (measured: about half
 * of a hash at m = 19456 KiB; see the README), so nothing is kept between calls.
 *
 * <p>Thread-safe: libsodium's functions are, once {@code sodium_init} has run (done here, before
 * anything else).
 */
final class Libsodium {

  /** Size of libsodium's raw {@code crypto_pwhash} salt. */
  static final int SALT_BYTES = 16;

  /** The known-answer check: {@code echo -n password | argon2 somesaltsomesalt -id -t 1 -k 64}. */
  private static final String KAT_HASH =
      "e793d64ef75d58f503d4631b2b149f7f80127c5f3993d89b1c9b781e51d0b413";

  private static final @Nullable String FAILURE = load();

  private Libsodium() {}

  // The C functions; sizes are 64-bit (size_t and unsigned long long), checked in load().
  private static native int sodium_init();

  private static native Pointer sodium_version_string();

  private static native int crypto_pwhash_alg_argon2id13();

  private static native int crypto_pwhash(
      byte[] out,
      long outlen,
      Pointer passwd,
      long passwdlen,
      byte[] salt,
      long opslimit,
      long memlimit,
      int alg);

  private static native int crypto_pwhash_str_verify(byte[] str, Pointer passwd, long passwdlen);

  private static @Nullable String load() {
    if (Native.SIZE_T_SIZE != 8 || Native.LONG_SIZE != 8) {
      return "this platform's size_t or long is not 64 bits";
    }
    try {
      Native.register(Libsodium.class, NativeLibrary.getInstance("sodium"));
    } catch (LinkageError | RuntimeException e) {
      return "libsodium could not be loaded (" + firstLine(e.getMessage()) + ")";
    }
    if (sodium_init() < 0) {
      return "sodium_init failed";
    }
    byte[] out = new byte[32];
    byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
    try (Memory m = new Memory(password.length)) {
      m.write(0, password, 0, password.length);
      int rc =
          crypto_pwhash(
              out,
              out.length,
              m,
              password.length,
              "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII),
              1,
              64 * 1024L,
              crypto_pwhash_alg_argon2id13());
      if (rc != 0 || !HexFormat.of().formatHex(out).equals(KAT_HASH)) {
        return "libsodium " + version() + " failed its Argon2id known-answer check";
      }
    } catch (LinkageError e) {
      return "libsodium lacks Argon2id (" + firstLine(e.getMessage()) + ")";
    }
    return null;
  }

  /** JNA's messages list every path it tried, over many lines; the first one says enough. */
  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** Whether libsodium was loaded and passed its check. */
  static boolean loaded() {
    return FAILURE == null;
  }

  /** Why libsodium is not used, or null if it is. */
  static @Nullable String failure() {
    return FAILURE;
  }

  /** libsodium's version, e.g. {@code 1.0.18}; only when {@link #loaded()}. */
  static String version() {
    return sodium_version_string().getString(0, StandardCharsets.US_ASCII.name());
  }

  /**
   * Raw Argon2id version 19, lanes = 1.
   *
   * @param password the password bytes; copied into native memory that is wiped afterwards
   * @param salt exactly {@link #SALT_BYTES} bytes
   * @param hashLength at least 16
   * @return the hash
   * @throws IllegalStateException if libsodium fails (it sets no message; out of memory in
   *     practice)
   */
  static byte[] argon2id(
      byte[] password, byte[] salt, int iterations, int memoryKiB, int hashLength) {
    byte[] out = new byte[hashLength];
    int rc;
    try (Memory pw = secret(password)) {
      try {
        rc =
            crypto_pwhash(
                out,
                hashLength,
                pw,
                password.length,
                salt,
                iterations,
                memoryKiB * 1024L,
                crypto_pwhash_alg_argon2id13());
      } finally {
        pw.clear();
      }
    }
    if (rc != 0) {
      throw new IllegalStateException("crypto_pwhash returned " + rc);
    }
    return out;
  }

  /**
   * Verifies an Argon2id PHC string; libsodium compares in constant time.
   *
   * @param encoded an ASCII PHC string (already parsed and bounded by {@link Argon2Encoded})
   * @param password the password bytes; copied into native memory that is wiped afterwards
   * @return whether it matches; false as well if libsodium fails
   */
  static boolean verify(String encoded, byte[] password) {
    byte[] ascii = encoded.getBytes(StandardCharsets.US_ASCII);
    byte[] str = Arrays.copyOf(ascii, ascii.length + 1); // NUL-terminated
    try (Memory pw = secret(password)) {
      try {
        return crypto_pwhash_str_verify(str, pw, password.length) == 0;
      } finally {
        pw.clear();
      }
    }
  }

  /** Native copy of a secret; at least one byte, as JNA cannot allocate zero. */
  private static Memory secret(byte[] bytes) {
    Memory m = new Memory(Math.max(1, bytes.length));
    m.write(0, bytes, 0, bytes.length);
    return m;
  }
}

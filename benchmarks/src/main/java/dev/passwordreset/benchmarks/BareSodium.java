package dev.passwordreset.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.charset.StandardCharsets;

/**
 * The floor of the libsodium backend: libsodium's own {@code crypto_pwhash_argon2id_str} (its salt,
 * its PHC string) and {@code crypto_pwhash_argon2id_str_verify}, called through JNA with nothing
 * around them: no concurrency bound, no worker thread, the password passed as a Java array. {@link
 * #AVAILABLE} is false where the system has no libsodium; the rows comparing with it then read
 * "n/a".
 */
final class BareSodium {

  /** Whether libsodium was loaded. */
  static final boolean AVAILABLE = load();

  private BareSodium() {}

  private static native int sodium_init();

  private static native int crypto_pwhash_argon2id_str(
      byte[] out, byte[] passwd, long passwdlen, long opslimit, long memlimit);

  private static native int crypto_pwhash_argon2id_str_verify(
      byte[] str, byte[] passwd, long passwdlen);

  private static boolean load() {
    try {
      Native.register(BareSodium.class, NativeLibrary.getInstance("sodium"));
      return sodium_init() >= 0;
    } catch (LinkageError | RuntimeException e) {
      System.out.println(
          "# libsodium not loaded; its rows are n/a: "
              + e.getMessage().lines().findFirst().orElse(""));
      return false;
    }
  }

  /** Hashes; returns libsodium's NUL-terminated string buffer (128 bytes). */
  static byte[] hash(byte[] password, int iterations, int memoryKiB) {
    byte[] out = new byte[128];
    if (crypto_pwhash_argon2id_str(out, password, password.length, iterations, memoryKiB * 1024L)
        != 0) {
      throw new IllegalStateException("crypto_pwhash_argon2id_str failed");
    }
    return out;
  }

  /** Verifies a buffer that {@link #hash} returned (NUL-terminated). */
  static boolean verify(byte[] str, byte[] password) {
    return crypto_pwhash_argon2id_str_verify(str, password, password.length) == 0;
  }

  /** The PHC string in a buffer from {@link #hash}. */
  static String text(byte[] str) {
    int n = 0;
    while (str[n] != 0) {
      n++;
    }
    return new String(str, 0, n, StandardCharsets.US_ASCII);
  }
}

package dev.passwordreset.core;

import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Password handling shared by the engine: NFKC normalization, length, clearing, arguments. */
final class Passwords {
  private Passwords() {}

  /**
   * A normalized (NFKC) copy of a password; the caller clears it. The common case, a password
   * already in NFKC form, is copied without ever becoming a {@code String}; otherwise the JDK's
   * normalizer needs one, which lives until the next garbage collection.
   */
  static char[] normalize(char[] password) {
    CharBuffer in = CharBuffer.wrap(password);
    if (Normalizer.isNormalized(in, Normalizer.Form.NFKC)) {
      return password.clone();
    }
    return Normalizer.normalize(in, Normalizer.Form.NFKC).toCharArray();
  }

  /** Length in code points; an unpaired surrogate counts as one. */
  static int length(char[] password) {
    return Character.codePointCount(password, 0, password.length);
  }

  /** Checks an argument of the engine: a null throws {@link NullPointerException} naming it. */
  static <T> T arg(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /** Runs a call, then clears the password it was given, whatever the outcome. */
  static <T> T clearing(char @Nullable [] password, Supplier<T> call) {
    try {
      return call.get();
    } finally {
      clear(password);
    }
  }

  static void clear(char @Nullable [] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  static void clear(char[] a, char[] b) {
    clear(a);
    clear(b);
  }
}

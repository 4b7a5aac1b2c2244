package dev.passwordreset.core;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Password handling shared by the engine: NFKC normalization, length, clearing, arguments. */
final class Passwords {
  private Passwords() {}

  /**
   * A normalized (NFKC) copy of a password; the caller clears it. No {@code String} of the password
   * is ever made: the JDK's normalizer takes one ({@link Normalizer#isNormalized(CharSequence,
   * Normalizer.Form)} and {@link Normalizer#normalize} both call {@code toString()} on their
   * input), so it is handed only the short clusters that need normalizing, never the password.
   *
   * <p>A character is <em>inert</em> when it is its own NFKC form, is not a combining mark and
   * cannot combine with a character before it (the only such non-marks are the Hangul medial and
   * final jamo). Inert characters are starters that are normalization boundaries on both sides for
   * any neighbour that is itself inert, so a run of them is already NFKC: Latin-1 and every
   * precomposed letter (Latin, Greek, Cyrillic, Vietnamese), CJK, kana, Hangul syllables, Arabic
   * and Hebrew letters, digits and symbols. A password made only of them, as keyboards and input
   * methods produce, is copied as it is. Otherwise the password is cut, at its inert characters,
   * into clusters (an inert character with the non-inert run that follows it, such as a letter with
   * its combining marks, or a compatibility character such as a full-width letter), and only each
   * cluster is normalized: a heap dump may then hold such clusters, not the password.
   */
  static char[] normalize(char[] password) {
    int first = firstNonInert(password, 0);
    if (first == password.length) {
      return password.clone();
    }
    Builder out = new Builder(password.length);
    try {
      int i = 0;
      while (i < password.length) {
        int next = firstNonInert(password, i);
        // The inert character just before a non-inert run may combine with it: it starts the
        // cluster.
        int inertEnd = next < password.length && next > i ? next - 1 : next;
        out.append(password, i, inertEnd);
        if (inertEnd == password.length) {
          break;
        }
        int clusterEnd = next;
        while (clusterEnd < password.length && !inert(password[clusterEnd])) {
          clusterEnd++;
        }
        out.append(normalizer.apply(new String(password, inertEnd, clusterEnd - inertEnd)));
        i = clusterEnd;
      }
      return out.toArray();
    } finally {
      out.clear();
    }
  }

  /**
   * The JDK normalizer, NFKC, as the one seam through which a cluster reaches it; a test replaces
   * it to see what it is given.
   */
  static java.util.function.UnaryOperator<String> normalizer =
      cluster -> Normalizer.normalize(cluster, Normalizer.Form.NFKC);

  /** The index of the first non-inert character from {@code from}, or the length if none. */
  private static int firstNonInert(char[] chars, int from) {
    for (int i = from; i < chars.length; i++) {
      if (!inert(chars[i])) {
        return i;
      }
    }
    return chars.length;
  }

  static boolean inert(char c) {
    return (INERT[c >>> 6] & (1L << c)) != 0;
  }

  /** One bit per BMP character: inert or not (surrogates are not: they go through the JDK). */
  private static final long[] INERT = inertTable();

  private static long[] inertTable() {
    long[] bits = new long[1 << 10];
    char[] one = new char[1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.UNASSIGNED
          || (c >= 0x1160 && c <= 0x11FF) // Hangul medial and final jamo compose backwards
          || (c >= 0xD7B0 && c <= 0xD7FF)) { // (and their extension)
        continue;
      }
      one[0] = (char) c;
      // A constant character, not a password's: the only Strings made here are the table's.
      if (Normalizer.isNormalized(new String(one), Normalizer.Form.NFKC)) {
        bits[c >>> 6] |= 1L << c;
      }
    }
    return bits;
  }

  /** A growing char[] whose every discarded array is cleared. */
  private static final class Builder {
    private char[] chars;
    private int size;

    Builder(int capacity) {
      chars = new char[Math.max(16, capacity + capacity / 2)];
    }

    void append(char[] from, int start, int end) {
      ensure(end - start);
      System.arraycopy(from, start, chars, size, end - start);
      size += end - start;
    }

    void append(String cluster) {
      ensure(cluster.length());
      cluster.getChars(0, cluster.length(), chars, size);
      size += cluster.length();
    }

    private void ensure(int more) {
      if (size + more > chars.length) {
        char[] bigger = new char[Math.max(chars.length * 2, size + more)];
        System.arraycopy(chars, 0, bigger, 0, size);
        Arrays.fill(chars, '\0');
        chars = bigger;
      }
    }

    char[] toArray() {
      return Arrays.copyOf(chars, size);
    }

    void clear() {
      Arrays.fill(chars, '\0');
    }
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

package dev.passwordreset.core.policy;

import java.util.function.IntPredicate;

/** Code-point helpers over a {@code char[]} that never make a {@code String} of it. */
final class CodePoints {
  private CodePoints() {}

  /** The number of code points; an unpaired surrogate counts as one. */
  static int count(char[] chars) {
    return Character.codePointCount(chars, 0, chars.length);
  }

  /** Whether any code point matches; an unpaired surrogate is tested as itself. */
  static boolean any(char[] chars, IntPredicate predicate) {
    for (int i = 0; i < chars.length; ) {
      int cp = Character.codePointAt(chars, i);
      if (predicate.test(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** The code points, lower-cased; the caller wipes the array. */
  static int[] lowerCase(char[] chars) {
    int[] out = new int[count(chars)];
    int n = 0;
    for (int i = 0; i < chars.length; ) {
      int cp = Character.codePointAt(chars, i);
      out[n++] = Character.toLowerCase(cp);
      i += Character.charCount(cp);
    }
    return out;
  }

  /** The code points of a string, lower-cased. */
  static int[] lowerCase(String text) {
    return text.codePoints().map(Character::toLowerCase).toArray();
  }

  /** Whether {@code needle} occurs in {@code haystack}. */
  static boolean contains(int[] haystack, int[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

package dev.passwordreset.legacy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Encodings shared by the verifiers; never makes a {@code String} of a password. */
final class Codec {

  /** Longer than any stored hash this module reads; cuts parsing of absurd input short. */
  static final int MAX_ENCODED_LENGTH = 4096;

  private Codec() {}

  /**
   * The UTF-8 bytes of a password, as the platforms (PHP, Python, Java) encode it; an unpaired
   * surrogate becomes {@code '?'}. The caller wipes the result.
   */
  static byte[] utf8(char[] password) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 encoding cannot fail with REPLACE", e);
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return bytes;
  }

  /** Overwrites a secret. */
  static void wipe(byte @Nullable [] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Overwrites a secret. */
  static void wipe(char @Nullable [] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }

  /** Constant-time equality of two byte arrays (of the same length; a length differs at once). */
  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** Lower- or upper-case hexadecimal, an even number of digits; else null. */
  static byte @Nullable [] hex(String text) {
    if (text.isEmpty() || text.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(text.charAt(2 * i), 16);
      int lo = Character.digit(text.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /**
   * Lower-case hexadecimal of bytes, as ASCII bytes (PHP's {@code hash()} and Python's hexdigest).
   */
  static byte[] hexBytes(byte[] bytes) {
    byte[] out = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = (byte) Character.forDigit((bytes[i] >> 4) & 0xf, 16);
      out[2 * i + 1] = (byte) Character.forDigit(bytes[i] & 0xf, 16);
    }
    return out;
  }

  /** Standard base64, with or without padding; else null. */
  static byte @Nullable [] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** 1 to 9 ASCII digits, at most {@code max}, no sign; else -1. */
  static int number(String text, int max) {
    if (text.isEmpty() || text.length() > 9) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value > max ? -1 : value;
  }

  /** The bytes joined, for salt-then-password inputs; the caller wipes the result. */
  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

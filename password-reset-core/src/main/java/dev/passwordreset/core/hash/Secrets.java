package dev.passwordreset.core.hash;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Password bytes without an intermediate {@code String}; every buffer used is wiped. */
final class Secrets {
  private Secrets() {}

  /**
   * Encodes a password as UTF-8. An unpaired surrogate becomes {@code '?'}, as {@link
   * String#getBytes} would do, so the result is defined for every input.
   *
   * @param chars the password; not modified
   * @return a new array the caller must {@linkplain #wipe wipe}
   */
  static byte[] utf8(char[] chars) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    // UTF-8 needs at most 3 bytes per UTF-16 char (a surrogate pair: 4 bytes for 2 chars).
    ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(chars.length, 3));
    try {
      encoder.encode(CharBuffer.wrap(chars), buffer, true);
      encoder.flush(buffer);
      return Arrays.copyOf(buffer.array(), buffer.position());
    } finally {
      wipe(buffer.array());
    }
  }

  static void wipe(byte[] bytes) {
    Arrays.fill(bytes, (byte) 0);
  }
}

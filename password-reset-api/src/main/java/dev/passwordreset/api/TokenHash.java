package dev.passwordreset.api;

import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of a link's token: the key under which a {@link Ticket} is stored. Only this hash is
 * ever stored, never the token. Validated once, when it is made ({@link #of(byte[])}, {@link
 * #ofHex(CharSequence)}); after that it is passed around as it is, with cheap {@link #equals} and
 * {@link #hashCode}.
 *
 * <p>A store keeps it in the form it likes: {@link #bytes()} (32 bytes, e.g. {@code BYTEA} or
 * {@code BINARY(32)}), {@link #hex()} (64 lower-case hex characters, e.g. {@code CHAR(64)}) or
 * {@link #word(int)} (four {@code long}s, as core's in-memory store does).
 *
 * <p>It is a class rather than a record so that its form (four {@code long}s, no array to copy or
 * leak) stays private. {@link #toString()} shows only the first 8 hex digits. Immutable;
 * thread-safe.
 */
public final class TokenHash {

  /** Length of a SHA-256 in bytes: 32. */
  public static final int BYTES = 32;

  /** Length of the hex form: 64 lower-case hex characters. */
  public static final int HEX_LENGTH = 64;

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private TokenHash(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /**
   * The hash from its 32 bytes, e.g. a {@code MessageDigest}'s SHA-256 output or a {@code BYTEA}
   * column. The array is read, not kept.
   *
   * @param sha256 exactly 32 bytes
   * @return the hash
   * @throws IllegalArgumentException if {@code sha256} is not 32 bytes long
   * @throws NullPointerException if {@code sha256} is null
   */
  public static TokenHash of(byte[] sha256) {
    Checks.notNull(sha256, "sha256");
    if (sha256.length != BYTES) {
      throw new IllegalArgumentException(
          "sha256 must be " + BYTES + " bytes long, was " + sha256.length);
    }
    return new TokenHash(
        longAt(sha256, 0), longAt(sha256, 8), longAt(sha256, 16), longAt(sha256, 24));
  }

  /**
   * The hash from its hex form, e.g. a {@code CHAR(64)} column.
   *
   * @param hex 64 lower-case hex characters
   * @return the hash
   * @throws IllegalArgumentException if {@code hex} is not 64 lower-case hex characters (the
   *     message gives the length or the index of the first bad character, never the text)
   * @throws NullPointerException if {@code hex} is null
   */
  public static TokenHash ofHex(CharSequence hex) {
    Checks.notNull(hex, "hex");
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "hex must be " + HEX_LENGTH + " hex characters, had " + hex.length());
    }
    long[] w = new long[4];
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = hex.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        throw new IllegalArgumentException(
            "hex must be lower-case hex, found a non-hex character at index " + i);
      }
      w[i >>> 4] = (w[i >>> 4] << 4) | digit;
    }
    return new TokenHash(w[0], w[1], w[2], w[3]);
  }

  /**
   * The 32 bytes of the hash, in a new array.
   *
   * @return a new array of 32 bytes
   */
  public byte[] bytes() {
    byte[] out = new byte[BYTES];
    putLong(out, 0, w0);
    putLong(out, 8, w1);
    putLong(out, 16, w2);
    putLong(out, 24, w3);
    return out;
  }

  /**
   * The hash as 64 lower-case hex characters.
   *
   * @return the hex form
   */
  public String hex() {
    char[] out = new char[HEX_LENGTH];
    putHex(out, 0, w0);
    putHex(out, 16, w1);
    putHex(out, 32, w2);
    putHex(out, 48, w3);
    return new String(out);
  }

  /**
   * One of the four big-endian 64-bit words of the hash: word 0 holds bytes 0 to 7, and so on. For
   * a store that keeps the hash in primitive fields.
   *
   * @param index 0 to 3
   * @return the word
   * @throws IndexOutOfBoundsException if {@code index} is not 0 to 3
   */
  public long word(int index) {
    return switch (index) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      default -> throw new IndexOutOfBoundsException("index must be 0 to 3, was " + index);
    };
  }

  /**
   * Whether this hash has the given four words (see {@link #word(int)}); for a store that keeps the
   * hash in primitive fields.
   *
   * @param word0 word 0
   * @param word1 word 1
   * @param word2 word 2
   * @param word3 word 3
   * @return {@code true} if all four are equal
   */
  public boolean matches(long word0, long word1, long word2, long word3) {
    return w0 == word0 && w1 == word1 && w2 == word2 && w3 == word3;
  }

  /**
   * Equal when the 32 bytes are equal.
   *
   * @param o any object, possibly null
   * @return whether {@code o} is a {@code TokenHash} with the same bytes
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TokenHash t && matches(t.w0, t.w1, t.w2, t.w3);
  }

  /**
   * A hash code from the bytes (they are uniformly random already).
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return hashCode(w0, w1, w2, w3);
  }

  /**
   * The {@link #hashCode()} of the hash with these words, for a store that keeps the hash in
   * primitive fields and looks it up by a {@code TokenHash}.
   *
   * @param word0 word 0
   * @param word1 word 1
   * @param word2 word 2
   * @param word3 word 3
   * @return the hash code
   */
  public static int hashCode(long word0, long word1, long word2, long word3) {
    return Long.hashCode(word0 ^ word1 ^ word2 ^ word3);
  }

  /**
   * The first 8 hex digits only, enough to tell hashes apart in a log.
   *
   * @return {@code TokenHash[0123abcd...]}
   */
  @Override
  public String toString() {
    char[] head = new char[16];
    putHex(head, 0, w0);
    return "TokenHash[" + new String(head, 0, 8) + "...]";
  }

  private static long longAt(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static void putHex(char[] out, int off, long v) {
    for (int i = 15; i >= 0; i--) {
      out[off + i] = DIGITS[(int) (v & 0xF)];
      v >>>= 4;
    }
  }
}

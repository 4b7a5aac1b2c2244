package dev.passwordreset.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks, one picked per key by SipHash-2-4 under a key drawn at random for each
 * instance: which keys share a lock cannot be derived from the keys (as it can from {@code
 * String.hashCode()}, where "Aa" and "BB" always collide), and differs from instance to instance,
 * so nobody can choose keys that land on a victim's lock. Thread-safe.
 */
public final class Stripes {
  private final ReentrantLock[] locks;
  private final long k0;
  private final long k1;

  /**
   * Creates the locks.
   *
   * @param count how many locks; at least 1
   * @param random where the instance's SipHash key comes from
   */
  public Stripes(int count, SecureRandom random) {
    this(count, random.nextLong(), random.nextLong());
  }

  /** With a given SipHash key, for tests against the reference vectors. */
  Stripes(int count, long k0, long k1) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    this.locks = new ReentrantLock[count];
    for (int i = 0; i < count; i++) {
      locks[i] = new ReentrantLock();
    }
    this.k0 = k0;
    this.k1 = k1;
  }

  /**
   * The lock of a key.
   *
   * @param key the key
   * @return its lock
   */
  public ReentrantLock of(String key) {
    return locks[index(key)];
  }

  /**
   * The index of a key's lock.
   *
   * @param key the key
   * @return 0 to count - 1
   */
  public int index(String key) {
    return (int)
        Long.remainderUnsigned(sipHash24(key.getBytes(StandardCharsets.UTF_8)), locks.length);
  }

  /** SipHash-2-4 (Aumasson and Bernstein) of the bytes under this instance's key. */
  long sipHash24(byte[] m) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    int blocks = m.length / 8;
    long[] v = {v0, v1, v2, v3};
    for (int b = 0; b < blocks; b++) {
      long word = 0;
      for (int i = 7; i >= 0; i--) {
        word = (word << 8) | (m[b * 8 + i] & 0xffL);
      }
      v[3] ^= word;
      round(v);
      round(v);
      v[0] ^= word;
    }
    long last = ((long) m.length & 0xff) << 56;
    for (int i = m.length - 1; i >= blocks * 8; i--) {
      last |= (m[i] & 0xffL) << (8 * (i - blocks * 8));
    }
    v[3] ^= last;
    round(v);
    round(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    round(v);
    round(v);
    round(v);
    round(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  private static void round(long[] v) {
    v[0] += v[1];
    v[1] = Long.rotateLeft(v[1], 13);
    v[1] ^= v[0];
    v[0] = Long.rotateLeft(v[0], 32);
    v[2] += v[3];
    v[3] = Long.rotateLeft(v[3], 16);
    v[3] ^= v[2];
    v[0] += v[3];
    v[3] = Long.rotateLeft(v[3], 21);
    v[3] ^= v[0];
    v[2] += v[1];
    v[1] = Long.rotateLeft(v[1], 17);
    v[1] ^= v[2];
    v[2] = Long.rotateLeft(v[2], 32);
  }
}

package dev.passwordreset.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Makes an answer cost the same whatever the account holds. Logins use it (issue 14, item 2) so
 * that a password check takes as long with the library's own hash, a legacy hash whose verification
 * is several times slower (Django's PBKDF2 with 260 000 iterations takes about 5 times an Argon2id
 * check at the default parameters), or no account at all (a dummy Argon2id check). Resets by code
 * use an instance of their own (issue 19), so that a wrong code takes as long for an account with a
 * live code, an account without one, and an email without an account (each kind's work differs by a
 * store hit or a counted try: microseconds, which the tail of the wait covers by spinning).
 *
 * <p><b>How.</b> Each check is timed per <em>kind</em> (the configured hasher, or one legacy
 * verifier) and per verification it ran. The answer is then held until the number of verifications
 * the check planned (one, or two when normalization changed the password, whatever the account)
 * times the slowest kind's median cost of one verification (over its last {@value #WINDOW} checks)
 * has passed, plus what this check took beyond its own kind's median, scaled up for a faster kind
 * by the square root of how much slower the slowest kind is. A pause delays every kind alike, while
 * a busy processor stretches each check in proportion to its cost; the square root sits between the
 * two, so that the tail of every kind's answers stays close to the slowest kind's (measured by the
 * interleaved login benchmark: median and p99 within 0.9 to 1.1).
 *
 * <p><b>Why not dummy work instead.</b> Making every unknown-email check verify a dummy legacy hash
 * as well would cost the server the slowest verifier's CPU on every login, and would still leave
 * accounts with the library's hash faster than legacy ones. Waiting costs no CPU and no memory, and
 * the floor follows the hashes really stored, whatever their parameters: no configuration.
 *
 * <p><b>Limits.</b> The floor is learned: until a kind has been checked once, its cost is unknown,
 * so the very first checks of a legacy kind after a start are not padded to it. The floor follows
 * load (queueing for a hashing slot is part of the cost), and is capped at {@value
 * #MAX_FLOOR_MILLIS} ms so that a tampered row cannot make every login wait.
 *
 * <p>Durations come from {@link System#nanoTime()}, a monotonic timer, not from the engine's clock:
 * they measure elapsed work, never a date, and a test's fixed clock must not stop them.
 * Thread-safe.
 */
final class AnswerCost {

  /** Checks remembered per kind. */
  static final int WINDOW = 32;

  /** The longest floor, per verification. */
  static final long MAX_FLOOR_MILLIS = 5_000;

  /** The last stretch of a wait, spun rather than slept: 100 µs. */
  static final long SPIN_NANOS = 100_000;

  private final ConcurrentHashMap<Object, Window> kinds = new ConcurrentHashMap<>();

  /** What a timed check returns, with how many verifications it ran. */
  interface Timed<T> {
    T result();

    int verifications();
  }

  /**
   * Runs a check of {@code kind}, records its cost per verification, and returns once the floor for
   * {@code planned} verifications has passed since it began.
   */
  <T extends Timed<?>> T run(Object kind, int planned, Supplier<T> check) {
    long start = System.nanoTime();
    T result = check.get();
    hold(kind, planned, result.verifications(), start);
    return result;
  }

  /**
   * Records the cost of a piece of work of {@code kind} that began at {@code start} (a {@link
   * System#nanoTime()}) and ran {@code verifications} units, and returns once the floor for {@code
   * planned} units has passed since {@code start}: for work whose kind is known only at its end.
   */
  void hold(Object kind, int planned, int verifications, long start) {
    long took = System.nanoTime() - start;
    Window own = kinds.computeIfAbsent(kind, k -> new Window());
    // Medians are kept up to date by add, so that reading them here costs next to nothing: for a
    // cheap answer the bookkeeping must not outlast the difference it hides.
    long usual = own.median();
    long floor = floorPerVerification();
    long excess = 0;
    if (usual > 0 && verifications > 0) {
      // between "delays add up" (factor 1) and "a busy machine multiplies every cost" (factor
      // floor / usual): the geometric mean of the two
      double scale = Math.sqrt(Math.max(1.0, (double) floor / usual));
      excess = (long) (Math.max(0, took - verifications * usual) * scale);
    }
    long cap = planned * TimeUnit.MILLISECONDS.toNanos(MAX_FLOOR_MILLIS);
    waitUntil(start + planned * floor + Math.min(excess, cap));
    // After the wait: the same for every kind, and outside the time compared.
    if (verifications > 0) {
      own.add(took / verifications);
    }
  }

  /**
   * The slowest kind's median cost of one verification, in nanoseconds, capped at {@value
   * #MAX_FLOOR_MILLIS} ms.
   */
  long floorPerVerification() {
    long floor = 0;
    for (Window w : kinds.values()) {
      floor = Math.max(floor, w.median());
    }
    return Math.min(floor, TimeUnit.MILLISECONDS.toNanos(MAX_FLOOR_MILLIS));
  }

  /**
   * Sleeps until shortly before the deadline, then spins: a sleep overshoots by tens of
   * microseconds (the kernel's timer slack), which would swamp the microsecond differences between
   * kinds of a cheap answer (a reset code), and cost a login next to nothing.
   */
  private static void waitUntil(long deadline) {
    boolean interrupted = false;
    try {
      for (long left = deadline - System.nanoTime();
          left > 0;
          left = deadline - System.nanoTime()) {
        if (left <= SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        try {
          TimeUnit.NANOSECONDS.sleep(left - SPIN_NANOS);
        } catch (InterruptedException e) {
          interrupted = true; // the answer still waits: an interrupt must not reveal the kind
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The last {@link #WINDOW} costs of one kind. */
  private static final class Window {
    private final long[] costs = new long[WINDOW];
    private int size;
    private int next;

    /** The median of the costs, recomputed by each {@link #add}. */
    private volatile long median;

    synchronized void add(long nanos) {
      costs[next] = nanos;
      next = (next + 1) % WINDOW;
      size = Math.min(size + 1, WINDOW);
      long[] sorted = Arrays.copyOf(costs, size);
      Arrays.sort(sorted);
      median = sorted[(size - 1) / 2];
    }

    long median() {
      return median;
    }
  }
}

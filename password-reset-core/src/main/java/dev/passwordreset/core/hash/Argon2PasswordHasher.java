package dev.passwordreset.core.hash;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordResetException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link PasswordHasher}: Argon2id (RFC 9106), stored as a standard PHC string such as
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 *
 * <p><b>Backends.</b> Argon2id runs on libsodium when the system has it ({@code libsodium23} on
 * Debian and Ubuntu, loaded through JNA; see {@link Backend#LIBSODIUM}), whose SIMD code takes
 * about half the time, and on argon2-jvm (its bundled libargon2) otherwise. Both compute the same
 * function and write the same PHC string, so hashes move freely between hosts with and without
 * libsodium. argon2-jvm also verifies Argon2i and Argon2d, version 16, and what libsodium does not
 * do (more than one lane). {@link #backend()} says which one makes new hashes; the first hasher
 * built in a JVM logs it once (INFO, logger {@code dev.passwordreset.core.hash
 * .Argon2PasswordHasher}), with the reason when libsodium is not used. {@link
 * Builder#preferLibsodium(boolean) preferLibsodium(false)} keeps to argon2-jvm.
 *
 * <p>{@code new Argon2PasswordHasher()} uses the OWASP-recommended defaults: m = 19456 KiB (19
 * MiB), t = 2 passes, p = 1 lane, a 16-byte random salt and a 32-byte hash; the password is encoded
 * as UTF-8. {@link #builder()} sets other parameters.
 *
 * <p><b>Bounded memory.</b> Each hash or verification holds {@code m} KiB of native memory while it
 * runs. At most {@link #maxConcurrentHashes()} of them (default: the number of available
 * processors) run at once, so the hasher never needs more than {@code m × maxConcurrentHashes} KiB;
 * further callers wait in a fair (first-come, first-served) queue. A caller interrupted while
 * waiting gets a {@link PasswordResetException}, with its interrupt flag set again. The native work
 * itself runs on the hasher's own daemon threads (at most {@link #maxConcurrentHashes()}, ended
 * after a minute without work) while the caller waits: the C allocator keeps freed memory per
 * thread, so hashing on every caller's thread would let the process keep up to m KiB for each
 * thread that ever hashed, whatever the bound (argon2-jvm). libsodium maps the m KiB for each call
 * and unmaps it after, so nothing stays: its work runs on the caller's thread, within the same
 * bound, without the hand-over.
 *
 * <p><b>Formats.</b> {@link #supports} accepts Argon2id, Argon2i and Argon2d PHC strings (version
 * 16 or 19), and {@link #verify} checks all three, so a host migrating from a platform that used
 * Argon2i can keep its hashes; {@link #needsRehash} answers {@code true} for a hash that is weaker
 * than the configured parameters and that a new hash would not weaken in any parameter, so such
 * hashes become Argon2id at the next successful login; stronger or incomparable ones are kept. A
 * stored string is only accepted with m ≤ {@value #MAX_MEMORY_KIB} KiB, t ≤ {@value
 * #MAX_ITERATIONS}, p ≤ {@value #MAX_PARALLELISM} and salt and hash of at most 1024 bytes, so a
 * tampered row cannot make verification allocate without bound.
 *
 * <p><b>Secrets.</b> The caller's {@code char[]} is never modified (the engine clears it); the
 * UTF-8 bytes made from it are wiped after use. Passwords are never logged. An unpaired surrogate
 * in a password is encoded as {@code '?'}.
 *
 * <p>Instances are immutable apart from their counters and thread-safe.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

  /** Default memory cost: 19456 KiB (19 MiB), OWASP's recommendation for Argon2id with t = 2. */
  public static final int DEFAULT_MEMORY_KIB = 19_456;

  /** Default number of passes. */
  public static final int DEFAULT_ITERATIONS = 2;

  /** Default number of lanes. */
  public static final int DEFAULT_PARALLELISM = 1;

  /** Default salt length in bytes. */
  public static final int DEFAULT_SALT_LENGTH = 16;

  /** Default hash length in bytes. */
  public static final int DEFAULT_HASH_LENGTH = 32;

  /** Largest memory cost accepted: 4 GiB, in KiB. */
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

  /** Largest number of passes accepted. */
  public static final int MAX_ITERATIONS = 100;

  /** Largest number of lanes accepted. */
  public static final int MAX_PARALLELISM = 64;

  /** Smallest salt length accepted for new hashes (RFC 9106 recommends 16 bytes). */
  public static final int MIN_SALT_LENGTH = 16;

  /** Smallest hash length accepted for new hashes. */
  public static final int MIN_HASH_LENGTH = 16;

  /** Largest salt or hash length accepted. */
  public static final int MAX_LENGTH = 1024;

  /** Largest bound of concurrent hashes accepted. */
  public static final int MAX_CONCURRENT_HASHES = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(Argon2PasswordHasher.class);

  /** Whether the backend line was logged in this JVM. */
  private static final AtomicBoolean BACKEND_LOGGED = new AtomicBoolean();

  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  /**
   * The implementation that makes new hashes, as {@link #backend()} reports it.
   *
   * <p>Both compute Argon2id version 19 exactly as RFC 9106 defines it and write the same PHC
   * string; a hash made by one verifies with the other.
   */
  public enum Backend {
    /**
     * libsodium's {@code crypto_pwhash} (ISC licence), SIMD (SSSE3/AVX2/AVX-512F chosen at run
     * time), from the system's libsodium 1.0.13 or later, found by JNA (also on {@code
     * jna.library.path}). Used when it loads and passes a known-answer check, unless the hasher is
     * configured with more than one lane or a salt other than 16 bytes (libsodium does one lane and
     * 16-byte salts).
     */
    LIBSODIUM,
    /** argon2-jvm with its bundled libargon2 (or the system's {@code libargon2}), portable C. */
    ARGON2_JVM
  }

  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;
  private final int saltLength;
  private final int hashLength;
  private final int maxConcurrentHashes;

  private final Argon2 argon2id;
  private final Argon2 argon2i;
  private final Argon2 argon2d;

  /** Whether libsodium verifies the Argon2id hashes it can. */
  private final boolean sodium;

  private final Backend backend;
  private final SecureRandom random = new SecureRandom();

  private final BoundedWork bound;

  /**
   * Creates a hasher with the defaults: Argon2id, m = 19456 KiB, t = 2, p = 1, 16-byte salt,
   * 32-byte hash, at most {@link Runtime#availableProcessors()} hashes at once.
   *
   * @throws PasswordResetException if the native Argon2 library cannot be loaded
   */
  public Argon2PasswordHasher() {
    this(new Builder());
  }

  private Argon2PasswordHasher(Builder builder) {
    this.memoryKiB = builder.memoryKiB;
    this.iterations = builder.iterations;
    this.parallelism = builder.parallelism;
    this.saltLength = builder.saltLength;
    this.hashLength = builder.hashLength;
    this.maxConcurrentHashes = builder.maxConcurrentHashes;
    try {
      this.argon2id = Argon2Factory.create(Argon2Types.ARGON2id, saltLength, hashLength);
      this.argon2i = Argon2Factory.create(Argon2Types.ARGON2i, saltLength, hashLength);
      this.argon2d = Argon2Factory.create(Argon2Types.ARGON2d, saltLength, hashLength);
    } catch (LinkageError e) {
      throw new PasswordResetException("the native Argon2 library could not be loaded", e);
    }
    this.sodium = builder.preferLibsodium && Libsodium.loaded();
    this.backend =
        sodium && parallelism == 1 && saltLength == Libsodium.SALT_BYTES
            ? Backend.LIBSODIUM
            : Backend.ARGON2_JVM;
    this.bound = new BoundedWork("argon2", maxConcurrentHashes);
    logBackend(builder.preferLibsodium);
  }

  private void logBackend(boolean preferLibsodium) {
    String why;
    if (!preferLibsodium) {
      why = "preferLibsodium(false)";
    } else if (!Libsodium.loaded()) {
      why = Libsodium.failure() + "; install libsodium (Debian: libsodium23) for faster hashing";
    } else if (backend == Backend.ARGON2_JVM) {
      why =
          "libsodium does one lane and 16-byte salts only; this hasher has p="
              + parallelism
              + ", salt="
              + saltLength;
    } else {
      why = "libsodium " + Libsodium.version();
    }
    if (BACKEND_LOGGED.compareAndSet(false, true)) {
      LOG.info("Argon2id backend: {} ({})", backend, why);
    } else {
      LOG.debug("Argon2id backend: {} ({})", backend, why);
    }
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Hashes a password with a fresh random salt and the configured parameters, waiting for a free
   * slot if {@link #maxConcurrentHashes()} hashes are already running.
   *
   * @param password the password; not modified; any length and content (an empty password hashes
   *     too; the policy decides what is acceptable)
   * @return the PHC string, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
   * @throws NullPointerException if {@code password} is null
   * @throws PasswordResetException if the thread is interrupted while waiting, or the native
   *     library fails (e.g. out of memory)
   */
  @Override
  public String hash(char[] password) {
    Objects.requireNonNull(password, "password must not be null");
    if (backend == Backend.LIBSODIUM) {
      byte[] salt = new byte[saltLength];
      random.nextBytes(salt);
      return hashWithSodium(password, salt);
    }
    return withPermit(
        () -> {
          byte[] bytes = Secrets.utf8(password);
          try {
            return argon2id.hash(iterations, memoryKiB, parallelism, bytes);
          } catch (RuntimeException e) {
            // argon2-jvm reports libargon2 errors as IllegalStateException; never with the password
            throw new PasswordResetException("Argon2 hashing failed: " + e.getMessage(), e);
          } finally {
            Secrets.wipe(bytes);
          }
        });
  }

  /** libsodium's raw Argon2id, our PHC string (the format libargon2 writes). Also for tests. */
  String hashWithSodium(char[] password, byte[] salt) {
    byte[] hash =
        bound.runHere(
            () -> {
              byte[] bytes = Secrets.utf8(password);
              try {
                return Libsodium.argon2id(bytes, salt, iterations, memoryKiB, hashLength);
              } catch (RuntimeException e) {
                throw new PasswordResetException("Argon2 hashing failed: " + e.getMessage(), e);
              } finally {
                Secrets.wipe(bytes);
              }
            });
    return "$argon2id$v=19$m="
        + memoryKiB
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + BASE64.encodeToString(salt)
        + "$"
        + BASE64.encodeToString(hash);
  }

  /**
   * Checks a password against an Argon2 PHC string (Argon2id, Argon2i or Argon2d), in constant time
   * with respect to the hash (libsodium and libargon2 compare in constant time). Waits for a free
   * slot like {@link #hash}. A string that {@link #supports} rejects is answered at once, without
   * hashing.
   *
   * @param password the password; not modified
   * @param encoded the stored hash; any string
   * @return {@code true} if it matches; {@code false} if not, or if {@code encoded} is malformed,
   *     foreign or outside the accepted bounds (never an exception for those)
   * @throws NullPointerException if an argument is null
   * @throws PasswordResetException if the thread is interrupted while waiting for a slot
   */
  @Override
  public boolean verify(char[] password, String encoded) {
    Objects.requireNonNull(password, "password must not be null");
    Objects.requireNonNull(encoded, "encoded must not be null");
    Optional<Argon2Encoded> parsed = Argon2Encoded.parse(encoded);
    if (parsed.isEmpty()) {
      return false;
    }
    Argon2Encoded stored = parsed.get();
    if (sodium
        && stored.type().equals(Argon2Encoded.ARGON2ID)
        && stored.version() == 0x13
        && stored.parallelism() == 1
        && stored.hashLength() >= 16) {
      return bound.runHere(
          () -> {
            byte[] bytes = Secrets.utf8(password);
            try {
              return Libsodium.verify(encoded, bytes);
            } finally {
              Secrets.wipe(bytes);
            }
          });
    }
    Argon2 argon2 =
        switch (stored.type()) {
          case Argon2Encoded.ARGON2I -> argon2i;
          case Argon2Encoded.ARGON2D -> argon2d;
          default -> argon2id;
        };
    return withPermit(
        () -> {
          byte[] bytes = Secrets.utf8(password);
          try {
            return argon2.verify(encoded, bytes);
          } catch (RuntimeException e) {
            LOG.warn("Argon2 verification failed in the native library: {}", e.toString());
            return false;
          } finally {
            Secrets.wipe(bytes);
          }
        });
  }

  /**
   * Whether a stored hash should be replaced at the next successful login. A re-hash never weakens
   * a hash: it is asked for only when a new hash with the configured parameters would lower none of
   * memory, passes, lanes, salt length and hash length, and would raise one of them or modernize
   * the hash (Argon2i or Argon2d to Argon2id, version 16 to 19). So a hash made elsewhere with more
   * memory or lanes than configured (passlib's m=102400, p=8; PHP's 64 MiB Argon2i) is kept as it
   * is, even if it is Argon2i or has fewer passes; {@code true} also for a string that cannot be
   * parsed (not this hasher's format).
   *
   * @param encoded the stored hash; any string
   * @return whether to re-hash; never throws for malformed input
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean needsRehash(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    Optional<Argon2Encoded> parsed = Argon2Encoded.parse(encoded);
    if (parsed.isEmpty()) {
      return true;
    }
    Argon2Encoded e = parsed.get();
    boolean lowersNothing =
        memoryKiB >= e.memoryKiB()
            && iterations >= e.iterations()
            && parallelism >= e.parallelism()
            && saltLength >= e.saltLength()
            && hashLength >= e.hashLength();
    boolean raisesSomething =
        !e.type().equals(Argon2Encoded.ARGON2ID)
            || e.version() != 0x13
            || memoryKiB > e.memoryKiB()
            || iterations > e.iterations()
            || parallelism > e.parallelism()
            || saltLength > e.saltLength()
            || hashLength > e.hashLength();
    return lowersNothing && raisesSomething;
  }

  /**
   * Whether {@link #verify} can check a stored hash: an Argon2id, Argon2i or Argon2d PHC string
   * (version 16 or 19) within the accepted bounds. Does not hash.
   *
   * @param encoded the stored hash; any string
   * @return whether it is in a format this hasher verifies; never throws for malformed input
   * @throws NullPointerException if {@code encoded} is null
   */
  @Override
  public boolean supports(String encoded) {
    Objects.requireNonNull(encoded, "encoded must not be null");
    return Argon2Encoded.parse(encoded).isPresent();
  }

  /**
   * The memory cost of new hashes.
   *
   * @return the memory cost in KiB
   */
  public int memoryKiB() {
    return memoryKiB;
  }

  /**
   * The number of passes of new hashes.
   *
   * @return the time cost t
   */
  public int iterations() {
    return iterations;
  }

  /**
   * The number of lanes of new hashes.
   *
   * @return the parallelism p
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * The salt length of new hashes.
   *
   * @return the salt length in bytes
   */
  public int saltLength() {
    return saltLength;
  }

  /**
   * The hash length of new hashes.
   *
   * @return the hash length in bytes
   */
  public int hashLength() {
    return hashLength;
  }

  /**
   * The implementation that makes new hashes: {@link Backend#LIBSODIUM} when libsodium was loaded
   * (and not refused with {@link Builder#preferLibsodium(boolean)}) and this hasher's parameters
   * allow it, else {@link Backend#ARGON2_JVM}. Fixed for the life of the hasher. Verification
   * follows the stored string: Argon2id version 19 with one lane and a hash of at least 16 bytes
   * goes to libsodium whenever it is loaded and not refused, everything else to argon2-jvm.
   *
   * @return the backend; never null
   */
  public Backend backend() {
    return backend;
  }

  /**
   * How many hashes and verifications may run at once; the rest wait.
   *
   * @return the bound, at least 1
   */
  public int maxConcurrentHashes() {
    return maxConcurrentHashes;
  }

  /**
   * How many hashes and verifications are running now, for metrics. A snapshot: it may have changed
   * by the time it is read.
   *
   * @return between 0 and {@link #maxConcurrentHashes()}
   */
  public int activeHashes() {
    return bound.active();
  }

  /**
   * The most hashes and verifications that ever ran at once on this instance, for metrics and
   * tests.
   *
   * @return between 0 and {@link #maxConcurrentHashes()}
   */
  public int peakActiveHashes() {
    return bound.peak();
  }

  /**
   * An estimate of how many callers are waiting for a free slot, for metrics.
   *
   * @return the estimated queue length
   */
  public int waitingHashes() {
    return bound.waiting();
  }

  /**
   * The parameters, for diagnostics; never a secret.
   *
   * @return e.g. {@code Argon2PasswordHasher[argon2id m=19456 t=2 p=1 salt=16 hash=32
   *     maxConcurrentHashes=2 backend=LIBSODIUM]}
   */
  @Override
  public String toString() {
    return "Argon2PasswordHasher[argon2id m="
        + memoryKiB
        + " t="
        + iterations
        + " p="
        + parallelism
        + " salt="
        + saltLength
        + " hash="
        + hashLength
        + " maxConcurrentHashes="
        + maxConcurrentHashes
        + " backend="
        + backend
        + "]";
  }

  private <T> T withPermit(Supplier<T> work) {
    return bound.run(work);
  }

  /**
   * Builds an {@link Argon2PasswordHasher}. Starts with the defaults; each setter validates its
   * argument at once and throws {@link IllegalArgumentException} naming the parameter, the bad
   * value and the accepted range. Not thread-safe; the hasher it builds is.
   */
  public static final class Builder {
    private int memoryKiB = DEFAULT_MEMORY_KIB;
    private int iterations = DEFAULT_ITERATIONS;
    private int parallelism = DEFAULT_PARALLELISM;
    private int saltLength = DEFAULT_SALT_LENGTH;
    private int hashLength = DEFAULT_HASH_LENGTH;
    private int maxConcurrentHashes = Math.max(1, Runtime.getRuntime().availableProcessors());
    private boolean preferLibsodium = true;

    private Builder() {}

    /**
     * Whether to use libsodium when it can be loaded (the default), or argon2-jvm only. The hashes
     * are the same either way; libsodium is faster.
     *
     * @param preferLibsodium {@code false} to keep to argon2-jvm
     * @return this builder
     */
    public Builder preferLibsodium(boolean preferLibsodium) {
      this.preferLibsodium = preferLibsodium;
      return this;
    }

    /**
     * Sets the memory cost m of new hashes. {@link #build()} also requires m ≥ 8 × parallelism.
     *
     * @param memoryKiB KiB, from 8 to 4194304 (4 GiB)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder memoryKiB(int memoryKiB) {
      this.memoryKiB = inRange("memoryKiB", memoryKiB, 8, MAX_MEMORY_KIB);
      return this;
    }

    /**
     * Sets the number of passes t of new hashes.
     *
     * @param iterations from 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder iterations(int iterations) {
      this.iterations = inRange("iterations", iterations, 1, MAX_ITERATIONS);
      return this;
    }

    /**
     * Sets the number of lanes p of new hashes.
     *
     * @param parallelism from 1 to 64
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = inRange("parallelism", parallelism, 1, MAX_PARALLELISM);
      return this;
    }

    /**
     * Sets the length of the random salt of new hashes.
     *
     * @param saltLength bytes, from 16 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder saltLength(int saltLength) {
      this.saltLength = inRange("saltLength", saltLength, MIN_SALT_LENGTH, MAX_LENGTH);
      return this;
    }

    /**
     * Sets the length of new hashes.
     *
     * @param hashLength bytes, from 16 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder hashLength(int hashLength) {
      this.hashLength = inRange("hashLength", hashLength, MIN_HASH_LENGTH, MAX_LENGTH);
      return this;
    }

    /**
     * Sets how many hashes and verifications may run at once. Memory used by hashing stays below
     * {@code memoryKiB × maxConcurrentHashes} KiB.
     *
     * @param maxConcurrentHashes from 1 to 65536; default: the number of available processors
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConcurrentHashes(int maxConcurrentHashes) {
      this.maxConcurrentHashes =
          inRange("maxConcurrentHashes", maxConcurrentHashes, 1, MAX_CONCURRENT_HASHES);
      return this;
    }

    /**
     * Builds the hasher.
     *
     * @return a new hasher
     * @throws IllegalArgumentException if memoryKiB is below 8 × parallelism (Argon2 needs 8 KiB a
     *     lane)
     * @throws PasswordResetException if the native Argon2 library cannot be loaded
     */
    public Argon2PasswordHasher build() {
      if (memoryKiB < 8 * parallelism) {
        throw new InvalidSettingException(
            "memoryKiB",
            memoryKiB,
            "must be at least 8 × parallelism = "
                + 8 * parallelism
                + " KiB (parallelism is "
                + parallelism
                + ")");
      }
      return new Argon2PasswordHasher(this);
    }

    private static int inRange(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new InvalidSettingException(name, value, "must be between " + min + " and " + max);
      }
      return value;
    }
  }
}

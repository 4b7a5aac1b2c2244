package dev.passwordreset.benchmarks;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Benchmark 1: Argon2id hash and verify, ours ({@link Argon2PasswordHasher}) against Spring
 * Security's {@link Argon2PasswordEncoder} (BouncyCastle, pure Java) and the bare argon2-jvm call,
 * at identical parameters: OWASP's m=19456 KiB and Spring's default m=16384 KiB, t=2, p=1, 16-byte
 * salt, 32-byte hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HashBenchmark {

  /** Memory cost in KiB: 19456 (OWASP, our default) or 16384 (Spring Security's default). */
  @Param({"19456", "16384"})
  public int memoryKiB;

  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int SALT = 16;
  static final int HASH = 32;

  private final char[] password = Fixtures.GOOD_PASSWORD.clone();
  private final String passwordString = new String(Fixtures.GOOD_PASSWORD);

  private Argon2PasswordHasher ours = Peers.ours(19456);
  private Argon2PasswordEncoder spring = Peers.spring(19456);
  private Argon2 bare = Peers.bare();
  private String oursHash = "";
  private String springHash = "";
  private String bareHash = "";

  /** Builds the three implementations and one stored hash each. */
  @Setup
  public void setUp() {
    ours = Peers.ours(memoryKiB);
    spring = Peers.spring(memoryKiB);
    bare = Peers.bare();
    oursHash = ours.hash(password);
    springHash = spring.encode(passwordString);
    bareHash = bare.hash(ITERATIONS, memoryKiB, PARALLELISM, password.clone());
  }

  /** Ours: hash. */
  @Benchmark
  public String oursHash() {
    return ours.hash(password);
  }

  /** Ours: verify a matching password. */
  @Benchmark
  public boolean oursVerify() {
    return ours.verify(password, oursHash);
  }

  /** Spring Security: hash. */
  @Benchmark
  public String springHash() {
    return spring.encode(passwordString);
  }

  /** Spring Security: verify a matching password. */
  @Benchmark
  public boolean springVerify() {
    return spring.matches(passwordString, springHash);
  }

  /** The floor: argon2-jvm's own call, no wrapper. */
  @Benchmark
  public String nativeHash() {
    return bare.hash(ITERATIONS, memoryKiB, PARALLELISM, password);
  }

  /** The floor: argon2-jvm's own verification. */
  @Benchmark
  public boolean nativeVerify() {
    return bare.verify(bareHash, password);
  }

  /** The three implementations, configured alike. */
  static final class Peers {
    private Peers() {}

    static Argon2PasswordHasher ours(int memoryKiB) {
      return Argon2PasswordHasher.builder()
          .memoryKiB(memoryKiB)
          .iterations(ITERATIONS)
          .parallelism(PARALLELISM)
          .saltLength(SALT)
          .hashLength(HASH)
          .build();
    }

    static Argon2PasswordEncoder spring(int memoryKiB) {
      return new Argon2PasswordEncoder(SALT, HASH, PARALLELISM, memoryKiB, ITERATIONS);
    }

    static Argon2 bare() {
      return Argon2Factory.create(Argon2Types.ARGON2id, SALT, HASH);
    }
  }
}

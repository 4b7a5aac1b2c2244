package dev.passwordreset.benchmarks;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Benchmark 1: Argon2id hash and verify, ours ({@link Argon2PasswordHasher}, on whichever backend
 * it picked: libsodium where installed) against Spring Security's {@link Argon2PasswordEncoder}
 * (BouncyCastle, pure Java), the bare argon2-jvm call and the bare libsodium call ({@link
 * BareSodium}), at identical parameters: OWASP's m=19456 KiB and Spring's default m=16384 KiB, t=2,
 * p=1, 16-byte salt, 32-byte hash.
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
  private final byte[] passwordBytes = passwordString.getBytes(StandardCharsets.UTF_8);

  private Argon2PasswordHasher ours = Peers.ours(19456);
  private Argon2PasswordEncoder spring = Peers.spring(19456);
  private Argon2 bare = Peers.bare();
  private String oursHash = "";
  private String springHash = "";
  private String bareHash = "";
  private byte[] sodiumHash = new byte[0];

  /** Builds the implementations and one stored hash each. */
  @Setup
  public void setUp() {
    Peers.useBundledArgon2();
    ours = Peers.ours(memoryKiB);
    spring = Peers.spring(memoryKiB);
    bare = Peers.bare();
    oursHash = ours.hash(password);
    springHash = spring.encode(passwordString);
    bareHash = bare.hash(ITERATIONS, memoryKiB, PARALLELISM, password.clone());
    if (BareSodium.AVAILABLE) {
      sodiumHash = BareSodium.hash(passwordBytes, ITERATIONS, memoryKiB);
    }
    Peers.recordBackends(ours);
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

  /** The floor of the libsodium backend: libsodium's own call; nothing where it is absent. */
  @Benchmark
  public int sodiumHash() {
    return BareSodium.AVAILABLE ? BareSodium.hash(passwordBytes, ITERATIONS, memoryKiB)[0] : 0;
  }

  /** The floor of the libsodium backend: libsodium's own verification. */
  @Benchmark
  public boolean sodiumVerify() {
    return BareSodium.AVAILABLE && BareSodium.verify(sodiumHash, passwordBytes);
  }

  /** The implementations, configured alike. */
  static final class Peers {
    private Peers() {}

    /**
     * Makes argon2-jvm load the libargon2 it bundles, as the targets name it, even where
     * the system has its own ({@code libargon2-1}, which the C {@code argon2} tool installs and JNA
     * would otherwise prefer); {@code -Dbench.argon2=system} keeps the system's. Call before the
     * first argon2-jvm hash in the JVM.
     */
    static synchronized void useBundledArgon2() {
      if ("system".equals(System.getProperty("bench.argon2")) || bundledSet) {
        return;
      }
      bundledSet = true;
      String resource = "/" + Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName("argon2");
      try (InputStream in = Argon2Factory.class.getResourceAsStream(resource)) {
        if (in == null) {
          System.out.println("# argon2-jvm bundles no " + resource + "; the system's is used");
          return;
        }
        Path dir = Files.createTempDirectory("bench-argon2");
        Path lib = dir.resolve(System.mapLibraryName("argon2"));
        Files.copy(in, lib);
        lib.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        NativeLibrary.addSearchPath("argon2", dir.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static boolean bundledSet;

    /**
     * Records which backend ours uses (1 = libsodium) and whether bare libsodium is there, and
     * prints which libargon2 argon2-jvm loaded (its bundled copy, or the system's when installed).
     */
    static void recordBackends(Argon2PasswordHasher ours) {
      Aux.record(
          "hash.backend.libsodium",
          ours.backend() == Argon2PasswordHasher.Backend.LIBSODIUM ? 1 : 0,
          "1 = ours on libsodium, 0 = on argon2-jvm");
      Aux.record("hash.bareSodium.available", BareSodium.AVAILABLE ? 1 : 0, "1 = libsodium loaded");
      try {
        System.out.println("# argon2-jvm loaded " + NativeLibrary.getInstance("argon2").getFile());
      } catch (LinkageError e) {
        System.out.println("# argon2-jvm's library: " + e.getMessage());
      }
    }

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

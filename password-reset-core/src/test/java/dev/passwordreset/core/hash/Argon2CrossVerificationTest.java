package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.passwordreset.core.hash.Argon2PasswordHasher.Backend;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Issue 15: the libsodium backend and argon2-jvm write the same PHC strings, and hashes made by
 * either verify with argon2-jvm, Spring Security's {@code Argon2PasswordEncoder} (BouncyCastle) and
 * the C {@code argon2} tool, and theirs with ours. The libsodium cases are skipped, with the
 * reason, where libsodium cannot be loaded (install {@code libsodium23}); the C tool cases where it
 * is not installed ({@code apt-get install -y argon2}).
 */
class Argon2CrossVerificationTest {

  private static final String PASSWORD = "Tangerine-Kayak-42 é€";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static Argon2PasswordHasher ours(int memoryKiB, int iterations, boolean sodium) {
    return Argon2PasswordHasher.builder()
        .memoryKiB(memoryKiB)
        .iterations(iterations)
        .preferLibsodium(sodium)
        .build();
  }

  private static void assumeLibsodium() {
    if (!Libsodium.loaded()) {
      System.err.println("SKIPPED: libsodium not loaded: " + Libsodium.failure());
    }
    assumeTrue(Libsodium.loaded(), () -> "libsodium not loaded: " + Libsodium.failure());
  }

  @Test
  void backendWhenLibsodiumLoadsThenLibsodiumElseArgon2Jvm() {
    Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    if (Libsodium.loaded()) {
      assertThat(hasher.backend()).isEqualTo(Backend.LIBSODIUM);
      assertThat(Libsodium.failure()).isNull();
      assertThat(Libsodium.version()).matches("1\\.0\\.\\d+");
    } else {
      assertThat(hasher.backend()).isEqualTo(Backend.ARGON2_JVM);
      assertThat(Libsodium.failure()).isNotBlank();
    }
    assertThat(hasher.toString()).endsWith("backend=" + hasher.backend() + "]");
  }

  @Test
  void backendWhenNotPreferredOrParametersLibsodiumLacksThenArgon2Jvm() {
    assertThat(ours(1024, 1, false).backend()).isEqualTo(Backend.ARGON2_JVM);
    assertThat(Argon2PasswordHasher.builder().memoryKiB(1024).parallelism(2).build().backend())
        .isEqualTo(Backend.ARGON2_JVM);
    assertThat(Argon2PasswordHasher.builder().memoryKiB(1024).saltLength(32).build().backend())
        .isEqualTo(Backend.ARGON2_JVM);
  }

  @Test
  void backendWhenLibsodiumLoadedAndOtherHashLengthThenStillLibsodium() {
    assumeLibsodium();
    Argon2PasswordHasher hasher =
        Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).hashLength(64).build();

    String encoded = hasher.hash(PASSWORD.toCharArray());

    assertThat(hasher.backend()).isEqualTo(Backend.LIBSODIUM);
    assertThat(Argon2Encoded.parse(encoded).orElseThrow().hashLength()).isEqualTo(64);
    assertThat(Argon2Factory.create(Argon2Types.ARGON2id).verify(encoded, PASSWORD.toCharArray()))
        .isTrue();
  }

  /**
   * libsodium keeps no memory on the thread that ran it, so its work runs on the caller's thread
   * (no hand-over to a worker): the caller's own CPU time grows by a hash (m=19456, t=2: about 12
   * ms), where argon2-jvm's hand-over costs the caller well under a millisecond.
   */
  @Test
  void hashWhenLibsodiumThenRunsOnTheCallersThreadAndArgon2JvmOnAWorker() {
    assumeLibsodium();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "no thread CPU time on this JVM");
    Argon2PasswordHasher sodium = ours(19_456, 2, true);
    Argon2PasswordHasher jvm = ours(19_456, 2, false);
    sodium.hash(PASSWORD.toCharArray());
    jvm.hash(PASSWORD.toCharArray());

    long t0 = threads.getCurrentThreadCpuTime();
    sodium.hash(PASSWORD.toCharArray());
    long t1 = threads.getCurrentThreadCpuTime();
    jvm.hash(PASSWORD.toCharArray());
    long t2 = threads.getCurrentThreadCpuTime();

    assertThat(t1 - t0).as("caller's CPU ns, libsodium").isGreaterThan(3_000_000L);
    assertThat(t2 - t1).as("caller's CPU ns, argon2-jvm").isLessThan(3_000_000L);
    assertThat(sodium.peakActiveHashes()).isEqualTo(1);
  }

  /** Same salt, same parameters: the very same string, character for character. */
  @ParameterizedTest
  @ValueSource(ints = {8, 1024, 19_456})
  void hashWhenSameSaltThenLibsodiumStringEqualsArgon2JvmString(int memoryKiB) {
    assumeLibsodium();
    int iterations = memoryKiB == 19_456 ? 2 : 3;
    Argon2PasswordHasher hasher = ours(memoryKiB, iterations, true);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);

    String sodium = hasher.hashWithSodium(PASSWORD.toCharArray(), salt);
    Argon2Advanced jvm = Argon2Factory.createAdvanced(Argon2Types.ARGON2id, 16, 32);
    String argon2Jvm =
        jvm.hash(iterations, memoryKiB, 1, PASSWORD.toCharArray(), StandardCharsets.UTF_8, salt);

    assertThat(sodium).isEqualTo(argon2Jvm);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void oursVerifiesWithArgon2JvmAndSpring(boolean sodium) {
    if (sodium) {
      assumeLibsodium();
    }
    Argon2PasswordHasher hasher = ours(19_456, 2, sodium);

    String encoded = hasher.hash(PASSWORD.toCharArray());

    Argon2 jvm = Argon2Factory.create(Argon2Types.ARGON2id);
    Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
    assertThat(jvm.verify(encoded, PASSWORD.toCharArray())).isTrue();
    assertThat(jvm.verify(encoded, "wrong".toCharArray())).isFalse();
    assertThat(spring.matches(PASSWORD, encoded)).isTrue();
    assertThat(spring.matches("wrong", encoded)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theirsVerifiesWithOurs(boolean sodium) {
    if (sodium) {
      assumeLibsodium();
    }
    Argon2PasswordHasher hasher = ours(19_456, 2, sodium);
    String jvm =
        Argon2Factory.create(Argon2Types.ARGON2id, 16, 32)
            .hash(2, 19_456, 1, PASSWORD.toCharArray(), StandardCharsets.UTF_8);
    // Spring's own defaults differ (m=16384, t=2): a hash made elsewhere with other parameters
    String spring = new Argon2PasswordEncoder(16, 32, 1, 16_384, 2).encode(PASSWORD);
    String springOurs = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2).encode(PASSWORD);

    for (String encoded : List.of(jvm, spring, springOurs)) {
      assertThat(hasher.verify(PASSWORD.toCharArray(), encoded)).as(encoded).isTrue();
      assertThat(hasher.verify("wrong".toCharArray(), encoded)).as(encoded).isFalse();
    }
    assertThat(hasher.needsRehash(spring)).isTrue();
    assertThat(hasher.needsRehash(springOurs)).isFalse();
  }

  /** What libsodium does not do stays with argon2-jvm: Argon2i, Argon2d, version 16, two lanes. */
  @Test
  void verifyWhenLibsodiumLoadedThenOtherFormsStillVerify() {
    Argon2PasswordHasher hasher = ours(1024, 1, true);
    char[] pw = PASSWORD.toCharArray();
    String twoLanes =
        Argon2Factory.create(Argon2Types.ARGON2id)
            .hash(1, 1024, 2, pw.clone(), StandardCharsets.UTF_8);
    String argon2i =
        Argon2Factory.create(Argon2Types.ARGON2i)
            .hash(1, 1024, 1, pw.clone(), StandardCharsets.UTF_8);
    String argon2d =
        Argon2Factory.create(Argon2Types.ARGON2d)
            .hash(1, 1024, 1, pw.clone(), StandardCharsets.UTF_8);
    // Spring's encoder writes only v=19; version 16 from argon2-jvm's advanced API
    String v16 =
        Argon2Factory.createAdvanced(Argon2Types.ARGON2id)
            .hashAdvanced(
                2,
                1024,
                1,
                PASSWORD.getBytes(StandardCharsets.UTF_8),
                new byte[16],
                32,
                de.mkammerer.argon2.Argon2Version.V10)
            .getEncoded();

    assertThat(v16).startsWith("$argon2id$v=16$");
    for (String encoded : List.of(twoLanes, argon2i, argon2d, v16)) {
      assertThat(hasher.verify(pw, encoded)).as(encoded).isTrue();
      assertThat(hasher.verify("wrong".toCharArray(), encoded)).as(encoded).isFalse();
    }
  }

  /** libsodium refuses hashes under 16 bytes; argon2-jvm checks them, whatever the backend. */
  @Test
  void verifyWhenStoredHashShorterThanLibsodiumAcceptsThenArgon2JvmChecksIt() {
    Argon2PasswordHasher hasher = ours(1024, 1, true);
    String shortHash =
        Argon2Factory.create(Argon2Types.ARGON2id, 16, 8)
            .hash(1, 1024, 1, PASSWORD.toCharArray(), StandardCharsets.UTF_8);

    assertThat(Argon2Encoded.parse(shortHash).orElseThrow().hashLength()).isEqualTo(8);
    assertThat(hasher.verify(PASSWORD.toCharArray(), shortHash)).isTrue();
    assertThat(hasher.verify("wrong".toCharArray(), shortHash)).isFalse();
  }

  @Test
  void verifyWhenLibsodiumAndHashOrSaltTamperedThenFalse() {
    Argon2PasswordHasher hasher = ours(1024, 1, true);
    String encoded = hasher.hash(PASSWORD.toCharArray());
    int hashStart = encoded.lastIndexOf('$') + 1;
    int saltStart = encoded.lastIndexOf('$', hashStart - 2) + 1;

    String hashFlipped =
        encoded.substring(0, hashStart)
            + (encoded.charAt(hashStart) == 'A' ? 'B' : 'A')
            + encoded.substring(hashStart + 1);
    String saltFlipped =
        encoded.substring(0, saltStart)
            + (encoded.charAt(saltStart) == 'A' ? 'B' : 'A')
            + encoded.substring(saltStart + 1);

    assertThat(hasher.verify(PASSWORD.toCharArray(), encoded)).isTrue();
    assertThat(hasher.verify(PASSWORD.toCharArray(), hashFlipped)).isFalse();
    assertThat(hasher.verify(PASSWORD.toCharArray(), saltFlipped)).isFalse();
  }

  // ------------------------------------------------------------------ the C argon2 tool

  private static Optional<Path> argon2Tool() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, "argon2");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    System.err.println(
        "SKIPPED: the C argon2 tool is not installed (apt-get install -y argon2); the cross-check"
            + " with it did not run");
    return Optional.empty();
  }

  /** {@code echo -n password | argon2 salt -id -t .. -k .. -p 1 -l 32 -e}: the encoded hash. */
  private static String cTool(Path tool, String salt, int memoryKiB, int iterations)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                tool.toString(),
                salt,
                "-id",
                "-t",
                Integer.toString(iterations),
                "-k",
                Integer.toString(memoryKiB),
                "-p",
                "1",
                "-l",
                "32",
                "-e")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(PASSWORD.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void cToolWhenInstalledThenItsHashesVerifyWithOursAndOursEqualItsOutput(boolean sodium)
      throws Exception {
    Optional<Path> tool = argon2Tool();
    assumeTrue(tool.isPresent(), "the C argon2 tool is not installed (apt-get install -y argon2)");
    if (sodium) {
      assumeLibsodium();
    }
    Argon2PasswordHasher hasher = ours(19_456, 2, sodium);
    // the tool takes the salt as an argument: printable ASCII, 16 bytes
    StringBuilder salt = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      salt.append((char) ('a' + RANDOM.nextInt(26)));
    }

    String theirs = cTool(tool.get(), salt.toString(), 19_456, 2);

    assertThat(theirs).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.verify(PASSWORD.toCharArray(), theirs)).isTrue();
    assertThat(hasher.verify("wrong".toCharArray(), theirs)).isFalse();
    if (sodium) {
      // ours with the same salt is the tool's string, so the tool would verify ours
      byte[] saltBytes = salt.toString().getBytes(StandardCharsets.US_ASCII);
      assertThat(hasher.hashWithSodium(PASSWORD.toCharArray(), saltBytes)).isEqualTo(theirs);
    }
  }
}

package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: libsodium is optional at run time. In a JVM of its own where JNA cannot find it ({@code
 * -Djna.platform.library.path} pointing nowhere, so also argon2-jvm's bundled libargon2 is the one
 * loaded), the hasher logs once why and falls back to argon2-jvm, and its hashes still verify.
 * libsodium is loaded once per JVM, hence the separate process.
 */
class Argon2BackendFallbackTest {

  /** Run in the child JVM: two hashers, one hash and verify, and the backend on stdout. */
  public static void main(String[] args) {
    Argon2PasswordHasher first = Argon2PasswordHasher.builder().memoryKiB(1024).build();
    Argon2PasswordHasher second = Argon2PasswordHasher.builder().memoryKiB(1024).build();
    String encoded = first.hash("Tangerine-Kayak-42".toCharArray());
    System.out.println("backend=" + first.backend() + "," + second.backend());
    System.out.println("verified=" + second.verify("Tangerine-Kayak-42".toCharArray(), encoded));
    System.out.println("wrong=" + second.verify("Tangerine-Kayak-43".toCharArray(), encoded));
    System.out.println("encoded=" + encoded.substring(0, encoded.lastIndexOf('$')));
  }

  @Test
  void hasherWhenLibsodiumCannotBeLoadedThenLogsOnceAndUsesArgon2Jvm() throws Exception {
    Process p =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Djna.platform.library.path=/nonexistent",
                "-cp",
                System.getProperty("java.class.path"),
                Argon2BackendFallbackTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("backend=ARGON2_JVM,ARGON2_JVM", "verified=true", "wrong=false");
    assertThat(out).contains("encoded=$argon2id$v=19$m=1024,t=2,p=1$");
    List<String> info =
        out.lines().filter(l -> l.contains("INFO") && l.contains("Argon2id backend")).toList();
    assertThat(info).as(out).hasSize(1);
    assertThat(info.get(0))
        .contains("ARGON2_JVM", "libsodium could not be loaded", "install libsodium");
  }
}

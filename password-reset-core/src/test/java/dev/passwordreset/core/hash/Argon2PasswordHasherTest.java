package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.passwordreset.api.PasswordResetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2PasswordHasherTest {

  /** Cheap parameters so that the suite stays fast; the defaults are tested separately. */
  private final Argon2PasswordHasher hasher =
      Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).build();

  @Test
  void hashWhenDefaultsThenStandardPhcStringWithDefaultParameters() {
    Argon2PasswordHasher defaults = new Argon2PasswordHasher();

    String encoded = defaults.hash("Tangerine-Kayak-42".toCharArray());

    // 16-byte salt = 22 base64 characters, 32-byte hash = 43, no padding
    assertThat(encoded)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(defaults.verify("Tangerine-Kayak-42".toCharArray(), encoded)).isTrue();
    assertThat(defaults.needsRehash(encoded)).isFalse();
  }

  @Test
  void defaultsWhenConstructedThenGettersReportThem() {
    Argon2PasswordHasher defaults = new Argon2PasswordHasher();

    assertThat(defaults.memoryKiB()).isEqualTo(19_456);
    assertThat(defaults.iterations()).isEqualTo(2);
    assertThat(defaults.parallelism()).isEqualTo(1);
    assertThat(defaults.saltLength()).isEqualTo(16);
    assertThat(defaults.hashLength()).isEqualTo(32);
    assertThat(defaults.maxConcurrentHashes())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(defaults.activeHashes()).isZero();
  }

  @Test
  void hashWhenCustomParametersThenTheyAppearInTheEncodedString() {
    Argon2PasswordHasher custom =
        Argon2PasswordHasher.builder()
            .memoryKiB(2048)
            .iterations(3)
            .parallelism(2)
            .saltLength(24)
            .hashLength(48)
            .build();

    String encoded = custom.hash("pw".toCharArray());

    // 24 bytes = 32 base64 characters, 48 bytes = 64
    assertThat(encoded)
        .matches("\\$argon2id\\$v=19\\$m=2048,t=3,p=2\\$[A-Za-z0-9+/]{32}\\$[A-Za-z0-9+/]{64}");
    assertThat(custom.verify("pw".toCharArray(), encoded)).isTrue();
  }

  @Test
  void hashWhenSamePasswordTwiceThenDifferentSaltsAndHashes() {
    String first = hasher.hash("same".toCharArray());
    String second = hasher.hash("same".toCharArray());

    assertThat(first).isNotEqualTo(second);
    assertThat(hasher.verify("same".toCharArray(), first)).isTrue();
    assertThat(hasher.verify("same".toCharArray(), second)).isTrue();
  }

  @Test
  void verifyWhenPasswordRightThenTrue() {
    String encoded = hasher.hash("correct horse".toCharArray());

    assertThat(hasher.verify("correct horse".toCharArray(), encoded)).isTrue();
  }

  @Test
  void verifyWhenPasswordWrongThenFalse() {
    String encoded = hasher.hash("correct horse".toCharArray());

    assertThat(hasher.verify("correct horsE".toCharArray(), encoded)).isFalse();
    assertThat(hasher.verify("correct horse ".toCharArray(), encoded)).isFalse();
    assertThat(hasher.verify(new char[0], encoded)).isFalse();
  }

  @Test
  void verifyWhenPasswordHasNonAsciiAndEmojiThenEncodedAsUtf8() {
    char[] password = "pässwörd-\uD83D\uDD11-密码".toCharArray();
    String encoded = hasher.hash(password);

    assertThat(hasher.verify("pässwörd-\uD83D\uDD11-密码".toCharArray(), encoded)).isTrue();
    assertThat(hasher.verify("passwoerd-\uD83D\uDD11-密码".toCharArray(), encoded)).isFalse();
    // libargon2 itself, given the UTF-8 bytes, agrees: the encoding is standard UTF-8
    assertThat(
            Argon2Factory.create(Argon2Types.ARGON2id)
                .verify(encoded, "pässwörd-\uD83D\uDD11-密码".toCharArray(), StandardCharsets.UTF_8))
        .isTrue();
  }

  @Test
  void verifyWhenPasswordEmptyThenHashesAndVerifies() {
    String encoded = hasher.hash(new char[0]);

    assertThat(hasher.verify(new char[0], encoded)).isTrue();
    assertThat(hasher.verify(" ".toCharArray(), encoded)).isFalse();
  }

  @Test
  void hashAndVerifyWhenUnpairedSurrogateThenNoException() {
    char[] password = {'a', '\uD800', 'b'};

    String encoded = hasher.hash(password);

    assertThat(hasher.verify(new char[] {'a', '\uD800', 'b'}, encoded)).isTrue();
  }

  @Test
  void hashAndVerifyNeverModifyTheCallersArray() {
    char[] password = "Tangerine-Kayak-42".toCharArray();

    String encoded = hasher.hash(password);
    assertThat(password).isEqualTo("Tangerine-Kayak-42".toCharArray());

    hasher.verify(password, encoded);
    assertThat(password).isEqualTo("Tangerine-Kayak-42".toCharArray());
  }

  @Test
  void verifyWhenHashTamperedThenFalse() {
    String encoded = hasher.hash("pw".toCharArray());
    char last = encoded.charAt(encoded.length() - 2);
    String tampered =
        encoded.substring(0, encoded.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + encoded.charAt(encoded.length() - 1);

    assertThat(hasher.verify("pw".toCharArray(), tampered)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "$argon2id$",
        "$argon2id$v=19$m=1024,t=1,p=1$$",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$aGFzaA$extra",
        "$argon2id$v=20$m=1024,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$t=1,m=1024,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=1024,t=0,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=1024,t=1,p=0$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=1024,t=101,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=8,t=1,p=2$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=-1024,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQ=$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=1024,t=1,p=1$c2!tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaGhhc2hoYXNo",
        "$argon2x$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
        "$pbkdf2-sha256$29000$N2bMWQsBwPhfq9XaO/c5Bw$KHCWwa5LrMyRn7.Gr1J1ySP9C9m0Cf4K5w4l1tI3Cy4",
        "5f4dcc3b5aa765d61d8327deb882cf99"
      })
  void verifyWhenEncodedMalformedOrForeignThenFalseAndUnsupported(String encoded) {
    assertThat(hasher.verify("password".toCharArray(), encoded)).isFalse();
    assertThat(hasher.supports(encoded)).isFalse();
    assertThat(hasher.needsRehash(encoded)).isTrue();
  }

  @Test
  void verifyWhenEncodedHugeThenFalseWithoutHashing() {
    String huge = "$argon2id$v=19$m=1024,t=1,p=1$" + "A".repeat(10_000) + "$" + "A".repeat(10_000);

    assertThat(hasher.verify("password".toCharArray(), huge)).isFalse();
    assertThat(hasher.peakActiveHashes()).isZero();
  }

  @Test
  void verifyWhenArgon2iOrArgon2dHashThenTrueButNeedsRehash() {
    for (Argon2Types type : new Argon2Types[] {Argon2Types.ARGON2i, Argon2Types.ARGON2d}) {
      // the configured parameters (m=1024, t=1, p=1): re-hashing to Argon2id lowers nothing
      String legacy =
          Argon2Factory.create(type, 16, 32)
              .hash(1, 1024, 1, "migrated".toCharArray(), StandardCharsets.UTF_8);

      assertThat(hasher.supports(legacy)).as(legacy).isTrue();
      assertThat(hasher.verify("migrated".toCharArray(), legacy)).as(legacy).isTrue();
      assertThat(hasher.verify("migrateD".toCharArray(), legacy)).as(legacy).isFalse();
      assertThat(hasher.needsRehash(legacy)).as(legacy).isTrue();
    }
  }

  @Test
  void supportsWhenArgon2idPhcStringThenTrue() {
    assertThat(hasher.supports(hasher.hash("pw".toCharArray()))).isTrue();
    assertThat(hasher.supports("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo"))
        .isTrue();
  }

  @Test
  void needsRehashWhenSameParametersThenFalse() {
    assertThat(hasher.needsRehash(hasher.hash("pw".toCharArray()))).isFalse();
  }

  @Test
  void needsRehashWhenAnyParameterRaisedThenTrue() {
    String old = hasher.hash("pw".toCharArray()); // m=1024, t=1, p=1, salt 16, hash 32

    assertThat(raised(b -> b.memoryKiB(2048)).needsRehash(old)).isTrue();
    assertThat(raised(b -> b.iterations(2)).needsRehash(old)).isTrue();
    assertThat(raised(b -> b.parallelism(2)).needsRehash(old)).isTrue();
    assertThat(raised(b -> b.saltLength(32)).needsRehash(old)).isTrue();
    assertThat(raised(b -> b.hashLength(64)).needsRehash(old)).isTrue();
    assertThat(raised(b -> b).needsRehash(old)).isFalse();
  }

  @Test
  void needsRehashWhenParametersLoweredThenFalseAndOldHashStillVerifies() {
    String strong =
        Argon2PasswordHasher.builder()
            .memoryKiB(4096)
            .iterations(2)
            .build()
            .hash("pw".toCharArray());

    assertThat(hasher.needsRehash(strong)).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), strong)).isTrue();
  }

  @Test
  void needsRehashWhenAForeignHashIsStrongerInAnyParameterThenFalseWhateverItsVariant() {
    // issue 16: passlib's m=102400,p=8 and PHP's 64 MiB Argon2i must not be rewritten weaker
    Argon2PasswordHasher defaults = new Argon2PasswordHasher();
    String salt = "$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    assertThat(defaults.needsRehash("$argon2id$v=19$m=102400,t=2,p=8" + salt)).isFalse();
    assertThat(defaults.needsRehash("$argon2i$v=19$m=65536,t=4,p=1" + salt)).isFalse();
    assertThat(defaults.needsRehash("$argon2id$v=19$m=102400,t=1,p=1" + salt)).isFalse();
    assertThat(defaults.needsRehash("$argon2d$v=19$m=19456,t=2,p=2" + salt)).isFalse();
    assertThat(defaults.needsRehash("$argon2i$v=19$m=19456,t=2,p=1" + salt)).isTrue();
    assertThat(defaults.needsRehash("$argon2id$v=19$m=8192,t=1,p=1" + salt)).isTrue();
    assertThat(defaults.needsRehash("$argon2id$v=16$m=19456,t=2,p=1" + salt)).isTrue();
  }

  @Test
  void needsRehashWhenVersion16ThenTrue() {
    String current = hasher.hash("pw".toCharArray());

    assertThat(hasher.needsRehash(current.replace("$v=19$", "$v=16$"))).isTrue();
    assertThat(hasher.needsRehash(current.replace("$v=19$", "$"))).isTrue();
    assertThat(hasher.supports(current.replace("$v=19$", "$"))).isTrue();
  }

  @Test
  void hashWhenThreadInterruptedWhileWaitingThenPasswordResetExceptionAndFlagKept() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> hasher.hash("pw".toCharArray()))
          .isInstanceOf(PasswordResetException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(hasher.activeHashes()).isZero();
  }

  @Test
  void verifyWhenThreadInterruptedWhileWaitingThenPasswordResetExceptionAndFlagKept() {
    String encoded = hasher.hash("pw".toCharArray());
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), encoded))
          .isInstanceOf(PasswordResetException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void hashWhenCallerInterruptedWhileItsHashRunsThenHashCompletesAndTheFlagIsKept()
      throws InterruptedException {
    // slow enough (some tens of ms) that the interrupt lands while the caller waits for the worker
    Argon2PasswordHasher slow =
        Argon2PasswordHasher.builder()
            .memoryKiB(32_768)
            .iterations(2)
            .maxConcurrentHashes(1)
            .build();
    // A busy machine may hold this thread back until the hash is done: then the interrupt did not
    // land while it ran, and the attempt is repeated (its outcome says nothing either way).
    for (int attempt = 1; attempt <= 20; attempt++) {
      AtomicReference<String> encoded = new AtomicReference<>();
      AtomicBoolean interruptedAfterwards = new AtomicBoolean();
      Thread caller =
          new Thread(
              () -> {
                encoded.set(slow.hash("pw".toCharArray()));
                interruptedAfterwards.set(Thread.currentThread().isInterrupted());
              });
      caller.start();
      while (slow.activeHashes() == 0 && caller.isAlive()) {
        Thread.onSpinWait();
      }
      caller.interrupt();
      // Still holding its permit after the interrupt: the caller had not left hash() yet.
      boolean landedWhileHashing = slow.activeHashes() > 0;
      caller.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(caller.isAlive()).as("the caller returned").isFalse();
      if (!landedWhileHashing) {
        continue;
      }

      assertThat(encoded.get()).startsWith("$argon2id$");
      assertThat(slow.verify("pw".toCharArray(), encoded.get())).isTrue();
      assertThat(interruptedAfterwards).isTrue();
      assertThat(slow.activeHashes()).isZero();
      return;
    }
    throw new AssertionError("in 20 attempts, the interrupt never landed while the hash ran");
  }

  @Test
  void countersWhenEveryPermitTakenThenReportRunningAndWaitingCallers() throws Exception {
    Argon2PasswordHasher one =
        Argon2PasswordHasher.builder().memoryKiB(4096).iterations(1).maxConcurrentHashes(1).build();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService callers = Executors.newFixedThreadPool(3);
    List<Future<Integer>> results = new ArrayList<>();
    boolean sawRunning = false;
    boolean sawWaiting = false;
    try {
      for (int i = 0; i < 3; i++) {
        results.add(
            callers.submit(
                () -> {
                  int hashes = 0;
                  while (!stop.get()) {
                    one.hash("pw".toCharArray());
                    hashes++;
                  }
                  return hashes;
                }));
      }
      // Ends as soon as both were seen; the bound only stops a broken hasher from hanging.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(sawRunning && sawWaiting) && System.nanoTime() < deadline) {
        int running = one.activeHashes();
        assertThat(running).isBetween(0, 1);
        sawRunning |= running == 1;
        sawWaiting |= one.waitingHashes() > 0;
        Thread.onSpinWait();
      }
    } finally {
      stop.set(true);
      callers.shutdown();
    }
    int hashes = 0;
    for (Future<Integer> result : results) {
      hashes += result.get(30, TimeUnit.SECONDS);
    }
    assertThat(hashes).isPositive();

    assertThat(sawRunning).as("saw a running hash").isTrue();
    assertThat(sawWaiting).as("saw a waiting caller").isTrue();
    assertThat(one.peakActiveHashes()).isEqualTo(1);
    assertThat(one.activeHashes()).isZero();
    assertThat(one.waitingHashes()).isZero();
  }

  @Test
  void peakActiveHashesWhenOneHashDoneThenOneAndNoneRunning() {
    Argon2PasswordHasher fresh =
        Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).build();
    assertThat(fresh.peakActiveHashes()).isZero();

    fresh.verify("pw".toCharArray(), fresh.hash("pw".toCharArray()));

    assertThat(fresh.peakActiveHashes()).isEqualTo(1);
    assertThat(fresh.activeHashes()).isZero();
    assertThat(fresh.waitingHashes()).isZero();
  }

  @Test
  void hashRunsOnTheHashersDaemonThreadsSoTheyNeverKeepTheJvmAlive() {
    // argon2-jvm's work: the C allocator would keep its memory on every caller's thread
    Argon2PasswordHasher fresh =
        Argon2PasswordHasher.builder()
            .memoryKiB(1024)
            .iterations(1)
            .maxConcurrentHashes(1)
            .preferLibsodium(false)
            .build();

    fresh.hash("pw".toCharArray());

    List<Thread> workers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("password-reset-argon2-"))
            .toList();
    assertThat(workers).isNotEmpty().allMatch(Thread::isDaemon);
  }

  @Test
  void nullArgumentsThenNullPointerExceptionNamingThem() {
    assertThatThrownBy(() -> hasher.hash(null)).hasMessageContaining("password");
    assertThatThrownBy(() -> hasher.verify(null, "x")).hasMessageContaining("password");
    assertThatThrownBy(() -> hasher.verify(new char[0], null)).hasMessageContaining("encoded");
    assertThatThrownBy(() -> hasher.needsRehash(null)).hasMessageContaining("encoded");
    assertThatThrownBy(() -> hasher.supports(null)).hasMessageContaining("encoded");
  }

  @Test
  void toStringShowsParametersOnly() {
    assertThat(hasher.toString())
        .contains("argon2id", "m=1024", "t=1", "p=1", "salt=16", "hash=32", "maxConcurrentHashes=");
  }

  private static Argon2PasswordHasher raised(
      java.util.function.UnaryOperator<Argon2PasswordHasher.Builder> change) {
    return change.apply(Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1)).build();
  }
}

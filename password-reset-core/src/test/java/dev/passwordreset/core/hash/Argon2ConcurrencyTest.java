package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Argon2ConcurrencyTest {

  @Test
  void hashWhenSixteenThreadsAndBoundTwoThenNeverMoreThanTwoAtOnceAndAllSucceed() throws Exception {
    Argon2PasswordHasher hasher =
        Argon2PasswordHasher.builder().memoryKiB(4096).iterations(1).maxConcurrentHashes(2).build();
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        char[] password = ("password-" + i).toCharArray();
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  boolean ok = true;
                  for (int round = 0; round < 3; round++) {
                    String encoded = hasher.hash(password);
                    ok &= hasher.verify(password, encoded);
                    assertThat(hasher.activeHashes()).isBetween(0, 2);
                  }
                  return ok;
                }));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(hasher.peakActiveHashes()).isBetween(1, 2);
    assertThat(hasher.activeHashes()).isZero();
    assertThat(hasher.waitingHashes()).isZero();
  }

  @Test
  void hashWhenBoundOneThenRunsOneAtATime() throws Exception {
    Argon2PasswordHasher hasher =
        Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).maxConcurrentHashes(1).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> hasher.hash("pw".toCharArray())));
      }
      for (Future<String> result : results) {
        assertThat(hasher.verify("pw".toCharArray(), result.get(2, TimeUnit.MINUTES))).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(hasher.peakActiveHashes()).isEqualTo(1);
  }
}

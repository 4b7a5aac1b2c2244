package dev.passwordreset.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords in parallel gets no more guesses than guessing one after the other: the
 * failed-login limit holds when many requests of one attacker arrive at once.
 */
class ConcurrentGuessingTest {

  private static final int ATTACKERS = 48;
  private static final int LIMIT = 5;

  private static <T> List<T> atOnce(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(1, TimeUnit.MINUTES));
    }
    pool.shutdown();
    return results;
  }

  @Test
  void parallelWrongPasswordsForOneAccountGetNoMoreGuessesThanTheLimit() throws Exception {
    try (Fixture fx =
        new Fixture(
            b ->
                b.loginProtection(
                        new LoginProtection(
                            LIMIT, Duration.ofMinutes(15), Duration.ofMinutes(15), LIMIT))
                    .clientLoginLimit(ThrottleLimit.of(1_000, Duration.ofMinutes(15))))) {
      fx.customer("c1", "ann@example.com", "Old-Passw0rd!x");

      List<LoginCheck> answers =
          atOnce(
              ATTACKERS,
              () ->
                  fx.engine.checkLogin(
                      "ann@example.com",
                      ("Guess-" + Thread.currentThread().getId()).toCharArray(),
                      RequestContext.of("198.51.100." + (Thread.currentThread().getId() % 200))));

      long guessed = answers.stream().filter(a -> a instanceof LoginCheck.Invalid).count();
      assertThat(guessed).isLessThanOrEqualTo(LIMIT);
      assertThat(answers).hasSize(ATTACKERS);
    }
  }
}

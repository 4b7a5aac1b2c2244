package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentCompletionTest {

  @Test
  void twoHundredThreadsCompletingOneLinkGiveExactlyOneWinnerWhosePasswordIsStored()
      throws Exception {
    try (Fixture fx =
        new Fixture(b -> b.clientBadTokenLimit(ThrottleLimit.of(1000, Duration.ofMinutes(15))))) {
      fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
      String token = fx.requestToken("ann@example.com");
      int threads = 200;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<ResetOutcome>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String password = "Winner-" + i + "!Pw";
        SecretWatchExtension.secret(password);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return fx.engine.completeReset(token, password.toCharArray(), CLIENT);
                }));
      }
      start.countDown();
      int completed = 0;
      int winner = -1;
      for (int i = 0; i < threads; i++) {
        ResetOutcome outcome = results.get(i).get();
        if (outcome instanceof ResetOutcome.Completed) {
          completed++;
          winner = i;
        } else {
          assertThat(outcome).isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));
        }
      }
      pool.shutdown();

      assertThat(completed).isEqualTo(1);
      assertThat(
              fx.engine.checkLogin(
                  "ann@example.com", ("Winner-" + winner + "!Pw").toCharArray(), CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
      int loser = winner == 0 ? 1 : 0;
      assertThat(
              fx.engine.checkLogin(
                  "ann@example.com", ("Winner-" + loser + "!Pw").toCharArray(), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
    }
  }
}

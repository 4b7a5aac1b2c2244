package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PolicyContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 7: the strength rule builds its estimator once, evaluates at most {@link
 * StrengthRule#evaluatedCodePoints()} code points, and runs at most its bound of estimates at once.
 * Seen through the rule's package-private seams, not through time.
 */
class StrengthRuleCostTest {

  private final List<String> evaluated = new CopyOnWriteArrayList<>();

  @AfterEach
  void removeSeam() {
    StrengthRule.evaluated = null;
  }

  private static PolicyContext customer(int n) {
    return new PolicyContext(
        "customer" + n + "@example.com", "Customer Number" + n, Locale.ENGLISH);
  }

  @Test
  void theEstimatorIsBuiltOnceForManyChecksWithDifferentCustomers() {
    StrengthRule rule = StrengthRule.defaults();
    int before = StrengthRule.ESTIMATORS_BUILT.get();

    for (int i = 0; i < 5; i++) {
      rule.check(("Correct-Horse-" + i).toCharArray(), customer(i));
      rule.check("password".toCharArray(), new PolicyContext(null, null, Locale.ENGLISH));
    }

    assertThat(StrengthRule.ESTIMATORS_BUILT.get()).isEqualTo(before + 1);
  }

  @Test
  void aRejected128CharacterPasswordIsEvaluatedOnItsFirst32CodePointsOnly() {
    StrengthRule.evaluated = evaluated::add;
    StrengthRule rule = StrengthRule.defaults();
    char[] longWeak = "password".repeat(16).toCharArray();
    // Surrogate pairs count as one code point each: 128 code points in 256 chars.
    char[] longPairs = "\uD83D\uDE00".repeat(128).toCharArray();

    assertThat(rule.check(longWeak, customer(1))).isPresent();
    rule.check(longPairs, customer(2));

    assertThat(evaluated).hasSize(2);
    assertThat(rule.evaluatedCodePoints()).isEqualTo(32);
    assertThat(evaluated.get(0)).isEqualTo("password".repeat(4));
    assertThat(evaluated.get(1).codePointCount(0, evaluated.get(1).length())).isEqualTo(32);
    assertThat(evaluated.get(1)).isEqualTo("\uD83D\uDE00".repeat(32));
    assertThat(longWeak).hasSize(128); // the candidate itself is not modified
  }

  @Test
  void theEvaluatedPrefixCanReachEveryMinimum() {
    assertThat(StrengthRule.minimumEntropy(10).evaluatedCodePoints()).isEqualTo(32);
    assertThat(StrengthRule.minimumEntropy(128).evaluatedCodePoints()).isEqualTo(32);
    assertThat(StrengthRule.minimumEntropy(200).evaluatedCodePoints()).isEqualTo(50);
    assertThat(StrengthRule.minimumEntropy(256).evaluatedCodePoints())
        .isEqualTo(StrengthRule.MAX_EVALUATED_CODE_POINTS);
    // A random password of lower-case letters and digits, as long as the prefix, passes 256 bits.
    java.util.Random random = new java.util.Random(256);
    char[] strong = new char[64];
    for (int i = 0; i < strong.length; i++) {
      strong[i] = "abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36));
    }
    assertThat(StrengthRule.minimumEntropy(256).check(strong, customer(1))).isEmpty();
  }

  @Test
  void atMostTheBoundOfEstimatesRunAtOnceAndTheOthersWait() throws Exception {
    StrengthRule rule = new StrengthRule(StrengthRule.DEFAULT_MINIMUM_ENTROPY, 2);
    rule.check("warm-up-the-estimator".toCharArray(), customer(0)); // built before the race
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    StrengthRule.evaluated =
        text -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inside.decrementAndGet();
        };
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> checks = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int n = i;
        checks.add(pool.submit(() -> rule.check(("x" + n).repeat(100).toCharArray(), customer(n))));
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> inside.get() == 2 && rule.waiting() == 3);
      assertThat(most.get()).isEqualTo(2);
      release.countDown();
      for (Future<?> f : checks) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(most.get()).isEqualTo(2);
      assertThat(rule.maxConcurrentEstimates()).isEqualTo(2);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}

package dev.passwordreset.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
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
 * Account protection (issue 14, items 4, 5 and 16): consecutive failures with growing waits and a
 * lockout at NIST's 100, cleared only by a successful login or a completed reset; per-client limits
 * that count an IPv6 /64 as one client and that parallel guesses cannot overrun.
 */
class LoginProtectionTest {

  private static final String OWNER_PASSWORD = "Old-Passw0rd!x";

  private static char[] pw(String s) {
    return s.toCharArray();
  }

  /** A new address for every guess, so that only the account's protection is at work. */
  private static RequestContext stranger(int i) {
    return RequestContext.of("198.51." + (i / 250 % 250) + "." + (i % 250 + 1));
  }

  @Test
  void nineHundredSixtyGuessesInTwentyFourHoursAreImpossibleAndTheHundredthLocks() {
    try (Fixture f = new Fixture()) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      Guesser attacker = new Guesser(f);

      // An attacker with many addresses tries as fast as the answers allow, for a whole day ...
      attacker.guessFor(Duration.ofHours(24));
      assertThat(attacker.verified).isBetween(80, EngineDefaults.LOGIN_LOCKOUT_THRESHOLD);

      // ... and for another: the hundredth failure locks password login, for good.
      attacker.guessFor(Duration.ofHours(24));
      assertThat(attacker.verified).isEqualTo(EngineDefaults.LOGIN_LOCKOUT_THRESHOLD);
      assertThat(attacker.locked).isPositive();
      assertThat(f.events(ResetEventType.LOGIN_LOCKED)).hasSize(1);
      // Locked: even the right password is not verified.
      assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Locked.class);
    }
  }

  /** Guesses one account from ever new addresses, waiting exactly as long as it is told. */
  private static final class Guesser {
    private final Fixture f;
    int verified;
    int locked;
    int tries;

    Guesser(Fixture f) {
      this.f = f;
    }

    void guessFor(Duration duration) {
      Instant end = f.clock.instant().plus(duration);
      while (f.clock.instant().isBefore(end)) {
        LoginCheck answer =
            f.engine.checkLogin("ann@example.com", pw("Guess-" + tries), stranger(tries));
        tries++;
        if (answer instanceof LoginCheck.Invalid) {
          verified++;
          f.clock.advance(Duration.ofMillis(1));
        } else if (answer instanceof LoginCheck.Throttled t) {
          f.clock.advance(t.retryAfter());
        } else {
          assertThat(answer).isInstanceOf(LoginCheck.Locked.class);
          locked++;
          f.clock.advance(Duration.ofMinutes(30));
        }
      }
    }
  }

  @Test
  void waitsGrowAfterTheFreeFailuresDoublingUpToTheMaximum() {
    try (Fixture f = new Fixture()) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      for (int i = 0; i < EngineDefaults.LOGIN_FREE_FAILURES; i++) {
        assertThat(f.engine.checkLogin("ann@example.com", pw("Guess-" + i), stranger(i)))
            .isInstanceOf(LoginCheck.Invalid.class);
      }
      List<Duration> waits = new ArrayList<>();
      for (int i = 0; i < 14; i++) {
        assertThat(f.engine.checkLogin("ann@example.com", pw("More-" + i), stranger(100 + i)))
            .isInstanceOf(LoginCheck.Invalid.class);
        LoginCheck next = f.engine.checkLogin("ann@example.com", pw("Next"), stranger(200 + i));
        Duration wait = ((LoginCheck.Throttled) next).retryAfter();
        waits.add(wait);
        f.clock.advance(wait);
      }

      Duration expected = EngineDefaults.LOGIN_FIRST_DELAY;
      for (Duration wait : waits) {
        // The wait is the delay, or up to a quarter more (sliding windows in four slices).
        assertThat(wait).isBetween(expected, expected.plus(expected.dividedBy(4)));
        expected = expected.multipliedBy(2);
        if (expected.compareTo(EngineDefaults.LOGIN_MAX_DELAY) > 0) {
          expected = EngineDefaults.LOGIN_MAX_DELAY;
        }
      }
      assertThat(waits.get(waits.size() - 1))
          .isGreaterThanOrEqualTo(EngineDefaults.LOGIN_MAX_DELAY);
    }
  }

  @Test
  void aSuccessfulLoginClearsTheConsecutiveFailures() {
    try (Fixture f = new Fixture()) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      for (int i = 0; i < EngineDefaults.LOGIN_FREE_FAILURES; i++) {
        f.engine.checkLogin("ann@example.com", pw("Guess-" + i), stranger(i));
      }
      assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);

      // As many free failures again, and no wait after them.
      for (int i = 0; i < EngineDefaults.LOGIN_FREE_FAILURES; i++) {
        assertThat(f.engine.checkLogin("ann@example.com", pw("Again-" + i), stranger(50 + i)))
            .isInstanceOf(LoginCheck.Invalid.class);
      }
      assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
    }
  }

  @Test
  void strangersCannotKeepTheOwnerFromAResetAndACompletedResetClearsTheLockout() {
    try (Fixture f =
        new Fixture(b -> b.loginProtection(LoginProtection.defaults().withLockoutThreshold(10)))) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      for (int i = 0; i < 40; i++) {
        LoginCheck answer = f.engine.checkLogin("ann@example.com", pw("Guess-" + i), stranger(i));
        if (answer instanceof LoginCheck.Throttled t) {
          f.clock.advance(t.retryAfter());
        }
      }
      assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Locked.class);

      // The reset is never refused for the lockout, and completing it ends the lockout at once.
      String token = f.requestToken("ann@example.com"); // the link arrives: not refused
      assertThat(f.engine.completeReset(token, pw("N3w-Secret!xy"), Fixture.CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);

      assertThat(f.engine.checkLogin("ann@example.com", pw("N3w-Secret!xy"), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
    }
  }

  @Test
  void aCompletedResetClearsTheFailuresSoNoWaitIsLeft() {
    try (Fixture f = new Fixture()) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      for (int i = 0; i < EngineDefaults.LOGIN_FREE_FAILURES + 1; i++) {
        f.engine.checkLogin("ann@example.com", pw("Guess-" + i), stranger(i));
      }
      assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);

      String token = f.requestToken("ann@example.com");
      assertThat(f.engine.completeReset(token, pw("N3w-Secret!xy"), Fixture.CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);

      // Same instant: the wait is gone, and the free failures are whole again.
      for (int i = 0; i < EngineDefaults.LOGIN_FREE_FAILURES; i++) {
        assertThat(f.engine.checkLogin("ann@example.com", pw("After-" + i), stranger(60 + i)))
            .isInstanceOf(LoginCheck.Invalid.class);
      }
      assertThat(f.engine.checkLogin("ann@example.com", pw("N3w-Secret!xy"), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
    }
  }

  @Test
  void anUnknownEmailGetsTheSameWaitsAndLockoutAsAKnownOne() {
    try (Fixture f =
        new Fixture(
            b ->
                b.loginProtection(
                    new LoginProtection(2, Duration.ofMinutes(1), Duration.ofMinutes(1), 4)))) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      List<String> known = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        known.add(answerKind(f.engine.checkLogin("ann@example.com", pw("G-" + i), stranger(i))));
        unknown.add(
            answerKind(f.engine.checkLogin("nobody@example.com", pw("G-" + i), stranger(20 + i))));
        f.clock.advance(Duration.ofSeconds(40));
      }

      assertThat(unknown).isEqualTo(known).contains("Throttled", "Locked");
    }
  }

  private static String answerKind(LoginCheck c) {
    return c.getClass().getSimpleName();
  }

  @Test
  void aWindowBoundaryDoesNotLetThePerClientLoginLimitThroughTwice() {
    try (Fixture f =
        new Fixture(b -> b.clientLoginLimit(ThrottleLimit.of(10, Duration.ofMinutes(15))))) {
      // Just before a window of the old fixed scheme ended (10:15:00 UTC) ...
      f.clock.set(Instant.parse("2026-03-01T10:14:59.999Z"));
      for (int i = 0; i < 10; i++) {
        assertThat(f.engine.checkLogin("user" + i + "@example.com", pw("Wrong-1"), Fixture.CLIENT))
            .isInstanceOf(LoginCheck.Invalid.class);
      }
      // ... and just after it: nothing more from this client.
      f.clock.advance(Duration.ofMillis(1));
      assertThat(f.engine.checkLogin("other@example.com", pw("Wrong-1"), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);
      f.clock.advance(Duration.ofMinutes(14));
      assertThat(f.engine.checkLogin("other@example.com", pw("Wrong-1"), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);
    }
  }

  @Test
  void sixtyParallelGuessesAgainstAPerClientLimitOfTenGetTenVerified() throws Exception {
    try (Fixture f =
        new Fixture(b -> b.clientLoginLimit(ThrottleLimit.of(10, Duration.ofMinutes(15))))) {
      List<LoginCheck> answers =
          atOnce(
              60,
              () ->
                  f.engine.checkLogin(
                      "user" + Thread.currentThread().getId() + "@example.com",
                      pw("Wrong-1"),
                      Fixture.CLIENT));

      assertThat(answers.stream().filter(a -> a instanceof LoginCheck.Invalid).count())
          .isEqualTo(10);
      assertThat(answers.stream().filter(a -> a instanceof LoginCheck.Throttled).count())
          .isEqualTo(50);
    }
  }

  @Test
  void aSuccessfulLoginDoesNotUseUpTheClientsLimit() {
    try (Fixture f =
        new Fixture(b -> b.clientLoginLimit(ThrottleLimit.of(2, Duration.ofMinutes(15))))) {
      f.customer("c1", "ann@example.com", OWNER_PASSWORD);
      for (int i = 0; i < 5; i++) {
        assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
            .isInstanceOf(LoginCheck.Valid.class);
      }
      f.engine.checkLogin("ann@example.com", pw("Wrong-1"), Fixture.CLIENT);
      f.engine.checkLogin("ann@example.com", pw("Wrong-2"), Fixture.CLIENT);
      assertThat(f.engine.checkLogin("ann@example.com", pw(OWNER_PASSWORD), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Throttled.class);
    }
  }

  @Test
  void oneHundredFiftyLoginsFromOneIpv6Slash64AreThrottledLikeOneClient() {
    try (Fixture f = new Fixture()) {
      int verified = 0;
      for (int i = 0; i < 150; i++) {
        RequestContext rotating =
            RequestContext.of("2001:db8:aa:bb:" + Integer.toHexString(i) + ":1:2:" + i);
        if (f.engine.checkLogin("user" + i + "@example.com", pw("Wrong-1"), rotating)
            instanceof LoginCheck.Invalid) {
          verified++;
        }
      }
      assertThat(verified).isEqualTo(EngineDefaults.CLIENT_LOGIN_LIMIT.count());
      // Another /64 is another client.
      assertThat(
              f.engine.checkLogin(
                  "x@example.com", pw("Wrong-1"), RequestContext.of("2001:db8:aa:bc::1")))
          .isInstanceOf(LoginCheck.Invalid.class);
    }
  }

  @Test
  void fortyRequestsFromOneIpv6Slash64AreThrottledLikeOneClient() {
    try (Fixture f = new Fixture()) {
      int accepted = 0;
      for (int i = 0; i < 40; i++) {
        RequestContext rotating =
            RequestContext.of("2001:db8:aa:bb::" + Integer.toHexString(i + 1));
        if (f.engine.requestReset("user" + i + "@example.com", rotating)
            instanceof RequestOutcome.Accepted) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(EngineDefaults.CLIENT_REQUEST_LIMIT.count());
      // An IPv4-mapped address is its IPv4 address: one client with the plain form.
      for (int i = 0; i < 10; i++) {
        f.engine.requestReset("v4-" + i + "@example.com", RequestContext.of("192.0.2.77"));
      }
      assertThat(f.engine.requestReset("x@example.com", RequestContext.of("::ffff:192.0.2.77")))
          .isInstanceOf(RequestOutcome.Throttled.class);
    }
  }

  @Test
  void theIpv6PrefixIsConfigurable() {
    try (Fixture f = new Fixture(b -> b.clientIpv6PrefixLength(128))) {
      int accepted = 0;
      for (int i = 0; i < 40; i++) {
        RequestContext rotating =
            RequestContext.of("2001:db8:aa:bb::" + Integer.toHexString(i + 1));
        if (f.engine.requestReset("user" + i + "@example.com", rotating)
            instanceof RequestOutcome.Accepted) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(40);
    }
  }

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
    for (Future<T> future : futures) {
      results.add(future.get(1, TimeUnit.MINUTES));
    }
    pool.shutdown();
    return results;
  }
}

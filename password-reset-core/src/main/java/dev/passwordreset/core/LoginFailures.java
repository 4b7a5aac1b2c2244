package dev.passwordreset.core;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.internal.Throttle;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The consecutive failed logins of each account, in the shared {@link ThrottleStore} (see {@link
 * LoginProtection} for the policy). An attempt is counted as a failure <em>before</em> its password
 * is verified, with the store's atomic "take one if below the lockout threshold", so parallel
 * guesses on any number of nodes never get past the threshold; a success then clears the count. The
 * wait after failure {@code n} is a one-event {@link Throttle} over {@code delayAfter(n)}, started
 * when attempt {@code n} begins. Immutable; thread-safe.
 */
final class LoginFailures {
  private final LoginProtection protection;
  private final ThrottleStore store;

  LoginFailures(LoginProtection protection, ThrottleStore store) {
    this.protection = protection;
    this.store = store;
  }

  /** Whose failures: a known account by id, or an email that belongs to no account. */
  record Subject(String keyPrefix, String value) {
    static Subject account(CustomerId id) {
      return new Subject(Throttle.ACCOUNT_KEY_PREFIX, id.value());
    }

    static Subject unknownEmail(String normalizedEmail) {
      return new Subject(Throttle.UNKNOWN_KEY_PREFIX, normalizedEmail);
    }
  }

  /** What {@link #begin} decided. */
  sealed interface Start {
    /** The attempt may verify; it is already counted as failure {@code number}. */
    record Counted(long number) implements Start {}

    /** The account must wait after its last failure. */
    record Delayed(Duration retryAfter) implements Start {}

    /** The account reached the lockout threshold: no password is verified until a reset. */
    record Locked() implements Start {}
  }

  /**
   * Starts an attempt: refuses it (locked, or still waiting), or counts it as a failure until
   * {@link #succeeded} says otherwise. Callers on one node serialize this per account; nodes race
   * only between the delay check and the count, never past the threshold.
   */
  Start begin(Subject s, Instant now) {
    String count = countKey(s);
    long failures = store.get(count, now);
    if (failures >= protection.lockoutThreshold()) {
      return new Start.Locked();
    }
    Duration delay = protection.delayAfter(failures);
    if (!delay.isZero()) {
      Optional<Duration> wait = delayThrottle(s, failures, delay).check(s.value(), now);
      if (wait.isPresent()) {
        return new Start.Delayed(wait.get());
      }
    }
    if (!store.tryAcquire(
        count,
        protection.lockoutThreshold(),
        now,
        now.plus(EngineDefaults.LOGIN_FAILURE_RETENTION))) {
      return new Start.Locked();
    }
    long number = failures + 1;
    Duration next = protection.delayAfter(number);
    if (!next.isZero()) {
      // Started now, so the next attempt waits even while this one is still verifying.
      delayThrottle(s, number, next).hit(s.value(), now);
    }
    return new Start.Counted(number);
  }

  /** Whether the failure just counted is the one that locks the account. */
  boolean locks(long number) {
    return number >= protection.lockoutThreshold();
  }

  /** The attempt succeeded: the consecutive failures are over. */
  void succeeded(Subject s) {
    store.delete(countKey(s));
  }

  /** A completed password reset or change clears the account's failures. */
  void clear(CustomerId id) {
    succeeded(Subject.account(id));
  }

  private String countKey(Subject s) {
    return s.keyPrefix() + Tokens.sha256Hex("login-failures\u0000" + s.value());
  }

  private Throttle delayThrottle(Subject s, long failures, Duration delay) {
    return new Throttle(
        "login-delay-" + failures,
        s.keyPrefix(),
        ThrottleLimit.of(1, delay),
        store,
        UnaryOperator.identity());
  }
}

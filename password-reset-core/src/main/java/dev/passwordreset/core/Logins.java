package dev.passwordreset.core;

import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordCheck.Candidate;
import dev.passwordreset.core.internal.Throttle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Is this the customer's password?" and "change my password": verification against the stored hash
 * (the library's own format, then the legacy verifiers), transparent re-hashing, temporary
 * passwords, and the failed-login throttles. An unknown account costs the same as a known one.
 * Thread-safe.
 */
final class Logins {
  private static final Logger log = LoggerFactory.getLogger(Logins.class);

  private final CustomerStore customers;
  private final PasswordHasher hasher;
  private final List<LegacyPasswordVerifier> legacyVerifiers;
  private final PasswordCheck passwordCheck;
  private final Throttle accountLoginFailures;
  private final Throttle clientLoginFailures;
  private final AccountPasswords passwords;
  private final Outbox outbox;
  private final Events events;
  private final EngineClock clock;
  private final String dummyHash;
  private final ReentrantLock[] guessingLocks = new ReentrantLock[256];

  Logins(
      CustomerStore customers,
      PasswordHasher hasher,
      List<LegacyPasswordVerifier> legacyVerifiers,
      PasswordCheck passwordCheck,
      Throttle accountLoginFailures,
      Throttle clientLoginFailures,
      AccountPasswords passwords,
      Outbox outbox,
      Events events,
      EngineClock clock) {
    this.customers = customers;
    this.hasher = hasher;
    this.legacyVerifiers = List.copyOf(legacyVerifiers);
    this.passwordCheck = passwordCheck;
    this.accountLoginFailures = accountLoginFailures;
    this.clientLoginFailures = clientLoginFailures;
    this.passwords = passwords;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
    // Verified against when the account is unknown, so a login costs the same either way.
    this.dummyHash = hasher.hash("not-a-password-of-anyone".toCharArray());
    for (int i = 0; i < guessingLocks.length; i++) {
      guessingLocks[i] = new ReentrantLock();
    }
  }

  LoginCheck check(String email, char[] password, RequestContext context) {
    String normalizedEmail =
        email.length() > SelfServiceRequests.MAX_EMAIL_LENGTH
            ? ""
            : CustomerStore.normalizeEmail(email);
    ReentrantLock guessing = guessingLock(normalizedEmail);
    guessing.lock();
    try {
      Instant now = clock.now();
      Optional<Duration> throttled =
          clientLoginFailures
              .check(context.clientAddress(), now)
              .or(() -> accountLoginFailures.check(normalizedEmail, now));
      if (throttled.isPresent()) {
        events.emit(ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "login"));
        return new LoginCheck.Throttled(throttled.get());
      }
      char[] normalized = passwordCheck.normalizeWithinBound(password);
      if (normalized == null) {
        return loginFailed(null, normalizedEmail, context, now);
      }
      try {
        return verifyLogin(normalizedEmail, normalized, password, context, now);
      } finally {
        Passwords.clear(normalized);
      }
    } finally {
      guessing.unlock();
    }
  }

  private LoginCheck verifyLogin(
      String normalizedEmail,
      char[] normalized,
      char[] asTyped,
      RequestContext context,
      Instant now) {
    Optional<CustomerAccount> account =
        normalizedEmail.isEmpty() ? Optional.empty() : customers.findByEmail(normalizedEmail);
    Optional<StoredPassword> stored =
        account.filter(CustomerAccount::enabled).flatMap(a -> customers.findPassword(a.id()));
    if (stored.isEmpty()) {
      hasher.verify(normalized, dummyHash); // the same cost as a real check
      return loginFailed(
          account.map(CustomerAccount::id).orElse(null), normalizedEmail, context, now);
    }
    CustomerId id = account.get().id();
    StoredPassword current = stored.get();
    Verification v = verify(normalized, asTyped, current.hash());
    if (!v.matches) {
      return loginFailed(id, normalizedEmail, context, now);
    }
    Instant until = current.temporaryUntil();
    if (until != null && !now.isBefore(until)) {
      events.emit(
          ResetEventType.LOGIN_FAILED, id, null, context, Map.of("reason", "temporary-expired"));
      return new LoginCheck.TemporaryExpired(id);
    }
    if (v.rehash) {
      rehash(id, current, normalized, v.legacy, context);
    }
    events.emit(ResetEventType.LOGIN_SUCCEEDED, id, null, context, Map.of());
    return until != null ? new LoginCheck.MustChange(id, until) : new LoginCheck.Valid(id);
  }

  private LoginCheck loginFailed(
      @Nullable CustomerId id, String normalizedEmail, RequestContext context, Instant now) {
    clientLoginFailures.hit(context.clientAddress(), now);
    accountLoginFailures.hit(normalizedEmail, now);
    events.emit(ResetEventType.LOGIN_FAILED, id, null, context, Map.of());
    return new LoginCheck.Invalid();
  }

  ChangeOutcome change(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    Optional<CustomerAccount> found = customers.findById(customerId);
    String throttleKey =
        found.map(a -> CustomerStore.normalizeEmail(a.email())).orElse(customerId.value());
    ReentrantLock guessing = guessingLock(throttleKey);
    guessing.lock();
    try {
      Instant now = clock.now();
      // A disabled account is answered like a wrong current password, at the same cost (the dummy
      // hash): it cannot change its password, and the answer does not say it is disabled.
      Optional<StoredPassword> stored =
          found.filter(CustomerAccount::enabled).flatMap(a -> customers.findPassword(a.id()));
      if (accountLoginFailures.check(throttleKey, now).isPresent()) {
        return new ChangeOutcome.WrongCurrentPassword();
      }
      char[] bounded = passwordCheck.normalizeWithinBound(currentPassword);
      char[] current = bounded != null ? bounded : new char[0];
      try {
        boolean ok =
            bounded != null
                && stored.isPresent()
                && verify(current, currentPassword, stored.get().hash()).matches;
        Instant until = stored.map(StoredPassword::temporaryUntil).orElse(null);
        if (!ok || (until != null && !now.isBefore(until))) {
          if (stored.isEmpty()) {
            hasher.verify(current, dummyHash);
          }
          accountLoginFailures.hit(throttleKey, now);
          events.emit(
              ResetEventType.LOGIN_FAILED,
              customerId,
              null,
              context,
              Map.of("reason", "wrong-current-password"));
          return new ChangeOutcome.WrongCurrentPassword();
        }
        return changeTo(found.get(), current, newPassword, context, now);
      } finally {
        Passwords.clear(current);
      }
    } finally {
      guessing.unlock();
    }
  }

  private ChangeOutcome changeTo(
      CustomerAccount account,
      char[] current,
      char[] newPassword,
      RequestContext context,
      Instant now) {
    CustomerId id = account.id();
    Locale locale = context.locale() != null ? context.locale() : account.locale();
    try (Candidate candidate =
        passwordCheck.check(
            newPassword,
            PolicyContext.of(account, locale),
            current,
            v -> events.passwordRejected(id, context, v))) {
      if (!candidate.accepted()) {
        return new ChangeOutcome.Rejected(candidate.violations());
      }
      String hash = hasher.hash(candidate.normalized());
      if (!passwords.replace(id, StoredPassword.of(hash), now)) {
        return new ChangeOutcome.WrongCurrentPassword();
      }
      events.emit(ResetEventType.PASSWORD_CHANGED, id, null, context, Map.of());
      outbox.passwordChanged(account, context.storefront(), context);
      return new ChangeOutcome.Changed();
    }
  }

  /**
   * The per-account failed-login limit is checked before the (slow) verification and counted after
   * it; without this lock, parallel guesses at one account would all pass the check together and
   * get more tries than the limit. Striped, so memory stays fixed; logins of one account (and of
   * the few that share its stripe) verify one at a time on this node.
   */
  private ReentrantLock guessingLock(String accountKey) {
    return guessingLocks[Math.floorMod(accountKey.hashCode(), guessingLocks.length)];
  }

  private record Verification(boolean matches, boolean rehash, boolean legacy) {}

  /**
   * Checks a password against a stored hash: the configured hasher's format first, then the legacy
   * verifiers (which get the password as typed, since legacy platforms did not normalize).
   */
  private Verification verify(char[] normalized, char[] asTyped, String hash) {
    if (hasher.supports(hash)) {
      boolean ok = hasher.verify(normalized, hash);
      return new Verification(ok, ok && hasher.needsRehash(hash), false);
    }
    for (LegacyPasswordVerifier legacy : legacyVerifiers) {
      if (legacy.supports(hash)) {
        boolean ok = legacy.verify(asTyped, hash) || legacy.verify(normalized, hash);
        return new Verification(ok, ok, true);
      }
    }
    hasher.verify(normalized, dummyHash); // unknown format: same cost, no match
    return new Verification(false, false, false);
  }

  private void rehash(
      CustomerId id,
      StoredPassword current,
      char[] normalized,
      boolean legacy,
      RequestContext context) {
    try {
      StoredPassword replacement =
          new StoredPassword(hasher.hash(normalized), current.temporaryUntil());
      if (customers.replacePassword(id, current, replacement)) {
        events.emit(
            ResetEventType.PASSWORD_REHASHED,
            id,
            null,
            context,
            Map.of("from", legacy ? "legacy" : "weaker-parameters"));
      }
    } catch (PasswordResetException e) {
      // The login itself succeeded; the re-hash is retried at the next one.
      log.warn("Re-hashing a stored password failed; the login goes on", e);
    }
  }
}

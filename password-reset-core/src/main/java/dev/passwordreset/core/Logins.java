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
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.core.PasswordCheck.Candidate;
import dev.passwordreset.core.internal.Stripes;
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
 * passwords, and login protection: a per-client limit on failed logins and the account's
 * consecutive failures ({@link LoginFailures}), both counted before the password is verified and
 * given back when it is right. An unknown account costs the same as a known one. Thread-safe.
 */
final class Logins {
  private static final Logger log = LoggerFactory.getLogger(Logins.class);

  private final CustomerStore customers;
  private final PasswordHasher hasher;
  private final List<LegacyPasswordVerifier> legacyVerifiers;
  private final PasswordCheck passwordCheck;
  private final LoginFailures failures;
  private final Throttle clientLoginFailures;
  private final AccountPasswords passwords;
  private final TicketIssuer issuer;
  private final Outbox outbox;
  private final Events events;
  private final EngineClock clock;
  private final String dummyHash;
  private final Stripes stripes;

  Logins(
      CustomerStore customers,
      PasswordHasher hasher,
      List<LegacyPasswordVerifier> legacyVerifiers,
      PasswordCheck passwordCheck,
      LoginFailures failures,
      Throttle clientLoginFailures,
      Stripes stripes,
      AccountPasswords passwords,
      TicketIssuer issuer,
      Outbox outbox,
      Events events,
      EngineClock clock) {
    this.customers = customers;
    this.hasher = hasher;
    this.legacyVerifiers = List.copyOf(legacyVerifiers);
    this.passwordCheck = passwordCheck;
    this.failures = failures;
    this.stripes = stripes;
    this.clientLoginFailures = clientLoginFailures;
    this.passwords = passwords;
    this.issuer = issuer;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
    // Verified against when the account is unknown, so a login costs the same either way.
    this.dummyHash = hasher.hash("not-a-password-of-anyone".toCharArray());
  }

  LoginCheck check(String email, char[] password, RequestContext context) {
    String normalizedEmail =
        email.length() > SelfServiceRequests.MAX_EMAIL_LENGTH
            ? ""
            : CustomerStore.normalizeEmail(email);
    Instant now = clock.now();
    // Reserved before the (slow) verification, given back if it succeeds: parallel guesses from
    // one client can never be evaluated beyond its limit.
    Optional<Duration> clientWait = clientLoginFailures.hit(context.clientAddress(), now);
    if (clientWait.isPresent()) {
      events.emit(ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "login"));
      return new LoginCheck.Throttled(clientWait.get());
    }
    // Looked up for every email, known or not, so the answer and its cost are the same.
    Optional<CustomerAccount> account =
        normalizedEmail.isEmpty() ? Optional.empty() : customers.findByEmail(normalizedEmail);
    LoginFailures.Subject subject =
        account
            .map(a -> LoginFailures.Subject.account(a.id()))
            .orElseGet(() -> LoginFailures.Subject.unknownEmail(normalizedEmail));
    LoginFailures.Start start = begin(subject, now);
    CustomerId id = account.map(CustomerAccount::id).orElse(null);
    if (!(start instanceof LoginFailures.Start.Counted counted)) {
      clientLoginFailures.refund(context.clientAddress(), now, now); // nothing was verified
      return refused(start, id, context);
    }
    LoginCheck answer;
    char[] normalized = passwordCheck.normalizeWithinBound(password);
    if (normalized == null) {
      answer = loginFailed(id, context);
    } else {
      try {
        answer = verifyLogin(account, normalized, password, context, now);
      } finally {
        Passwords.clear(normalized);
      }
    }
    if (answer instanceof LoginCheck.Invalid) {
      if (failures.locks(counted.number())) {
        events.emit(ResetEventType.LOGIN_LOCKED, id, null, context, Map.of());
      }
    } else {
      // The right password (even an expired temporary one): the failures are over.
      failures.succeeded(subject);
      clientLoginFailures.refund(context.clientAddress(), now, clock.now());
    }
    return answer;
  }

  /**
   * Starts an attempt under the account's stripe, so that attempts at one account on this node pass
   * the delay check one at a time; the stripe is never held while a password is hashed.
   */
  private LoginFailures.Start begin(LoginFailures.Subject subject, Instant now) {
    ReentrantLock stripe = stripes.of(subject.keyPrefix() + subject.value());
    stripe.lock();
    try {
      return failures.begin(subject, now);
    } finally {
      stripe.unlock();
    }
  }

  private LoginCheck refused(
      LoginFailures.Start start, @Nullable CustomerId id, RequestContext context) {
    if (start instanceof LoginFailures.Start.Delayed delayed) {
      events.emit(ResetEventType.LOGIN_FAILED, id, null, context, Map.of("reason", "delayed"));
      return new LoginCheck.Throttled(delayed.retryAfter());
    }
    events.emit(ResetEventType.LOGIN_FAILED, id, null, context, Map.of("reason", "locked"));
    return new LoginCheck.Locked();
  }

  private LoginCheck verifyLogin(
      Optional<CustomerAccount> account,
      char[] normalized,
      char[] asTyped,
      RequestContext context,
      Instant now) {
    Optional<StoredPassword> stored =
        account.filter(CustomerAccount::enabled).flatMap(a -> customers.findPassword(a.id()));
    if (stored.isEmpty()) {
      hasher.verify(normalized, dummyHash); // the same cost as a real check
      return loginFailed(account.map(CustomerAccount::id).orElse(null), context);
    }
    CustomerId id = account.get().id();
    StoredPassword current = stored.get();
    Verification v = verify(normalized, asTyped, current.hash());
    if (!v.matches) {
      return loginFailed(id, context);
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
    if (until == null) {
      return new LoginCheck.Valid(id);
    }
    // The forced change sets the new password through completeReset with this single-use token,
    // so the page does not ask again for the temporary password just typed. It dies with the
    // temporary password; no email is sent.
    TicketIssuer.Issued change =
        issuer.issue(
            account.get(), TicketPurpose.AGENT_RESET, context.storefront(), null, null, now, until);
    return new LoginCheck.MustChange(id, until, change.token());
  }

  /** A wrong password (already counted for the client and the account when the attempt began). */
  private LoginCheck loginFailed(@Nullable CustomerId id, RequestContext context) {
    events.emit(ResetEventType.LOGIN_FAILED, id, null, context, Map.of());
    return new LoginCheck.Invalid();
  }

  ChangeOutcome change(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    Optional<CustomerAccount> found = customers.findById(customerId);
    LoginFailures.Subject subject = LoginFailures.Subject.account(customerId);
    Instant now = clock.now();
    // A disabled account is answered like a wrong current password, at the same cost (the dummy
    // hash): it cannot change its password, and the answer does not say it is disabled.
    Optional<StoredPassword> stored =
        found.filter(CustomerAccount::enabled).flatMap(a -> customers.findPassword(a.id()));
    LoginFailures.Start start = begin(subject, now);
    if (!(start instanceof LoginFailures.Start.Counted counted)) {
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
        events.emit(
            ResetEventType.LOGIN_FAILED,
            customerId,
            null,
            context,
            Map.of("reason", "wrong-current-password"));
        if (failures.locks(counted.number())) {
          events.emit(ResetEventType.LOGIN_LOCKED, customerId, null, context, Map.of());
        }
        return new ChangeOutcome.WrongCurrentPassword();
      }
      failures.succeeded(subject);
      return changeTo(found.get(), current, newPassword, context, now);
    } finally {
      Passwords.clear(current);
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

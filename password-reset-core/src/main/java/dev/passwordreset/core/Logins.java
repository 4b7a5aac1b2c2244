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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  private final AnswerCost cost = new AnswerCost();
  private final Set<String> unknownFormats = ConcurrentHashMap.newKeySet();
  private static final int MAX_UNKNOWN_FORMATS_LOGGED = 64;

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
    // The same verifications, padded to the same time, with or without an account (AnswerCost).
    Verification v = verify(normalized, asTyped, stored.map(StoredPassword::hash).orElse(null));
    if (stored.isEmpty()) {
      return loginFailed(account.map(CustomerAccount::id).orElse(null), context);
    }
    CustomerId id = account.get().id();
    StoredPassword current = stored.get();
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
      rehash(id, current, normalized, v, context);
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
              && verify(current, currentPassword, stored.map(StoredPassword::hash).orElse(null))
                  .matches;
      Instant until = stored.map(StoredPassword::temporaryUntil).orElse(null);
      if (!ok || (until != null && !now.isBefore(until))) {
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

  /**
   * The outcome of a check: whether it matched, whether to replace the stored hash, and with what.
   *
   * @param replacement the hash to store instead of a new one (a legacy hash unwrapped, already at
   *     least as strong as the configured parameters), or null to hash anew
   * @param from the event's "from" value
   */
  private record Verification(
      boolean matches, boolean rehash, @Nullable String replacement, String from, int verifications)
      implements AnswerCost.Timed<Boolean> {
    static Verification failed(int verifications) {
      return new Verification(false, false, null, "", verifications);
    }

    @Override
    public Boolean result() {
      return matches;
    }
  }

  /**
   * Checks a password against a stored hash (null: no account, or none usable), padded by {@link
   * AnswerCost} so that the answer takes as long whatever the account holds.
   *
   * <p>Verifications per check depend only on the password, never on the account: one when
   * normalization leaves it as typed, else two (the normalized form and the form as typed), for the
   * library's format, a legacy one, an unknown format or no account alike (a success may stop at
   * the first). Both forms are tried for every format, so a hash made elsewhere (a PHP or passlib
   * Argon2 hash, a legacy one) of a password that NFKC changes still verifies as typed.
   */
  private Verification verify(char[] normalized, char[] asTyped, @Nullable String hash) {
    boolean twoForms = !Arrays.equals(normalized, asTyped);
    int planned = twoForms ? 2 : 1;
    if (hash != null && hasher.supports(hash)) {
      return cost.run(
          hasher,
          planned,
          () -> ownFormat(hash, hash, twoForms, normalized, asTyped, "weaker-parameters"));
    }
    if (hash != null) {
      for (LegacyPasswordVerifier legacy : legacyVerifiers) {
        if (legacy.supports(hash)) {
          return cost.run(
              legacy, planned, () -> legacy(legacy, hash, twoForms, normalized, asTyped));
        }
      }
      unknownFormat(hash);
    }
    return cost.run(hasher, planned, () -> dummy(twoForms, normalized, asTyped));
  }

  /** A hash the configured hasher reads: the normalized form first (the library's own hashes). */
  private Verification ownFormat(
      String verified,
      String stored,
      boolean twoForms,
      char[] normalized,
      char[] asTyped,
      String from) {
    if (hasher.verify(normalized, verified)) {
      return matched(verified, stored, from, 1);
    }
    if (twoForms && hasher.verify(asTyped, verified)) {
      return matched(verified, stored, from, 2);
    }
    return Verification.failed(twoForms ? 2 : 1);
  }

  /**
   * A match with a hash the hasher reads ({@code verified}; the stored one may wrap it). It is
   * replaced only when weaker than the configured parameters (the hasher's {@code needsRehash},
   * which never asks to lower a parameter); a wrapped one that is strong enough is stored
   * unwrapped.
   */
  private Verification matched(String verified, String stored, String from, int verifications) {
    if (hasher.needsRehash(verified)) {
      return new Verification(true, true, null, from, verifications);
    }
    boolean unwrap = !verified.equals(stored);
    return new Verification(true, unwrap, unwrap ? verified : null, from, verifications);
  }

  /**
   * A legacy hash: the form as typed first (legacy platforms did not normalize). A legacy format
   * that wraps a hash the hasher reads is verified by the hasher, on the unwrapped hash.
   */
  private Verification legacy(
      LegacyPasswordVerifier legacy,
      String hash,
      boolean twoForms,
      char[] normalized,
      char[] asTyped) {
    Optional<String> unwrapped = legacy.nativeForm(hash).filter(hasher::supports);
    if (unwrapped.isPresent()) {
      // own order does not matter here: the wrapped hash was made of the password as typed
      return ownFormat(unwrapped.get(), hash, twoForms, asTyped, normalized, "legacy");
    }
    if (legacy.verify(asTyped, hash)) {
      return new Verification(true, true, null, "legacy", 1);
    }
    if (twoForms && legacy.verify(normalized, hash)) {
      return new Verification(true, true, null, "legacy", 2);
    }
    return Verification.failed(twoForms ? 2 : 1);
  }

  /** No account, or an unknown format: the same verifications, against the dummy hash. */
  private Verification dummy(boolean twoForms, char[] normalized, char[] asTyped) {
    hasher.verify(normalized, dummyHash);
    if (twoForms) {
      hasher.verify(asTyped, dummyHash);
    }
    return Verification.failed(twoForms ? 2 : 1);
  }

  /**
   * Logs, once per format, that a stored hash is in a format no verifier reads: its label only
   * (e.g. {@code $2x$}, {@code {MD5}}, {@code sha1$}), never the hash.
   */
  private void unknownFormat(String hash) {
    String label = formatLabel(hash);
    if (unknownFormats.size() < MAX_UNKNOWN_FORMATS_LOGGED && unknownFormats.add(label)) {
      log.warn(
          "A stored hash is in a format no verifier reads ({}); such logins answer Invalid."
              + " Register a legacy verifier for it (README: migration guide). Logged once per"
              + " format.",
          label);
    }
  }

  /**
   * What identifies a hash format without revealing the hash: a {@code $id$} or {@code {id}}
   * prefix, a {@code name$} prefix, or the shape (length and separators) of the rest.
   */
  static String formatLabel(String hash) {
    String id = null;
    if (hash.startsWith("$")) {
      int end = hash.indexOf('$', 1);
      id = end > 1 ? hash.substring(0, end + 1) : null;
    } else if (hash.startsWith("{")) {
      int end = hash.indexOf('}');
      id = end > 1 ? hash.substring(0, end + 1) : null;
    } else {
      int end = hash.indexOf('$');
      id = end > 0 ? hash.substring(0, end + 1) : null;
    }
    if (id != null && id.length() <= 32 && id.chars().allMatch(Logins::labelChar)) {
      return "prefix " + id;
    }
    long colons = hash.chars().filter(c -> c == ':').count();
    return "no known prefix, " + hash.length() + " characters, " + colons + " ':'";
  }

  private static boolean labelChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "$@{}_-.".indexOf(c) >= 0;
  }

  private void rehash(
      CustomerId id,
      StoredPassword current,
      char[] normalized,
      Verification v,
      RequestContext context) {
    try {
      String hash = v.replacement != null ? v.replacement : hasher.hash(normalized);
      StoredPassword replacement = new StoredPassword(hash, current.temporaryUntil());
      if (customers.replacePassword(id, current, replacement)) {
        events.emit(
            ResetEventType.PASSWORD_REHASHED,
            id,
            null,
            context,
            Map.of("from", v.replacement != null ? "legacy-unwrapped" : v.from));
      }
    } catch (PasswordResetException e) {
      // The login itself succeeded; the re-hash is retried at the next one.
      log.warn("Re-hashing a stored password failed; the login goes on", e);
    }
  }
}

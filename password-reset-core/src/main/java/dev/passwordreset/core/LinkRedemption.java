package dev.passwordreset.core;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.PasswordCheck.Candidate;
import dev.passwordreset.core.internal.Throttle;
import dev.passwordreset.core.internal.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the emailed link leads to: its page ({@link #check}), a new password through it ({@link
 * #complete}), or the activation of a pending password ({@link #confirm}). Each opens the link the
 * same way ({@link #open}); a completion then consumes it atomically, revokes the customer's other
 * links and only then writes the password. Immutable; thread-safe.
 */
final class LinkRedemption {
  private final TicketStore tickets;
  private final CustomerStore customers;
  private final Throttle clientBadTokens;
  private final PasswordCheck passwordCheck;
  private final PasswordHasher hasher;
  private final AccountPasswords passwords;
  private final Outbox outbox;
  private final SettingsCache settings;
  private final Events events;
  private final EngineClock clock;

  LinkRedemption(
      TicketStore tickets,
      CustomerStore customers,
      Throttle clientBadTokens,
      PasswordCheck passwordCheck,
      PasswordHasher hasher,
      AccountPasswords passwords,
      Outbox outbox,
      SettingsCache settings,
      Events events,
      EngineClock clock) {
    this.tickets = tickets;
    this.customers = customers;
    this.clientBadTokens = clientBadTokens;
    this.passwordCheck = passwordCheck;
    this.hasher = hasher;
    this.passwords = passwords;
    this.outbox = outbox;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
  }

  /** What opening a link gave. */
  sealed interface Opening {
    /** An outstanding, unexpired link of the expected form. */
    record Open(Ticket ticket) implements Opening {}

    /** The link does not work (an event was emitted, guesses counted). */
    record Closed(InvalidReason reason) implements Opening {}

    /** The client has tried too many bad links; nothing was looked up. */
    record Throttled(Duration retryAfter) implements Opening {}
  }

  TokenCheck check(String token, RequestContext context) {
    Opening opening = open(token, context, clock.now(), t -> true);
    if (opening instanceof Opening.Open open) {
      Ticket t = open.ticket();
      return new TokenCheck.Valid(t.customerId(), t.purpose(), t.expiresAt());
    }
    if (opening instanceof Opening.Throttled throttled) {
      // Nothing was looked up: the link may be good, so the page says "try again later".
      return new TokenCheck.Throttled(throttled.retryAfter());
    }
    return new TokenCheck.Invalid(((Opening.Closed) opening).reason());
  }

  ResetOutcome complete(String token, char[] newPassword, RequestContext context) {
    Instant now = clock.now();
    Opening opening = open(token, context, now, t -> t.purpose().completedWithNewPassword());
    if (!(opening instanceof Opening.Open open)) {
      return refused(opening);
    }
    Optional<CustomerAccount> found = enabledCustomer(open.ticket());
    if (found.isEmpty()) {
      return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
    }
    CustomerAccount account = found.get();
    Locale locale = context.locale() != null ? context.locale() : account.locale();
    try (Candidate candidate =
        passwordCheck.check(
            newPassword,
            PolicyContext.of(account, locale),
            null,
            v -> events.passwordRejected(account.id(), context, v))) {
      if (!candidate.accepted()) {
        if (candidate.overLong()) {
          // No one types that: the link stays, but only within the client's bad-input limit.
          clientBadTokens.hit(context.clientAddress(), now);
        }
        return new ResetOutcome.Rejected(candidate.violations());
      }
      String hash = hasher.hash(candidate.normalized());
      return finish(open.ticket(), account, StoredPassword.of(hash), context, now, "reset");
    }
  }

  /**
   * Activates a pending password if the password typed again is the one chosen: proof that the
   * confirmation comes from whoever chose it, not from an owner clicking a stranger's request.
   */
  ResetOutcome confirm(String token, char[] password, RequestContext context) {
    Instant now = clock.now();
    Opening opening =
        open(
            token,
            context,
            now,
            t -> t.purpose() == TicketPurpose.PENDING_PASSWORD && t.pendingPasswordHash() != null);
    if (!(opening instanceof Opening.Open open)) {
      return refused(opening);
    }
    Optional<CustomerAccount> found = enabledCustomer(open.ticket());
    if (found.isEmpty()) {
      return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
    }
    CustomerAccount account = found.get();
    String pending = Objects.requireNonNull(open.ticket().pendingPasswordHash());
    // Bounded before any copy; an over-long one cannot be the pending password (it was bounded).
    char[] normalized = passwordCheck.normalizeWithinBound(password);
    boolean matches;
    try {
      // The hasher verifies within its concurrency bound, like any hashing.
      matches = normalized != null && hasher.verify(normalized, pending);
    } finally {
      Passwords.clear(normalized);
    }
    if (!matches) {
      // Nothing activated, the link stays; guessing the pending password counts as bad input.
      clientBadTokens.hit(context.clientAddress(), now);
      Locale locale = context.locale() != null ? context.locale() : account.locale();
      List<PolicyViolation> mismatch = List.of(EngineMessages.confirmationMismatch(locale));
      events.passwordRejected(account.id(), context, mismatch);
      return new ResetOutcome.Rejected(mismatch);
    }
    return finish(open.ticket(), account, StoredPassword.of(pending), context, now, "confirm");
  }

  /**
   * The former one-click confirmation: activates nothing and looks nothing up, whatever the token,
   * so it can neither take over an account nor tell a good link from a bad one.
   */
  ResetOutcome confirmWithoutPassword(RequestContext context) {
    Locale locale = context.locale() != null ? context.locale() : Locale.ENGLISH;
    return new ResetOutcome.Rejected(List.of(EngineMessages.confirmationRequired(locale)));
  }

  /**
   * Opens a link: the client's bad-link throttle, the token's form, the ticket (outstanding,
   * unexpired) and the form of completion it allows.
   */
  private Opening open(
      String token, RequestContext context, Instant now, Predicate<Ticket> expectedForm) {
    Optional<Duration> throttled = clientBadTokens.check(context.clientAddress(), now);
    if (throttled.isPresent()) {
      events.emit(
          ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "bad-links"));
      return new Opening.Throttled(throttled.get());
    }
    if (!Tokens.wellFormed(token)) {
      return bad(context, now, InvalidReason.UNKNOWN, "malformed");
    }
    Optional<Ticket> found = tickets.findByTokenHash(Tokens.hash(token), now);
    if (found.isEmpty()) {
      return bad(context, now, InvalidReason.UNKNOWN, "unknown");
    }
    Ticket ticket = found.get();
    if (!ticket.outstanding()) {
      return ticket.revoked()
          ? bad(context, now, InvalidReason.REPLACED, "replaced")
          : bad(context, now, InvalidReason.USED, "used");
    }
    if (!now.isBefore(ticket.expiresAt())) {
      return bad(context, now, InvalidReason.EXPIRED, "expired");
    }
    if (ticket.purpose() == TicketPurpose.RESET_CODE || !expectedForm.test(ticket)) {
      return bad(context, now, InvalidReason.UNKNOWN, "wrong-form");
    }
    return new Opening.Open(ticket);
  }

  /** A link completes only for a customer that still exists and is enabled. */
  private Optional<CustomerAccount> enabledCustomer(Ticket ticket) {
    return customers.findById(ticket.customerId()).filter(CustomerAccount::enabled);
  }

  private Opening bad(RequestContext context, Instant now, InvalidReason reason, String why) {
    // Only guesses count towards the throttle; a late click on a real link does not.
    if (reason == InvalidReason.UNKNOWN) {
      clientBadTokens.hit(context.clientAddress(), now);
    }
    events.emit(
        ResetEventType.BAD_TOKEN, null, null, context, Map.of("reason", reason.name(), "why", why));
    return new Opening.Closed(reason);
  }

  private static ResetOutcome refused(Opening opening) {
    return opening instanceof Opening.Throttled t
        ? new ResetOutcome.Throttled(t.retryAfter())
        : new ResetOutcome.InvalidToken(((Opening.Closed) opening).reason());
  }

  /**
   * Consume, revoke the rest, then write: never a changed password beside a live link. Also the end
   * of a reset by code ({@link CodeRedemption}).
   */
  ResetOutcome finish(
      Ticket ticket,
      CustomerAccount account,
      StoredPassword password,
      RequestContext context,
      Instant now,
      String via) {
    // A fresh instant: hashing the new password took time, and a link that expired meanwhile must
    // not complete. The store refuses a ticket that has expired by this instant.
    Instant at = clock.now();
    if (tickets.consume(ticket.tokenHash(), at).isEmpty()) {
      // Expired while the password was hashed, or another completion won the race.
      return new ResetOutcome.InvalidToken(
          at.isBefore(ticket.expiresAt()) ? InvalidReason.USED : InvalidReason.EXPIRED);
    }
    if (!passwords.replace(account.id(), password, at)) {
      return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
    }
    events.emit(
        ResetEventType.RESET_COMPLETED,
        account.id(),
        null,
        context,
        Map.of("purpose", ticket.purpose().name(), "via", via));
    outbox.passwordChanged(account, context.storefront(), context);
    return new ResetOutcome.Completed(
        account.id(), settings.current().signInAfterReset(), ticket.storefront());
  }
}

package dev.passwordreset.core;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.core.PasswordCheck.Candidate;
import dev.passwordreset.core.internal.DeliveryQueue.Outgoing;
import dev.passwordreset.core.internal.Throttle;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * "Forgot your password?", link first, password first, or code. The caller's thread does only what
 * is the same for every email (gate, and for set-then-confirm the policy and the hash); everything
 * that depends on the account runs on a delivery thread, so neither the answer nor its timing
 * reveals whether the email is known. Immutable; thread-safe.
 */
final class SelfServiceRequests {
  /** Longer is no email address (RFC 5321), so it is never looked up. */
  static final int MAX_EMAIL_LENGTH = 320;

  private final Gate gate;
  private final PasswordCheck passwordCheck;
  private final PasswordHasher hasher;
  private final CustomerStore customers;
  private final Throttle accountRequests;
  private final TicketIssuer issuer;
  private final Outbox outbox;
  private final Events events;
  private final EngineClock clock;
  private final CodeRedemption codes;

  SelfServiceRequests(
      Gate gate,
      PasswordCheck passwordCheck,
      PasswordHasher hasher,
      CustomerStore customers,
      Throttle accountRequests,
      TicketIssuer issuer,
      Outbox outbox,
      Events events,
      EngineClock clock,
      CodeRedemption codes) {
    this.gate = gate;
    this.passwordCheck = passwordCheck;
    this.hasher = hasher;
    this.customers = customers;
    this.accountRequests = accountRequests;
    this.issuer = issuer;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
    this.codes = codes;
  }

  RequestOutcome requestReset(String email, RequestContext context) {
    return request(email, context, TicketPurpose.SELF_SERVICE_RESET);
  }

  RequestOutcome requestResetCode(String email, RequestContext context) {
    return request(email, context, TicketPurpose.RESET_CODE);
  }

  /** A link or a code: the same gate, the same answer, the account's work off this thread. */
  private RequestOutcome request(String email, RequestContext context, TicketPurpose purpose) {
    issuer.requireStorefront(context.storefront());
    if (purpose == TicketPurpose.RESET_CODE) {
      codes.requireSupport(clock.now());
    }
    RequestOutcome refused =
        gate.refusal(
            context, clock.now(), RequestOutcome.CaptchaFailed::new, RequestOutcome.Throttled::new);
    if (refused != null) {
      return refused;
    }
    outbox.selfService(() -> prepare(email, context, purpose, null), context);
    return new RequestOutcome.Accepted();
  }

  PendingOutcome requestResetWithPassword(
      String email, char[] newPassword, RequestContext context) {
    issuer.requireStorefront(context.storefront());
    // Hashing is costly: the gate's client throttle comes before it.
    PendingOutcome refused =
        gate.refusal(
            context, clock.now(), PendingOutcome.CaptchaFailed::new, PendingOutcome.Throttled::new);
    if (refused != null) {
      return refused;
    }
    Locale locale = context.locale() != null ? context.locale() : Locale.ENGLISH;
    String typedEmail = email.length() > MAX_EMAIL_LENGTH ? null : email;
    // The policy sees only what was typed, never the account: the answer reveals nothing.
    try (Candidate candidate =
        passwordCheck.check(
            newPassword,
            new PolicyContext(typedEmail, null, locale),
            null,
            v -> events.passwordRejected(null, context, v))) {
      if (!candidate.accepted()) {
        return new PendingOutcome.Rejected(candidate.violations());
      }
      // Hashed for every email, known or not, so the time is the same.
      String pendingHash = hasher.hash(candidate.normalized());
      outbox.selfService(
          () -> prepare(email, context, TicketPurpose.PENDING_PASSWORD, pendingHash), context);
      return new PendingOutcome.Accepted();
    }
  }

  /** Runs on a delivery thread: everything that depends on the account. */
  private @Nullable Outgoing prepare(
      String email, RequestContext context, TicketPurpose purpose, @Nullable String pendingHash) {
    Instant now = clock.now();
    Optional<CustomerAccount> found = findByTypedEmail(customers, email);
    if (found.isEmpty()) {
      ignored(null, context, "unknown-email");
      return null;
    }
    CustomerAccount account = found.get();
    if (!account.enabled()) {
      ignored(account, context, "disabled-account");
      return null;
    }
    if (accountRequests.hit(account.id().value(), now).isPresent()) {
      ignored(account, context, "account-throttled");
      return null;
    }
    boolean pending = purpose == TicketPurpose.PENDING_PASSWORD;
    Ticket ticket;
    Notification notification;
    if (purpose == TicketPurpose.RESET_CODE) {
      TicketIssuer.IssuedCode issued = issuer.issueCode(account, context.storefront(), now);
      ticket = issued.ticket();
      notification = issued.notification();
    } else {
      TicketIssuer.Issued issued =
          issuer.issue(account, purpose, context.storefront(), null, pendingHash, now);
      ticket = issued.ticket();
      notification =
          issued.notification(
              pending ? NotificationType.CONFIRM_PASSWORD : NotificationType.RESET_LINK);
    }
    events.emit(
        pending ? ResetEventType.PENDING_PASSWORD_REQUESTED : ResetEventType.RESET_REQUESTED,
        account.id(),
        null,
        context,
        Map.of("purpose", purpose.name(), "expiresAt", ticket.expiresAt().toString()));
    return new Outgoing(notification, ticket.tokenHash());
  }

  /**
   * The account an email as typed names: none for a blank one or one longer than any address (never
   * looked up), else the store's answer for its normalized form, enabled or not.
   */
  static Optional<CustomerAccount> findByTypedEmail(CustomerStore customers, String email) {
    return email.length() > MAX_EMAIL_LENGTH || email.isBlank()
        ? Optional.empty()
        : customers.findByEmail(CustomerStore.normalizeEmail(email));
  }

  private void ignored(@Nullable CustomerAccount account, RequestContext context, String reason) {
    events.emit(
        ResetEventType.REQUEST_IGNORED,
        account == null ? null : account.id(),
        null,
        context,
        Map.of("reason", reason));
  }
}

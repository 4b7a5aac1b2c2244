package dev.passwordreset.core;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.PasswordCheck.Candidate;
import dev.passwordreset.core.internal.Throttle;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A new password through a reset code ({@code completeResetWithCode}): the client's bad-link
 * throttle, the customer by email, the code's keyed hash looked up, and then either the reset
 * (finished as a link's is: consume, revoke the rest, write) or one wrong try counted against the
 * customer's code in the ticket store, atomically, the code dying at its limit.
 *
 * <p>A wrong try costs the same whether the email has an account with a code or not: without an
 * account the hash and the count are made for a customer id that no account has, so every path
 * looks up the email, computes one HMAC, looks up one hash and makes one counting call; and the
 * answer is held to the slowest kind's usual cost ({@link AnswerCost}), which covers what still
 * differs (a store hit, a counted try). Thread-safe.
 */
final class CodeRedemption {
  private final TicketStore tickets;
  private final CustomerStore customers;
  private final Throttle clientBadTokens;
  private final ResetCodeHashes hashes;
  private final ResetCodes codes;
  private final PasswordCheck passwordCheck;
  private final PasswordHasher hasher;
  private final LinkRedemption links;
  private final Events events;
  private final EngineClock clock;

  /** The customer id of every email without an account: random, so no account has it. */
  private final CustomerId nobody;

  /**
   * Holds every wrong try to the slowest kind's usual cost: a live code (counted), an account
   * without one, no account. An instance of its own: login costs are milliseconds.
   */
  private final AnswerCost cost = new AnswerCost();

  private static final String LIVE_CODE = "live-code";
  private static final String NO_CODE = "no-code";
  private static final String NO_ACCOUNT = "no-account";

  /** Whether {@link #requireSupport} found the stores able to keep codes. */
  private volatile boolean supported;

  CodeRedemption(
      TicketStore tickets,
      CustomerStore customers,
      Throttle clientBadTokens,
      ResetCodeHashes hashes,
      ResetCodes codes,
      PasswordCheck passwordCheck,
      PasswordHasher hasher,
      LinkRedemption links,
      Events events,
      EngineClock clock) {
    this.tickets = tickets;
    this.customers = customers;
    this.clientBadTokens = clientBadTokens;
    this.hashes = hashes;
    this.codes = codes;
    this.passwordCheck = passwordCheck;
    this.hasher = hasher;
    this.links = links;
    this.events = events;
    this.clock = clock;
    // Not from the engine's random: that one makes tokens and codes only.
    this.nobody = new CustomerId("password-reset:no-account:" + UUID.randomUUID());
  }

  /**
   * Checks once, on the caller's thread, that the stores can keep codes: the key can be had and the
   * ticket store counts wrong tries (probed with the no-account id, which has no ticket, so the
   * probe changes nothing). A host whose custom store cannot then hears it from the first request,
   * not from a customer's code that can never be checked.
   *
   * @throws PasswordResetException naming what is missing
   */
  void requireSupport(Instant now) {
    if (supported) {
      return;
    }
    hashes.requireKey();
    countWrongTry(nobody, now);
    supported = true;
  }

  private int countWrongTry(CustomerId id, Instant now) {
    try {
      return tickets.recordFailedAttempt(id, TicketPurpose.RESET_CODE, codes.maxAttempts(), now);
    } catch (UnsupportedOperationException e) {
      throw new PasswordResetException(
          "Reset by code needs a ticket store that counts wrong code tries"
              + " (TicketStore.recordFailedAttempt); "
              + tickets.getClass().getName()
              + " does not",
          e);
    }
  }

  ResetOutcome complete(String email, String code, char[] newPassword, RequestContext context) {
    Instant now = clock.now();
    Optional<Duration> throttled = clientBadTokens.check(context.clientAddress(), now);
    if (throttled.isPresent()) {
      events.emit(
          ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "bad-codes"));
      return new ResetOutcome.Throttled(throttled.get());
    }
    String digits = ResetCodeHashes.digits(code, codes.length());
    if (digits == null) {
      // Not a code at all: nothing to look up, the same for every email.
      return wrong(null, context, now, "malformed");
    }
    // From here a wrong try costs the same whatever the email holds (AnswerCost, below).
    long start = System.nanoTime();
    Optional<CustomerAccount> account = enabledCustomer(email);
    CustomerId id = account.map(CustomerAccount::id).orElse(nobody);
    Optional<Ticket> found =
        tickets
            .findByTokenHash(hashes.hash(id, digits), now)
            .filter(
                t ->
                    t.purpose() == TicketPurpose.RESET_CODE
                        && t.customerId().equals(id)
                        && t.outstanding()
                        && now.isBefore(t.expiresAt()));
    if (found.isEmpty() || account.isEmpty()) {
      int tries = countWrongTry(id, now);
      ResetOutcome answer =
          wrong(
              account.map(CustomerAccount::id).orElse(null),
              context,
              now,
              tries >= codes.maxAttempts() ? "exhausted" : "wrong");
      cost.hold(account.isEmpty() ? NO_ACCOUNT : tries > 0 ? LIVE_CODE : NO_CODE, 1, 1, start);
      return answer;
    }
    CustomerAccount customer = account.get();
    Locale locale = context.locale() != null ? context.locale() : customer.locale();
    try (Candidate candidate =
        passwordCheck.check(
            newPassword,
            PolicyContext.of(customer, locale),
            null,
            v -> events.passwordRejected(customer.id(), context, v))) {
      if (!candidate.accepted()) {
        // The right code: it stays, and no wrong try is counted.
        return new ResetOutcome.Rejected(candidate.violations());
      }
      String hash = hasher.hash(candidate.normalized());
      ResetOutcome outcome =
          links.finish(found.get(), customer, StoredPassword.of(hash), context, now, "code");
      // Expired while the password was hashed, or another completion won: the one answer for a
      // code that does not open a reset.
      return outcome instanceof ResetOutcome.InvalidToken
          ? new ResetOutcome.InvalidCode()
          : outcome;
    }
  }

  private Optional<CustomerAccount> enabledCustomer(String email) {
    return SelfServiceRequests.findByTypedEmail(customers, email).filter(CustomerAccount::enabled);
  }

  private ResetOutcome wrong(
      @Nullable CustomerId customer, RequestContext context, Instant now, String why) {
    clientBadTokens.hit(context.clientAddress(), now);
    events.emit(ResetEventType.BAD_CODE, customer, null, context, Map.of("why", why));
    return new ResetOutcome.InvalidCode();
  }
}

package dev.passwordreset.core;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.PasswordCheck.Candidate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a back-office agent does: send a reset, account-setup or reminder email (at once, on the
 * agent's thread, so the agent learns whether it left), and, when the settings allow it, type a
 * password for the customer. Every action is an audited event. Immutable; thread-safe.
 */
final class AgentActions {
  private static final Logger log = LoggerFactory.getLogger(AgentActions.class);

  private final CustomerStore customers;
  private final TicketStore tickets;
  private final TicketIssuer issuer;
  private final Notifier notifier;
  private final SettingsCache settings;
  private final PasswordCheck passwordCheck;
  private final PasswordHasher hasher;
  private final AccountPasswords passwords;
  private final Outbox outbox;
  private final Events events;
  private final EngineClock clock;

  AgentActions(
      CustomerStore customers,
      TicketStore tickets,
      TicketIssuer issuer,
      Notifier notifier,
      SettingsCache settings,
      PasswordCheck passwordCheck,
      PasswordHasher hasher,
      AccountPasswords passwords,
      Outbox outbox,
      Events events,
      EngineClock clock) {
    this.customers = customers;
    this.tickets = tickets;
    this.issuer = issuer;
    this.notifier = notifier;
    this.settings = settings;
    this.passwordCheck = passwordCheck;
    this.hasher = hasher;
    this.passwords = passwords;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
  }

  /** One of the three link emails an agent can send. */
  enum LinkEmail {
    RESET(TicketPurpose.AGENT_RESET, NotificationType.RESET_LINK, ResetEventType.AGENT_RESET_SENT),
    ACCOUNT_SETUP(
        TicketPurpose.ACCOUNT_SETUP,
        NotificationType.ACCOUNT_SETUP,
        ResetEventType.ACCOUNT_SETUP_SENT),
    REMINDER(TicketPurpose.REMINDER, NotificationType.REMINDER, ResetEventType.REMINDER_SENT);

    final TicketPurpose purpose;
    final NotificationType type;
    final ResetEventType sent;

    LinkEmail(TicketPurpose purpose, NotificationType type, ResetEventType sent) {
      this.purpose = purpose;
      this.type = type;
      this.sent = sent;
    }
  }

  AgentOutcome send(LinkEmail email, CustomerId customerId, AgentContext agent) {
    issuer.requireStorefront(agent.storefront());
    Optional<CustomerAccount> found = customers.findById(customerId);
    if (found.isEmpty()) {
      return new AgentOutcome.CustomerNotFound();
    }
    CustomerAccount account = found.get();
    String purpose = email.purpose.name();
    if (!account.enabled()) {
      // Its link would not work (a disabled account cannot complete a reset): say so, send nothing.
      events.emitAgent(
          ResetEventType.AGENT_NOTIFICATION_FAILED,
          account.id(),
          agent,
          Map.of("purpose", purpose, "reason", "account-disabled"));
      return new AgentOutcome.NotificationFailed(
          "the customer's account is disabled; enable it before sending an email");
    }
    Instant now = clock.now();
    TicketIssuer.Issued issued =
        issuer.issue(
            account, email.purpose, agent.storefront(), agent.agentId(), null, Set.of(), now);
    Notification notification = issued.notification(email.type);
    try {
      notifier.send(notification);
    } catch (RuntimeException e) {
      // The agent learns it now, and no unsent link stays valid.
      tickets.consume(issued.ticket().tokenHash(), now);
      String reason = safeReason(e, issued.token());
      log.warn("An agent's {} email could not be sent: {}", email.type, reason);
      events.emitAgent(
          ResetEventType.AGENT_NOTIFICATION_FAILED,
          account.id(),
          agent,
          Map.of("purpose", purpose, "reason", reason));
      return new AgentOutcome.NotificationFailed(reason);
    }
    events.emitAgent(
        email.sent,
        account.id(),
        agent,
        Map.of("purpose", purpose, "expiresAt", issued.ticket().expiresAt().toString()));
    return new AgentOutcome.EmailSent(issued.ticket().expiresAt());
  }

  ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent) {
    ResetSettings current = settings.current();
    if (!current.allowManualEntry()) {
      events.emitAgent(
          ResetEventType.MANUAL_ENTRY_REFUSED,
          customerId,
          agent,
          Map.of("reason", "manual-entry-disabled"));
      return new ManualEntryOutcome.ManualEntryDisabled();
    }
    Optional<CustomerAccount> found = customers.findById(customerId);
    if (found.isEmpty()) {
      return new ManualEntryOutcome.CustomerNotFound();
    }
    CustomerAccount account = found.get();
    try (Candidate candidate =
        passwordCheck.check(
            password,
            PolicyContext.of(account, account.locale()),
            null,
            v ->
                events.emitAgent(
                    ResetEventType.MANUAL_ENTRY_REFUSED,
                    customerId,
                    agent,
                    Map.of("reason", "policy", "rules", Events.rules(v))))) {
      if (!candidate.accepted()) {
        return new ManualEntryOutcome.Rejected(candidate.violations());
      }
      String hash = hasher.hash(candidate.normalized());
      Instant now = clock.now();
      Instant expiresAt = temporary ? now.plus(current.ticketExpirationDelay()) : null;
      if (!passwords.replace(customerId, new StoredPassword(hash, expiresAt), now)) {
        return new ManualEntryOutcome.CustomerNotFound();
      }
      Map<String, String> details = new LinkedHashMap<>();
      details.put("temporary", Boolean.toString(temporary));
      if (expiresAt != null) {
        details.put("expiresAt", expiresAt.toString());
      }
      events.emitAgent(ResetEventType.MANUAL_PASSWORD_SET, customerId, agent, details);
      outbox.passwordChanged(account, agent.storefront(), null);
      return new ManualEntryOutcome.PasswordSet(expiresAt);
    }
  }

  private static String safeReason(RuntimeException e, String token) {
    String m = e.getMessage();
    String reason = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    return reason.replace(token, "<token>");
  }
}

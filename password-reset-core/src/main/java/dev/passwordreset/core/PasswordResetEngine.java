package dev.passwordreset.core;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.delivery.DeliveryQueue;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.Throttle;
import dev.passwordreset.core.token.Tokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link PasswordResetService}: build one per platform with {@link #builder()}, share
 * it between threads, and {@link #close()} it on shutdown so queued self-service mail is delivered.
 *
 * <p><b>How it keeps its promises.</b> Tokens are 32 random bytes (base64url); only their SHA-256
 * is stored. A self-service request does all its account-dependent work (lookup, throttle, issuing
 * the link, mail) on a delivery thread, so the caller's answer and timing never depend on the
 * email. A completion checks the policy, hashes, then consumes the link atomically, revokes every
 * other link of the customer and only then writes the password: a store failing half way never
 * leaves a changed password beside a valid link. Passwords are NFKC-normalized, bounded in length,
 * cleared after use and never logged.
 *
 * <p>Thread-safe.
 */
public final class PasswordResetEngine implements PasswordResetService, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PasswordResetEngine.class);
  private static final Set<TicketPurpose> SELF_SERVICE =
      EnumSet.of(TicketPurpose.SELF_SERVICE_RESET, TicketPurpose.PENDING_PASSWORD);
  private static final int MAX_EMAIL_LENGTH = 320;

  private final CustomerStore customers;
  private final TicketStore tickets;
  private final Notifier notifier;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final List<LegacyPasswordVerifier> legacyVerifiers;
  private final @Nullable HumanVerifier humanVerifier;
  private final SettingsStore settingsStore;
  private final ResetSettings initialSettings;
  private final Duration settingsRefresh;
  private final Clock clock;
  private final Tokens tokens;
  private final LinkTemplates links;
  private final int maxPasswordLength;
  private final Throttle accountRequests;
  private final Throttle clientRequests;
  private final Throttle clientBadTokens;
  private final Throttle accountLoginFailures;
  private final Throttle clientLoginFailures;
  private final Events events;
  private final DeliveryQueue delivery;
  private final ThrottleStore throttleStore;
  private final String dummyHash;
  private volatile SettingsSnapshot settingsSnapshot;
  private final ReentrantLock[] guessingLocks = new ReentrantLock[256];

  private record SettingsSnapshot(ResetSettings settings, long loadedAtMillis) {}

  private PasswordResetEngine(Builder b) {
    this.customers = Objects.requireNonNull(b.customerStore);
    this.tickets = Objects.requireNonNull(b.ticketStore);
    this.notifier = Objects.requireNonNull(b.notifier);
    this.clock = b.clock;
    this.hasher = b.hasher != null ? b.hasher : new Argon2PasswordHasher();
    this.policy = b.policy != null ? b.policy : RuleBasedPasswordPolicy.defaults();
    this.legacyVerifiers = List.copyOf(b.legacyVerifiers);
    this.humanVerifier = b.humanVerifier;
    this.settingsStore = b.settingsStore != null ? b.settingsStore : new InMemorySettingsStore();
    this.initialSettings = b.settings;
    this.settingsRefresh = b.settingsRefresh;
    this.tokens = new Tokens(b.random != null ? b.random : new SecureRandom());
    this.links = new LinkTemplates(b.defaultLinkTemplate, b.linkTemplates);
    this.maxPasswordLength = b.maxPasswordLength;
    ThrottleStore throttles =
        b.throttleStore != null ? b.throttleStore : new InMemoryThrottleStore(clock);
    this.accountRequests = new Throttle("account-requests", b.accountRequestLimit, throttles);
    this.clientRequests = new Throttle("client-requests", b.clientRequestLimit, throttles);
    this.clientBadTokens = new Throttle("client-bad-tokens", b.clientBadTokenLimit, throttles);
    this.accountLoginFailures = new Throttle("account-logins", b.accountLoginLimit, throttles);
    this.clientLoginFailures = new Throttle("client-logins", b.clientLoginLimit, throttles);
    this.throttleStore = throttles;
    this.events = new Events(List.copyOf(b.listeners), clock);
    this.delivery = new DeliveryQueue(notifier, b.delivery, b.executor, new DeliveryEvents());
    this.settingsSnapshot = new SettingsSnapshot(loadSettings(), clock.millis());
    // Verified against when the account is unknown, so a login costs the same either way.
    char[] dummy = "not-a-password-of-anyone".toCharArray();
    this.dummyHash = hasher.hash(dummy);
    for (int i = 0; i < guessingLocks.length; i++) {
      guessingLocks[i] = new ReentrantLock();
    }
  }

  /** The current time, to the millisecond: what every store can keep exactly. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Starts building an engine.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- self-service, link first

  @Override
  public RequestOutcome requestReset(String email, RequestContext context) {
    Objects.requireNonNull(email, "email must not be null");
    Objects.requireNonNull(context, "context must not be null");
    String template = links.templateFor(context.storefront());
    Instant now = now();
    if (!human(context)) {
      events.emit(ResetEventType.CAPTCHA_FAILED, null, null, context, Map.of());
      return new RequestOutcome.CaptchaFailed();
    }
    Optional<Duration> throttled = clientRequests.hit(context.clientAddress(), now);
    if (throttled.isPresent()) {
      events.emit(
          ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "requests"));
      return new RequestOutcome.Throttled(throttled.get());
    }
    enqueue(
        () -> prepareSelfService(email, context, template, TicketPurpose.SELF_SERVICE_RESET, null),
        context);
    return new RequestOutcome.Accepted();
  }

  // ---------------------------------------------------------------- self-service, password first

  @Override
  public PendingOutcome requestResetWithPassword(
      String email, char[] newPassword, RequestContext context) {
    try {
      Objects.requireNonNull(email, "email must not be null");
      Objects.requireNonNull(newPassword, "newPassword must not be null");
      Objects.requireNonNull(context, "context must not be null");
      String template = links.templateFor(context.storefront());
      Instant now = now();
      if (!human(context)) {
        events.emit(ResetEventType.CAPTCHA_FAILED, null, null, context, Map.of());
        return new PendingOutcome.CaptchaFailed();
      }
      // Hashing is costly: the client throttle comes before it.
      Optional<Duration> throttled = clientRequests.hit(context.clientAddress(), now);
      if (throttled.isPresent()) {
        events.emit(
            ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "requests"));
        return new PendingOutcome.Throttled(throttled.get());
      }
      Locale locale = context.locale() != null ? context.locale() : Locale.ENGLISH;
      String typedEmail = email.length() > MAX_EMAIL_LENGTH ? null : email;
      char[] normalized = Passwords.normalize(newPassword);
      try {
        // The policy sees only what was typed, never the account: the answer reveals nothing.
        List<PolicyViolation> violations =
            violations(normalized, new PolicyContext(typedEmail, null, locale));
        if (!violations.isEmpty()) {
          events.emit(
              ResetEventType.PASSWORD_REJECTED,
              null,
              null,
              context,
              Map.of("rules", rules(violations)));
          return new PendingOutcome.Rejected(violations);
        }
        // Hashed for every email, known or not, so the time is the same.
        String pendingHash = hasher.hash(normalized);
        enqueue(
            () ->
                prepareSelfService(
                    email, context, template, TicketPurpose.PENDING_PASSWORD, pendingHash),
            context);
        return new PendingOutcome.Accepted();
      } finally {
        Passwords.clear(normalized);
      }
    } finally {
      Passwords.clear(newPassword);
    }
  }

  private void enqueue(java.util.function.Supplier<@Nullable Notification> task, RequestContext c) {
    if (!delivery.submit(task)) {
      log.warn("The self-service mail queue is full or closed; a request was dropped");
      events.emit(ResetEventType.DELIVERY_QUEUE_FULL, null, null, c, Map.of());
    }
  }

  /** Runs on a delivery thread: everything that depends on the account. */
  private @Nullable Notification prepareSelfService(
      String email,
      RequestContext context,
      String template,
      TicketPurpose purpose,
      @Nullable String pendingHash) {
    Instant now = now();
    Optional<CustomerAccount> found =
        email.length() > MAX_EMAIL_LENGTH || email.isBlank()
            ? Optional.empty()
            : customers.findByEmail(CustomerStore.normalizeEmail(email));
    if (found.isEmpty()) {
      events.emit(
          ResetEventType.REQUEST_IGNORED, null, null, context, Map.of("reason", "unknown-email"));
      return null;
    }
    CustomerAccount account = found.get();
    if (!account.enabled()) {
      events.emit(
          ResetEventType.REQUEST_IGNORED,
          account.id(),
          null,
          context,
          Map.of("reason", "disabled-account"));
      return null;
    }
    if (accountRequests.hit(account.id().value(), now).isPresent()) {
      events.emit(
          ResetEventType.REQUEST_IGNORED,
          account.id(),
          null,
          context,
          Map.of("reason", "account-throttled"));
      return null;
    }
    tickets.revoke(account.id(), SELF_SERVICE, now);
    Issued issued = issue(account, purpose, template, context.storefront(), null, pendingHash, now);
    events.emit(
        purpose == TicketPurpose.PENDING_PASSWORD
            ? ResetEventType.PENDING_PASSWORD_REQUESTED
            : ResetEventType.RESET_REQUESTED,
        account.id(),
        null,
        context,
        Map.of("purpose", purpose.name(), "expiresAt", issued.ticket.expiresAt().toString()));
    return issued.notification(
        purpose == TicketPurpose.PENDING_PASSWORD
            ? NotificationType.CONFIRM_PASSWORD
            : NotificationType.RESET_LINK);
  }

  // ---------------------------------------------------------------- the link's page

  @Override
  public TokenCheck checkToken(String token, RequestContext context) {
    Objects.requireNonNull(token, "token must not be null");
    Objects.requireNonNull(context, "context must not be null");
    Instant now = now();
    if (clientBadTokens.check(context.clientAddress(), now).isPresent()) {
      // A client guessing links learns nothing more until its window ends.
      return new TokenCheck.Invalid(InvalidReason.UNKNOWN);
    }
    Lookup lookup = lookup(token, context, now);
    if (lookup.invalid != null) {
      return new TokenCheck.Invalid(lookup.invalid);
    }
    Ticket t = Objects.requireNonNull(lookup.ticket);
    return new TokenCheck.Valid(t.customerId(), t.purpose(), t.expiresAt());
  }

  @Override
  public ResetOutcome completeReset(String token, char[] newPassword, RequestContext context) {
    try {
      Objects.requireNonNull(token, "token must not be null");
      Objects.requireNonNull(newPassword, "newPassword must not be null");
      Objects.requireNonNull(context, "context must not be null");
      Instant now = now();
      Optional<Duration> throttled = clientBadTokens.check(context.clientAddress(), now);
      if (throttled.isPresent()) {
        return new ResetOutcome.Throttled(throttled.get());
      }
      Lookup lookup = lookup(token, context, now);
      if (lookup.invalid != null) {
        return new ResetOutcome.InvalidToken(lookup.invalid);
      }
      Ticket ticket = Objects.requireNonNull(lookup.ticket);
      if (!ticket.purpose().completedWithNewPassword()) {
        badToken(context, now, InvalidReason.UNKNOWN, "wrong-form");
        return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
      }
      Optional<CustomerAccount> found = customers.findById(ticket.customerId());
      if (found.isEmpty() || !found.get().enabled()) {
        return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
      }
      CustomerAccount account = found.get();
      Locale locale = context.locale() != null ? context.locale() : account.locale();
      char[] normalized = Passwords.normalize(newPassword);
      try {
        List<PolicyViolation> violations =
            violations(normalized, PolicyContext.of(account, locale));
        if (!violations.isEmpty()) {
          events.emit(
              ResetEventType.PASSWORD_REJECTED,
              account.id(),
              null,
              context,
              Map.of("rules", rules(violations)));
          return new ResetOutcome.Rejected(violations);
        }
        String hash = hasher.hash(normalized);
        return finish(ticket, account, StoredPassword.of(hash), context, now, "reset");
      } finally {
        Passwords.clear(normalized);
      }
    } finally {
      Passwords.clear(newPassword);
    }
  }

  @Override
  public ResetOutcome confirmReset(String token, RequestContext context) {
    Objects.requireNonNull(token, "token must not be null");
    Objects.requireNonNull(context, "context must not be null");
    Instant now = now();
    Optional<Duration> throttled = clientBadTokens.check(context.clientAddress(), now);
    if (throttled.isPresent()) {
      return new ResetOutcome.Throttled(throttled.get());
    }
    Lookup lookup = lookup(token, context, now);
    if (lookup.invalid != null) {
      return new ResetOutcome.InvalidToken(lookup.invalid);
    }
    Ticket ticket = Objects.requireNonNull(lookup.ticket);
    String pending = ticket.pendingPasswordHash();
    if (ticket.purpose() != TicketPurpose.PENDING_PASSWORD || pending == null) {
      badToken(context, now, InvalidReason.UNKNOWN, "wrong-form");
      return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
    }
    Optional<CustomerAccount> found = customers.findById(ticket.customerId());
    if (found.isEmpty() || !found.get().enabled()) {
      return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
    }
    return finish(ticket, found.get(), StoredPassword.of(pending), context, now, "confirm");
  }

  /** Consume, revoke the rest, then write: never a changed password beside a live link. */
  private ResetOutcome finish(
      Ticket ticket,
      CustomerAccount account,
      StoredPassword password,
      RequestContext context,
      Instant now,
      String via) {
    if (tickets.consume(ticket.tokenHash(), now).isEmpty()) {
      // Another completion won the race.
      return new ResetOutcome.InvalidToken(InvalidReason.USED);
    }
    tickets.revokeAll(account.id(), now);
    if (!customers.updatePassword(account.id(), password)) {
      return new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN);
    }
    events.emit(
        ResetEventType.RESET_COMPLETED,
        account.id(),
        null,
        context,
        Map.of("purpose", ticket.purpose().name(), "via", via));
    notifyPasswordChanged(account, context.storefront(), context);
    return new ResetOutcome.Completed(
        account.id(), settings().signInAfterReset(), ticket.storefront());
  }

  private record Lookup(@Nullable Ticket ticket, @Nullable InvalidReason invalid) {}

  private Lookup lookup(String token, RequestContext context, Instant now) {
    if (!Tokens.wellFormed(token)) {
      badToken(context, now, InvalidReason.UNKNOWN, "malformed");
      return new Lookup(null, InvalidReason.UNKNOWN);
    }
    Optional<Ticket> found = tickets.findByTokenHash(Tokens.sha256Hex(token));
    if (found.isEmpty()) {
      badToken(context, now, InvalidReason.UNKNOWN, "unknown");
      return new Lookup(null, InvalidReason.UNKNOWN);
    }
    Ticket t = found.get();
    if (!t.outstanding()) {
      badToken(context, now, InvalidReason.USED, "used");
      return new Lookup(null, InvalidReason.USED);
    }
    if (!now.isBefore(t.expiresAt())) {
      badToken(context, now, InvalidReason.EXPIRED, "expired");
      return new Lookup(null, InvalidReason.EXPIRED);
    }
    return new Lookup(t, null);
  }

  private void badToken(RequestContext context, Instant now, InvalidReason reason, String why) {
    // Only guesses count towards the throttle; a late click on a real link does not.
    if (reason == InvalidReason.UNKNOWN) {
      clientBadTokens.hit(context.clientAddress(), now);
    }
    events.emit(
        ResetEventType.BAD_TOKEN, null, null, context, Map.of("reason", reason.name(), "why", why));
  }

  // ---------------------------------------------------------------- back office

  @Override
  public AgentOutcome sendResetEmail(CustomerId customerId, AgentContext agent) {
    return sendAgentLink(
        customerId,
        agent,
        TicketPurpose.AGENT_RESET,
        NotificationType.RESET_LINK,
        ResetEventType.AGENT_RESET_SENT);
  }

  @Override
  public AgentOutcome sendAccountSetupEmail(CustomerId customerId, AgentContext agent) {
    return sendAgentLink(
        customerId,
        agent,
        TicketPurpose.ACCOUNT_SETUP,
        NotificationType.ACCOUNT_SETUP,
        ResetEventType.ACCOUNT_SETUP_SENT);
  }

  @Override
  public AgentOutcome sendReminder(CustomerId customerId, AgentContext agent) {
    return sendAgentLink(
        customerId,
        agent,
        TicketPurpose.REMINDER,
        NotificationType.REMINDER,
        ResetEventType.REMINDER_SENT);
  }

  private AgentOutcome sendAgentLink(
      CustomerId customerId,
      AgentContext agent,
      TicketPurpose purpose,
      NotificationType type,
      ResetEventType sentEvent) {
    Objects.requireNonNull(customerId, "customerId must not be null");
    Objects.requireNonNull(agent, "agent must not be null");
    String template = links.templateFor(agent.storefront());
    Optional<CustomerAccount> found = customers.findById(customerId);
    if (found.isEmpty()) {
      return new AgentOutcome.CustomerNotFound();
    }
    CustomerAccount account = found.get();
    if (!account.enabled()) {
      // Its link would not work (a disabled account cannot complete a reset): say so, send nothing.
      String reason = "the customer's account is disabled; enable it before sending an email";
      events.emitAgent(
          ResetEventType.AGENT_NOTIFICATION_FAILED,
          account.id(),
          agent,
          Map.of("purpose", purpose.name(), "reason", "account-disabled"));
      return new AgentOutcome.NotificationFailed(reason);
    }
    Instant now = now();
    Issued issued =
        issue(account, purpose, template, agent.storefront(), agent.agentId(), null, now);
    Notification notification = issued.notification(type);
    try {
      notifier.send(notification);
    } catch (RuntimeException e) {
      // The agent learns it now, and no unsent link stays valid.
      tickets.consume(issued.ticket.tokenHash(), now);
      String reason = safeReason(e, issued.token);
      log.warn("An agent's {} email could not be sent: {}", type, reason);
      events.emitAgent(
          ResetEventType.AGENT_NOTIFICATION_FAILED,
          account.id(),
          agent,
          Map.of("purpose", purpose.name(), "reason", reason));
      return new AgentOutcome.NotificationFailed(reason);
    }
    events.emitAgent(
        sentEvent,
        account.id(),
        agent,
        Map.of("purpose", purpose.name(), "expiresAt", issued.ticket.expiresAt().toString()));
    return new AgentOutcome.EmailSent(issued.ticket.expiresAt());
  }

  @Override
  public ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent) {
    try {
      Objects.requireNonNull(customerId, "customerId must not be null");
      Objects.requireNonNull(password, "password must not be null");
      Objects.requireNonNull(agent, "agent must not be null");
      ResetSettings settings = settings();
      if (!settings.allowManualEntry()) {
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
      char[] normalized = Passwords.normalize(password);
      try {
        List<PolicyViolation> violations =
            violations(normalized, PolicyContext.of(account, account.locale()));
        if (!violations.isEmpty()) {
          events.emitAgent(
              ResetEventType.MANUAL_ENTRY_REFUSED,
              customerId,
              agent,
              Map.of("reason", "policy", "rules", rules(violations)));
          return new ManualEntryOutcome.Rejected(violations);
        }
        String hash = hasher.hash(normalized);
        Instant now = now();
        Instant expiresAt = temporary ? now.plus(settings.ticketExpirationDelay()) : null;
        tickets.revokeAll(customerId, now);
        if (!customers.updatePassword(customerId, new StoredPassword(hash, expiresAt))) {
          return new ManualEntryOutcome.CustomerNotFound();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("temporary", Boolean.toString(temporary));
        if (expiresAt != null) {
          details.put("expiresAt", expiresAt.toString());
        }
        events.emitAgent(ResetEventType.MANUAL_PASSWORD_SET, customerId, agent, details);
        notifyPasswordChanged(account, agent.storefront(), null);
        return new ManualEntryOutcome.PasswordSet(expiresAt);
      } finally {
        Passwords.clear(normalized);
      }
    } finally {
      Passwords.clear(password);
    }
  }

  // ---------------------------------------------------------------- login support

  @Override
  public LoginCheck checkLogin(String email, char[] password, RequestContext context) {
    ReentrantLock guessing = null;
    try {
      Objects.requireNonNull(email, "email must not be null");
      Objects.requireNonNull(password, "password must not be null");
      Objects.requireNonNull(context, "context must not be null");
      String normalizedEmail =
          email.length() > MAX_EMAIL_LENGTH ? "" : CustomerStore.normalizeEmail(email);
      guessing = guessingLock(normalizedEmail);
      guessing.lock();
      Instant now = now();
      Optional<Duration> throttled =
          clientLoginFailures
              .check(context.clientAddress(), now)
              .or(() -> accountLoginFailures.check(normalizedEmail, now));
      if (throttled.isPresent()) {
        events.emit(ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "login"));
        return new LoginCheck.Throttled(throttled.get());
      }
      if (Passwords.length(password) > maxPasswordLength) {
        return loginFailed(null, normalizedEmail, context, now);
      }
      Optional<CustomerAccount> account =
          normalizedEmail.isEmpty() ? Optional.empty() : customers.findByEmail(normalizedEmail);
      Optional<StoredPassword> stored =
          account.filter(CustomerAccount::enabled).flatMap(a -> customers.findPassword(a.id()));
      char[] normalized = Passwords.normalize(password);
      try {
        if (stored.isEmpty()) {
          hasher.verify(normalized, dummyHash); // the same cost as a real check
          return loginFailed(
              account.map(CustomerAccount::id).orElse(null), normalizedEmail, context, now);
        }
        CustomerId id = account.get().id();
        StoredPassword current = stored.get();
        Verification v = verify(normalized, password, current.hash());
        if (!v.matches) {
          return loginFailed(id, normalizedEmail, context, now);
        }
        Instant until = current.temporaryUntil();
        if (until != null && !now.isBefore(until)) {
          events.emit(
              ResetEventType.LOGIN_FAILED,
              id,
              null,
              context,
              Map.of("reason", "temporary-expired"));
          return new LoginCheck.TemporaryExpired(id);
        }
        if (v.rehash) {
          rehash(id, current, normalized, v.legacy, context);
        }
        events.emit(ResetEventType.LOGIN_SUCCEEDED, id, null, context, Map.of());
        return until != null ? new LoginCheck.MustChange(id, until) : new LoginCheck.Valid(id);
      } finally {
        Passwords.clear(normalized);
      }
    } finally {
      if (guessing != null) {
        guessing.unlock();
      }
      Passwords.clear(password);
    }
  }

  private LoginCheck loginFailed(
      @Nullable CustomerId id, String normalizedEmail, RequestContext context, Instant now) {
    clientLoginFailures.hit(context.clientAddress(), now);
    accountLoginFailures.hit(normalizedEmail, now);
    events.emit(ResetEventType.LOGIN_FAILED, id, null, context, Map.of());
    return new LoginCheck.Invalid();
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

  @Override
  public ChangeOutcome changePassword(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    ReentrantLock guessing = null;
    try {
      Objects.requireNonNull(customerId, "customerId must not be null");
      Objects.requireNonNull(currentPassword, "currentPassword must not be null");
      Objects.requireNonNull(newPassword, "newPassword must not be null");
      Objects.requireNonNull(context, "context must not be null");
      Optional<CustomerAccount> found = customers.findById(customerId);
      String throttleKey =
          found.map(a -> CustomerStore.normalizeEmail(a.email())).orElse(customerId.value());
      guessing = guessingLock(throttleKey);
      guessing.lock();
      Instant now = now();
      Optional<StoredPassword> stored = found.flatMap(a -> customers.findPassword(a.id()));
      if (accountLoginFailures.check(throttleKey, now).isPresent()) {
        return new ChangeOutcome.WrongCurrentPassword();
      }
      char[] current = Passwords.normalize(currentPassword);
      char[] next = Passwords.normalize(newPassword);
      try {
        boolean ok =
            stored.isPresent()
                && Passwords.length(current) <= maxPasswordLength
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
        CustomerAccount account = found.get();
        Locale locale = context.locale() != null ? context.locale() : account.locale();
        List<PolicyViolation> violations =
            new ArrayList<>(violations(next, PolicyContext.of(account, locale)));
        if (Arrays.equals(current, next)) {
          violations.add(EngineMessages.sameAsCurrent(locale));
        }
        if (!violations.isEmpty()) {
          events.emit(
              ResetEventType.PASSWORD_REJECTED,
              customerId,
              null,
              context,
              Map.of("rules", rules(violations)));
          return new ChangeOutcome.Rejected(violations);
        }
        String hash = hasher.hash(next);
        tickets.revokeAll(customerId, now);
        if (!customers.updatePassword(customerId, StoredPassword.of(hash))) {
          return new ChangeOutcome.WrongCurrentPassword();
        }
        events.emit(ResetEventType.PASSWORD_CHANGED, customerId, null, context, Map.of());
        notifyPasswordChanged(account, context.storefront(), context);
        return new ChangeOutcome.Changed();
      } finally {
        Passwords.clear(current, next);
      }
    } finally {
      if (guessing != null) {
        guessing.unlock();
      }
      Passwords.clear(currentPassword, newPassword);
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

  // ---------------------------------------------------------------- policy, settings, housekeeping

  @Override
  public PolicyDescription describePolicy(Locale locale) {
    Objects.requireNonNull(locale, "locale must not be null");
    return policy.describe(locale);
  }

  @Override
  public ResetSettings settings() {
    SettingsSnapshot s = settingsSnapshot;
    long now = clock.millis();
    long age = now - s.loadedAtMillis;
    if (age >= 0 && age < settingsRefresh.toMillis()) {
      return s.settings;
    }
    try {
      SettingsSnapshot fresh = new SettingsSnapshot(loadSettings(), now);
      settingsSnapshot = fresh;
      return fresh.settings;
    } catch (PasswordResetException e) {
      log.warn("Reloading the settings failed; the last known ones stay in force", e);
      settingsSnapshot = new SettingsSnapshot(s.settings, now);
      return s.settings;
    }
  }

  private ResetSettings loadSettings() {
    return settingsStore.load().orElse(initialSettings);
  }

  @Override
  public void updateSettings(ResetSettings settings, AgentContext agent) {
    Objects.requireNonNull(settings, "settings must not be null");
    Objects.requireNonNull(agent, "agent must not be null");
    ResetSettings old = settings();
    settingsStore.save(settings);
    settingsSnapshot = new SettingsSnapshot(settings, clock.millis());
    Map<String, String> details = new LinkedHashMap<>();
    describe("old.", old, details);
    describe("new.", settings, details);
    events.emitAgent(ResetEventType.SETTINGS_UPDATED, null, agent, details);
  }

  private static void describe(String prefix, ResetSettings s, Map<String, String> into) {
    into.put(prefix + "allowManualEntry", Boolean.toString(s.allowManualEntry()));
    into.put(prefix + "ticketExpirationDelay", s.ticketExpirationDelay().toString());
    into.put(prefix + "selfServiceLinkLifetime", s.selfServiceLinkLifetime().toString());
    into.put(prefix + "agentLinkLifetime", s.agentLinkLifetime().toString());
    into.put(prefix + "accountSetupLinkLifetime", s.accountSetupLinkLifetime().toString());
    into.put(prefix + "signInAfterReset", Boolean.toString(s.signInAfterReset()));
  }

  @Override
  public int purgeExpired() {
    Instant now = now();
    int purged = tickets.purgeExpired(now);
    throttleStore.purgeExpired(now);
    return purged;
  }

  /**
   * Delivers queued self-service mail (waiting up to the configured close timeout) and stops the
   * engine's threads. Calls after closing keep working, except that self-service mail is dropped
   * and reported.
   */
  @Override
  public void close() {
    delivery.close();
  }

  // ---------------------------------------------------------------- shared steps

  private boolean human(RequestContext context) {
    return humanVerifier == null || humanVerifier.verify(context.captchaResponse(), context);
  }

  /** The engine's hard length bound first (so hashing can't be abused), then the policy. */
  private List<PolicyViolation> violations(char[] normalized, PolicyContext context) {
    if (Passwords.length(normalized) > maxPasswordLength) {
      return List.of(EngineMessages.tooLong(context.locale(), maxPasswordLength));
    }
    return policy.check(normalized, context);
  }

  private static String rules(List<PolicyViolation> violations) {
    return String.join(",", violations.stream().map(PolicyViolation::rule).toList());
  }

  private final class Issued {
    final Ticket ticket;
    final String token;
    final String link;
    final CustomerAccount account;

    Issued(Ticket ticket, String token, String link, CustomerAccount account) {
      this.ticket = ticket;
      this.token = token;
      this.link = link;
      this.account = account;
    }

    Notification notification(NotificationType type) {
      return new Notification(
          type,
          account.id(),
          account.email(),
          account.displayName(),
          account.locale(),
          link,
          ticket.expiresAt(),
          ticket.storefront());
    }
  }

  private Issued issue(
      CustomerAccount account,
      TicketPurpose purpose,
      String template,
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingHash,
      Instant now) {
    String token = tokens.newToken();
    Ticket ticket =
        new Ticket(
            Tokens.sha256Hex(token),
            account.id(),
            purpose,
            now,
            now.plus(settings().linkLifetime(purpose)),
            null,
            storefront,
            issuedBy,
            pendingHash);
    tickets.save(ticket);
    return new Issued(ticket, token, LinkTemplates.expand(template, token), account);
  }

  private void notifyPasswordChanged(
      CustomerAccount account, @Nullable String storefront, @Nullable RequestContext context) {
    Notification n =
        new Notification(
            NotificationType.PASSWORD_CHANGED,
            account.id(),
            account.email(),
            account.displayName(),
            account.locale(),
            null,
            null,
            storefront);
    if (!delivery.submit(() -> n)) {
      log.warn("The mail queue is full or closed; a password-changed email was dropped");
      events.emit(ResetEventType.DELIVERY_QUEUE_FULL, account.id(), null, context, Map.of());
    }
  }

  private static String safeReason(RuntimeException e, String token) {
    String m = e.getMessage();
    String reason = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    return reason.replace(token, "<token>");
  }

  /**
   * A link whose email was given up must not stay usable: it was reported as not sent, and a mail
   * server that failed ambiguously may still have delivered it. Its token is where the storefront's
   * template puts it.
   */
  private void revokeUndelivered(Notification n) {
    String link = n.link();
    if (link == null) {
      return;
    }
    try {
      String template = links.templateFor(n.storefront());
      int at = template.indexOf(LinkTemplates.PLACEHOLDER);
      if (at < 0
          || link.length() < at + Tokens.TOKEN_LENGTH
          || !link.startsWith(template.substring(0, at))) {
        return;
      }
      String token = link.substring(at, at + Tokens.TOKEN_LENGTH);
      if (Tokens.wellFormed(token)) {
        tickets.consume(Tokens.sha256Hex(token), now());
      }
    } catch (RuntimeException e) {
      log.warn(
          "The link of an undelivered {} email could not be revoked ({}); it expires on its own",
          n.type(),
          e.getClass().getSimpleName());
    }
  }

  /** Turns the delivery queue's reports into events. */
  private final class DeliveryEvents implements DeliveryQueue.Listener {
    @Override
    public void delivered(Notification n, int attempt) {
      events.emit(
          ResetEventType.NOTIFICATION_SENT,
          n.customerId(),
          null,
          null,
          n.storefront(),
          Map.of("type", n.type().name(), "attempt", Integer.toString(attempt)));
    }

    @Override
    public void failed(Notification n, String reason, int attempts, boolean permanent) {
      log.warn(
          "A {} email could not be delivered after {} attempt(s): {}", n.type(), attempts, reason);
      revokeUndelivered(n);
      events.emit(
          ResetEventType.DELIVERY_FAILED,
          n.customerId(),
          null,
          null,
          n.storefront(),
          Map.of(
              "type",
              n.type().name(),
              "attempts",
              Integer.toString(attempts),
              "permanent",
              Boolean.toString(permanent),
              "reason",
              reason));
    }

    @Override
    public void prepareFailed(RuntimeException failure) {
      log.error("A self-service request failed before its email could be sent", failure);
      events.emit(
          ResetEventType.DELIVERY_FAILED,
          null,
          null,
          null,
          null,
          Map.of("reason", "store-failure: " + failure.getClass().getSimpleName()));
    }
  }

  /**
   * Builds a {@link PasswordResetEngine}. Each setter validates at once (a value out of range
   * throws {@link dev.passwordreset.api.InvalidSettingException} naming the setting, the value and
   * the allowed range); {@link #build()} names every missing mandatory part in one message. The
   * defaults are in {@link EngineDefaults}. Not thread-safe; build on one thread.
   *
   * <p>Mandatory: {@link #customerStore}, {@link #ticketStore}, {@link #notifier}, and a default
   * {@link #linkTemplate(String)}. Everything else has a secure default.
   */
  public static final class Builder extends EngineBuilder {
    private Builder() {}

    /**
     * Builds the engine.
     *
     * @return the engine; close it on shutdown
     * @throws IllegalStateException naming every missing mandatory part
     */
    public PasswordResetEngine build() {
      requireMandatoryParts();
      return new PasswordResetEngine(this);
    }
  }
}

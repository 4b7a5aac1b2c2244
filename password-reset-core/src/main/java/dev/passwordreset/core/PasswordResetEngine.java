package dev.passwordreset.core;

import static java.util.Objects.requireNonNull;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.AgentActions.LinkEmail;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.Throttle;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.core.token.Tokens;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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
 * cleared after use and never logged. Time comes only from the builder's clock: the stores get
 * every instant they need from the engine.
 *
 * <p><b>How it is built.</b> This class checks arguments and delegates to one package-private class
 * per flow: {@code SelfServiceRequests}, {@code LinkRedemption}, {@code AgentActions}, {@code
 * Logins} and {@code SettingsCache}, which share the opening steps ({@code Gate}, {@code
 * PasswordCheck}) and the closing ones ({@code TicketIssuer}, {@code AccountPasswords}, {@code
 * Outbox}). A null argument throws {@link NullPointerException} naming it; a password array is
 * cleared when the call returns, whatever the outcome.
 *
 * <p>Thread-safe.
 */
public final class PasswordResetEngine implements PasswordResetService, AutoCloseable {

  private final SelfServiceRequests selfService;
  private final LinkRedemption links;
  private final AgentActions agents;
  private final Logins logins;
  private final SettingsCache settings;
  private final PasswordPolicy policy;
  private final TicketStore tickets;
  private final ThrottleStore throttles;
  private final Outbox outbox;
  private final EngineClock clock;

  private PasswordResetEngine(Builder b) {
    var customers = requireNonNull(b.customerStore);
    this.tickets = requireNonNull(b.ticketStore);
    var notifier = requireNonNull(b.notifier);
    this.clock = new EngineClock(b.clock);
    PasswordHasher hasher = b.hasher != null ? b.hasher : new Argon2PasswordHasher();
    this.policy = b.policy != null ? b.policy : RuleBasedPasswordPolicy.defaults();
    this.throttles = b.throttleStore != null ? b.throttleStore : new InMemoryThrottleStore();
    var events = new Events(List.copyOf(b.listeners), b.clock);
    this.settings =
        new SettingsCache(
            b.settingsStore != null ? b.settingsStore : new InMemorySettingsStore(),
            b.settings,
            b.settingsRefresh,
            clock,
            events);
    this.outbox = new Outbox(notifier, b.delivery, b.executor, events, tickets, clock);
    var issuer =
        new TicketIssuer(
            tickets,
            new Tokens(b.random != null ? b.random : new SecureRandom()),
            new LinkTemplates(b.defaultLinkTemplate, b.linkTemplates),
            settings);
    var check = new PasswordCheck(policy, b.maxPasswordLength);
    var passwords = new AccountPasswords(customers, tickets);
    var gate = new Gate(b.humanVerifier, throttle("client-requests", b.clientRequestLimit), events);
    this.selfService =
        new SelfServiceRequests(
            gate,
            check,
            hasher,
            customers,
            tickets,
            throttle("account-requests", b.accountRequestLimit),
            issuer,
            outbox,
            events,
            clock);
    this.links =
        new LinkRedemption(
            tickets,
            customers,
            throttle("client-bad-tokens", b.clientBadTokenLimit),
            check,
            hasher,
            passwords,
            outbox,
            settings,
            events,
            clock);
    this.agents =
        new AgentActions(
            customers, tickets, issuer, notifier, settings, check, hasher, passwords, outbox,
            events, clock);
    this.logins =
        new Logins(
            customers,
            hasher,
            b.legacyVerifiers,
            check,
            throttle("account-logins", b.accountLoginLimit),
            throttle("client-logins", b.clientLoginLimit),
            passwords,
            outbox,
            events,
            clock);
  }

  private Throttle throttle(String name, ThrottleLimit limit) {
    return new Throttle(name, limit, throttles);
  }

  /**
   * Starts building an engine.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RequestOutcome requestReset(String email, RequestContext context) {
    return selfService.requestReset(arg(email, "email"), arg(context, "context"));
  }

  @Override
  public PendingOutcome requestResetWithPassword(
      String email, char[] newPassword, RequestContext context) {
    return clearing(
        newPassword,
        () ->
            selfService.requestResetWithPassword(
                arg(email, "email"), arg(newPassword, "newPassword"), arg(context, "context")));
  }

  @Override
  public ResetOutcome confirmReset(String token, RequestContext context) {
    return links.confirm(arg(token, "token"), arg(context, "context"));
  }

  @Override
  public TokenCheck checkToken(String token, RequestContext context) {
    return links.check(arg(token, "token"), arg(context, "context"));
  }

  @Override
  public ResetOutcome completeReset(String token, char[] newPassword, RequestContext context) {
    return clearing(
        newPassword,
        () ->
            links.complete(
                arg(token, "token"), arg(newPassword, "newPassword"), arg(context, "context")));
  }

  @Override
  public AgentOutcome sendResetEmail(CustomerId customerId, AgentContext agent) {
    return agents.send(LinkEmail.RESET, arg(customerId, "customerId"), arg(agent, "agent"));
  }

  @Override
  public AgentOutcome sendAccountSetupEmail(CustomerId customerId, AgentContext agent) {
    return agents.send(LinkEmail.ACCOUNT_SETUP, arg(customerId, "customerId"), arg(agent, "agent"));
  }

  @Override
  public AgentOutcome sendReminder(CustomerId customerId, AgentContext agent) {
    return agents.send(LinkEmail.REMINDER, arg(customerId, "customerId"), arg(agent, "agent"));
  }

  @Override
  public ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent) {
    return clearing(
        password,
        () ->
            agents.setPassword(
                arg(customerId, "customerId"),
                arg(password, "password"),
                temporary,
                arg(agent, "agent")));
  }

  @Override
  public LoginCheck checkLogin(String email, char[] password, RequestContext context) {
    return clearing(
        password,
        () ->
            logins.check(arg(email, "email"), arg(password, "password"), arg(context, "context")));
  }

  @Override
  public ChangeOutcome changePassword(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    try {
      return logins.change(
          arg(customerId, "customerId"),
          arg(currentPassword, "currentPassword"),
          arg(newPassword, "newPassword"),
          arg(context, "context"));
    } finally {
      Passwords.clear(currentPassword, newPassword);
    }
  }

  @Override
  public PolicyDescription describePolicy(Locale locale) {
    return policy.describe(arg(locale, "locale"));
  }

  @Override
  public ResetSettings settings() {
    return settings.current();
  }

  @Override
  public void updateSettings(ResetSettings settings, AgentContext agent) {
    this.settings.update(arg(settings, "settings"), arg(agent, "agent"));
  }

  @Override
  public int purgeExpired() {
    Instant now = clock.now();
    int purged = tickets.purgeExpired(now);
    throttles.purgeExpired(now);
    return purged;
  }

  /** Checks an argument: a null throws {@link NullPointerException} naming it. */
  private static <T> T arg(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /** Runs a call, then clears the password it was given, whatever the outcome. */
  private static <T> T clearing(char @Nullable [] password, Supplier<T> call) {
    try {
      return call.get();
    } finally {
      Passwords.clear(password);
    }
  }

  /**
   * Delivers queued self-service mail (waiting up to the configured close timeout) and stops the
   * engine's threads. Calls after closing keep working, except that self-service mail is dropped
   * and reported.
   */
  @Override
  public void close() {
    outbox.close();
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

package dev.passwordreset.core;

import static java.util.Objects.requireNonNull;

import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.internal.Throttle;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * The engine's flows, wired once from a finished builder: each flow gets only the parts it needs,
 * and the parts the builder left out get their secure defaults here. Immutable; thread-safe.
 */
final class Flows implements AutoCloseable {
  final SelfServiceRequests selfService;
  final LinkRedemption links;
  final AgentActions agents;
  final Logins logins;
  final SettingsCache settings;
  final PasswordPolicy policy;
  final TicketStore tickets;
  final ThrottleStore throttles;
  final Outbox outbox;
  final EngineClock clock;

  Flows(EngineBuilder b) {
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

  /** Deletes expired tickets and throttle counters, at the engine's current time. */
  int purgeExpired() {
    Instant now = clock.now();
    int purged = tickets.purgeExpired(now);
    throttles.purgeExpired(now);
    return purged;
  }

  @Override
  public void close() {
    outbox.close();
  }
}

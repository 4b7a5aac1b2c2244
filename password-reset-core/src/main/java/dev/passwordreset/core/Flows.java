package dev.passwordreset.core;

import static java.util.Objects.requireNonNull;

import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.internal.ClientKeys;
import dev.passwordreset.core.internal.Stripes;
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
  final CodeRedemption codes;
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
    SecureRandom random = b.random != null ? b.random : new SecureRandom();
    PasswordHasher hasher = b.hasher != null ? b.hasher : new Argon2PasswordHasher();
    this.policy = b.policy != null ? b.policy : RuleBasedPasswordPolicy.defaults();
    this.throttles = b.throttleStore != null ? b.throttleStore : new InMemoryThrottleStore();
    var events = new Events(List.copyOf(b.listeners), b.clock);
    SettingsStore settingsStore =
        b.settingsStore != null ? b.settingsStore : new InMemorySettingsStore();
    this.settings = new SettingsCache(settingsStore, b.settings, b.settingsRefresh, clock, events);
    this.outbox = new Outbox(notifier, b.delivery, b.executor, events, tickets, clock);
    var codeHashes = new ResetCodeHashes(b.resetCodeSecret, settingsStore, random);
    var issuer =
        new TicketIssuer(
            tickets,
            new Tokens(random),
            new LinkTemplates(b.defaultLinkTemplate, b.linkTemplates),
            settings,
            codeHashes,
            b.resetCodes);
    var check = new PasswordCheck(policy, b.maxPasswordLength);
    var loginFailures = new LoginFailures(b.loginProtection, throttles);
    var passwords = new AccountPasswords(customers, tickets, loginFailures::clear);
    var clients = new ClientKeys(b.clientIpv6PrefixLength);
    var gate =
        new Gate(
            b.humanVerifier,
            Throttle.perClient("client-requests", b.clientRequestLimit, throttles, clients),
            events);
    var clientBadTokens =
        Throttle.perClient("client-bad-tokens", b.clientBadTokenLimit, throttles, clients);
    this.links =
        new LinkRedemption(
            tickets,
            customers,
            clientBadTokens,
            check,
            hasher,
            passwords,
            outbox,
            settings,
            events,
            clock);
    this.codes =
        new CodeRedemption(
            tickets,
            customers,
            clientBadTokens,
            codeHashes,
            b.resetCodes,
            check,
            hasher,
            links,
            events,
            clock);
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
            clock,
            codes);
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
            loginFailures,
            Throttle.perClient("client-logins", b.clientLoginLimit, throttles, clients),
            new Stripes(256, new SecureRandom()),
            passwords,
            issuer,
            outbox,
            events,
            clock);
  }

  /** A throttle per account (by id). */
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

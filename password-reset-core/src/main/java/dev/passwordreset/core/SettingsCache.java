package dev.passwordreset.core;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings in force: the settings store's, reloaded at most once per refresh interval so that
 * another node's change arrives within it; the builder's until an administrator saves others. A
 * failing store keeps the last known settings. Thread-safe.
 */
final class SettingsCache {
  private static final Logger log = LoggerFactory.getLogger(SettingsCache.class);

  private final SettingsStore store;
  private final ResetSettings initial;
  private final long refreshMillis;
  private final EngineClock clock;
  private final Events events;
  private volatile Snapshot snapshot;

  private record Snapshot(ResetSettings settings, long loadedAtMillis) {}

  SettingsCache(
      SettingsStore store,
      ResetSettings initial,
      Duration refresh,
      EngineClock clock,
      Events events) {
    this.store = store;
    this.initial = initial;
    this.refreshMillis = refresh.toMillis();
    this.clock = clock;
    this.events = events;
    this.snapshot = new Snapshot(load(), clock.millis());
  }

  ResetSettings current() {
    Snapshot s = snapshot;
    long now = clock.millis();
    long age = now - s.loadedAtMillis;
    if (age >= 0 && age < refreshMillis) {
      return s.settings;
    }
    try {
      Snapshot fresh = new Snapshot(load(), now);
      snapshot = fresh;
      return fresh.settings;
    } catch (PasswordResetException e) {
      log.warn("Reloading the settings failed; the last known ones stay in force", e);
      snapshot = new Snapshot(s.settings, now);
      return s.settings;
    }
  }

  /**
   * The settings as the store holds them now, read past the cache (which it refreshes): for what an
   * agent does, so that a setting another node just narrowed (manual entry off, a shorter lifetime)
   * holds here before the next agent action. A failing store throws: an agent action is not taken
   * on settings that may be stale.
   *
   * @throws PasswordResetException if the settings store fails
   */
  ResetSettings fresh() {
    Snapshot loaded = new Snapshot(load(), clock.millis());
    snapshot = loaded;
    return loaded.settings;
  }

  void update(ResetSettings settings, AgentContext agent) {
    ResetSettings old = current();
    store.save(settings);
    snapshot = new Snapshot(settings, clock.millis());
    Map<String, String> details = new LinkedHashMap<>();
    describe("old.", old, details);
    describe("new.", settings, details);
    events.emitAgent(ResetEventType.SETTINGS_UPDATED, null, agent, details);
  }

  private ResetSettings load() {
    return store.load().orElse(initial);
  }

  private static void describe(String prefix, ResetSettings s, Map<String, String> into) {
    into.put(prefix + "allowManualEntry", Boolean.toString(s.allowManualEntry()));
    into.put(prefix + "ticketExpirationDelay", s.ticketExpirationDelay().toString());
    into.put(prefix + "selfServiceLinkLifetime", s.selfServiceLinkLifetime().toString());
    into.put(prefix + "agentLinkLifetime", s.agentLinkLifetime().toString());
    into.put(prefix + "accountSetupLinkLifetime", s.accountSetupLinkLifetime().toString());
    into.put(prefix + "signInAfterReset", Boolean.toString(s.signInAfterReset()));
  }
}

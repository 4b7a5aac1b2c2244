package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.support.Fixture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final AgentContext ADMIN = AgentContext.of("admin-1");
  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void defaultsAreThoseOfTheDesign() {
    ResetSettings s = fx.engine.settings();
    assertThat(s.allowManualEntry()).isFalse();
    assertThat(s.ticketExpirationDelay()).isEqualTo(Duration.ofMinutes(60));
    assertThat(s.selfServiceLinkLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.agentLinkLifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(s.accountSetupLinkLifetime()).isEqualTo(Duration.ofHours(72));
    assertThat(s.signInAfterReset()).isTrue();
  }

  @Test
  void savingIsAnAuditedEventWithOldAndNewValues() {
    ResetSettings changed =
        fx.engine
            .settings()
            .withAllowManualEntry(true)
            .withTicketExpirationDelay(Duration.ofMinutes(15));

    fx.engine.updateSettings(changed, ADMIN);

    assertThat(fx.engine.settings()).isEqualTo(changed);
    ResetEvent event = fx.events(ResetEventType.SETTINGS_UPDATED).get(0);
    assertThat(event.agentId()).isEqualTo("admin-1");
    assertThat(event.details())
        .containsEntry("old.allowManualEntry", "false")
        .containsEntry("new.allowManualEntry", "true")
        .containsEntry("old.ticketExpirationDelay", "PT1H")
        .containsEntry("new.ticketExpirationDelay", "PT15M");
  }

  @Test
  void invalidSettingsAreRefusedWithTheFieldsNameAndTheOldOnesStay() {
    ResetSettings before = fx.engine.settings();

    assertThatThrownBy(() -> before.withTicketExpirationDelay(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ticketExpirationDelay must be between 1 minute and 30 days, was PT30S");
    assertThatThrownBy(() -> before.withTicketExpirationDelay(Duration.ofDays(31)))
        .hasMessageContaining("ticketExpirationDelay must be between 1 minute and 30 days");
    assertThatThrownBy(() -> before.withSelfServiceLinkLifetime(Duration.ZERO))
        .hasMessageContaining("selfServiceLinkLifetime");
    assertThatThrownBy(() -> before.withAgentLinkLifetime(Duration.ofDays(-1)))
        .hasMessageContaining("agentLinkLifetime");
    assertThatThrownBy(() -> before.withAccountSetupLinkLifetime(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("accountSetupLinkLifetime must not be null");

    assertThat(fx.engine.settings()).isEqualTo(before);
    assertThat(fx.events(ResetEventType.SETTINGS_UPDATED)).isEmpty();
  }

  @Test
  void aFailingSettingsStoreKeepsTheOldSettingsInForce() {
    SettingsStore broken =
        new SettingsStore() {
          @Override
          public Optional<ResetSettings> load() {
            return Optional.empty();
          }

          @Override
          public void save(ResetSettings settings) {
            throw new PasswordResetException("database down");
          }
        };
    try (Fixture f = new Fixture(b -> b.settingsStore(broken))) {
      ResetSettings before = f.engine.settings();

      assertThatThrownBy(() -> f.engine.updateSettings(before.withAllowManualEntry(true), ADMIN))
          .isInstanceOf(PasswordResetException.class);

      assertThat(f.engine.settings()).isEqualTo(before);
    }
  }

  @Test
  void anotherNodesSaveIsSeenWithinTheRefreshInterval() {
    InMemorySettingsStore shared = new InMemorySettingsStore();
    try (Fixture node1 = new Fixture(b -> b.settingsStore(shared));
        Fixture node2 =
            new Fixture(
                b -> b.settingsStore(shared).settingsRefreshInterval(Duration.ofSeconds(5)))) {
      node2.clock.set(node1.clock.instant());
      assertThat(node2.engine.settings().allowManualEntry()).isFalse();

      node1.engine.updateSettings(node1.engine.settings().withAllowManualEntry(true), ADMIN);

      node2.clock.advance(Duration.ofSeconds(4));
      assertThat(node2.engine.settings().allowManualEntry()).isFalse();
      node2.clock.advance(Duration.ofSeconds(1));
      assertThat(node2.engine.settings().allowManualEntry()).isTrue();
    }
  }

  @Test
  void manualEntryTurnedOffOnOneNodeHoldsOnAnotherAtItsNextManualEntry() {
    InMemorySettingsStore shared = new InMemorySettingsStore();
    try (Fixture nodeA = new Fixture(b -> b.settingsStore(shared));
        Fixture nodeB =
            new Fixture(
                b -> b.settingsStore(shared).settingsRefreshInterval(Duration.ofSeconds(5)))) {
      nodeB.clock.set(nodeA.clock.instant());
      dev.passwordreset.api.CustomerAccount ann =
          nodeB.customer("c1", "ann@example.com", "Old-Passw0rd!");
      AgentContext agent = AgentContext.of("agent-42");
      nodeA.engine.updateSettings(nodeA.engine.settings().withAllowManualEntry(true), ADMIN);
      assertThat(nodeB.engine.setPassword(ann.id(), "Agent-Typed-1!".toCharArray(), false, agent))
          .isEqualTo(new dev.passwordreset.api.ManualEntryOutcome.PasswordSet(null));
      assertThat(nodeB.engine.settings().allowManualEntry()).isTrue(); // cached on node B

      nodeA.engine.updateSettings(nodeA.engine.settings().withAllowManualEntry(false), ADMIN);

      // No time passes on node B: its cache is still within the refresh interval.
      assertThat(nodeB.engine.setPassword(ann.id(), "Agent-Typed-2!".toCharArray(), false, agent))
          .isEqualTo(new dev.passwordreset.api.ManualEntryOutcome.ManualEntryDisabled());
      assertThat(nodeB.events(ResetEventType.MANUAL_ENTRY_REFUSED)).hasSize(1);
    }
  }

  @Test
  void aShorterTicketExpirationDelaySavedOnOneNodeHoldsForTheNextTemporaryPasswordOnAnother() {
    InMemorySettingsStore shared = new InMemorySettingsStore();
    try (Fixture nodeA = new Fixture(b -> b.settingsStore(shared));
        Fixture nodeB =
            new Fixture(
                b -> b.settingsStore(shared).settingsRefreshInterval(Duration.ofSeconds(5)))) {
      nodeB.clock.set(nodeA.clock.instant());
      dev.passwordreset.api.CustomerAccount ann =
          nodeB.customer("c1", "ann@example.com", "Old-Passw0rd!");
      nodeA.engine.updateSettings(nodeA.engine.settings().withAllowManualEntry(true), ADMIN);
      nodeB.engine.settings(); // cached on node B

      nodeA.engine.updateSettings(
          nodeA.engine.settings().withTicketExpirationDelay(Duration.ofMinutes(5)), ADMIN);

      assertThat(
              nodeB.engine.setPassword(
                  ann.id(), "Agent-Typed-1!".toCharArray(), true, AgentContext.of("agent-42")))
          .isEqualTo(
              new dev.passwordreset.api.ManualEntryOutcome.PasswordSet(
                  nodeB.clock.instant().plus(Duration.ofMinutes(5))));
    }
  }

  @Test
  void savedSettingsWinOverTheInitialOnesAtStart() {
    InMemorySettingsStore store = new InMemorySettingsStore();
    store.save(ResetSettings.defaults().withAllowManualEntry(true));
    try (Fixture f =
        new Fixture(
            b ->
                b.settingsStore(store)
                    .settings(ResetSettings.defaults().withSignInAfterReset(false)))) {
      assertThat(f.engine.settings().allowManualEntry()).isTrue();
      assertThat(f.engine.settings().signInAfterReset()).isTrue();
    }
  }

  /** A settings store that counts its loads and can be made to fail them. */
  private static final class CountingStore implements SettingsStore {
    final AtomicInteger loads = new AtomicInteger();
    volatile boolean down;
    volatile ResetSettings saved;

    @Override
    public Optional<ResetSettings> load() {
      loads.incrementAndGet();
      if (down) {
        throw new PasswordResetException("database down");
      }
      return Optional.ofNullable(saved);
    }

    @Override
    public void save(ResetSettings settings) {
      saved = settings;
    }
  }

  @Test
  void theStoreIsReadOncePerRefreshIntervalHoweverOftenTheSettingsAreAsked() {
    CountingStore store = new CountingStore();
    try (Fixture f =
        new Fixture(b -> b.settingsStore(store).settingsRefreshInterval(Duration.ofSeconds(5)))) {
      int atStart = store.loads.get();
      for (int i = 0; i < 20; i++) {
        f.engine.settings();
      }
      f.clock.advance(Duration.ofMillis(4999));
      f.engine.settings();
      assertThat(store.loads.get()).isEqualTo(atStart);

      f.clock.advance(Duration.ofMillis(1));
      f.engine.settings();
      f.engine.settings();
      assertThat(store.loads.get()).isEqualTo(atStart + 1);
    }
  }

  @Test
  void aZeroRefreshIntervalReadsTheStoreEveryTime() {
    CountingStore store = new CountingStore();
    try (Fixture f =
        new Fixture(b -> b.settingsStore(store).settingsRefreshInterval(Duration.ZERO))) {
      int atStart = store.loads.get();
      store.saved = ResetSettings.defaults().withAllowManualEntry(true);

      assertThat(f.engine.settings().allowManualEntry()).isTrue();
      f.engine.settings();
      assertThat(store.loads.get()).isEqualTo(atStart + 2);
    }
  }

  @Test
  void aClockSteppingBackDoesNotFreezeTheSettings() {
    CountingStore store = new CountingStore();
    try (Fixture f = new Fixture(b -> b.settingsStore(store))) {
      f.clock.advance(Duration.ofSeconds(-1));
      store.saved = ResetSettings.defaults().withAllowManualEntry(true);

      assertThat(f.engine.settings().allowManualEntry()).isTrue();
    }
  }

  @Test
  void aStoreFailingToLoadKeepsTheLastSettingsAndIsRetriedAfterAnInterval() {
    CountingStore store = new CountingStore();
    store.saved = ResetSettings.defaults().withAllowManualEntry(true);
    try (Fixture f =
        new Fixture(b -> b.settingsStore(store).settingsRefreshInterval(Duration.ofSeconds(5)))) {
      store.down = true;
      f.clock.advance(Duration.ofSeconds(5));
      int before = store.loads.get();

      assertThat(f.engine.settings()).isEqualTo(store.saved);
      assertThat(f.engine.settings()).isEqualTo(store.saved);
      assertThat(store.loads.get()).isEqualTo(before + 1);

      store.down = false;
      store.saved = ResetSettings.defaults();
      f.clock.advance(Duration.ofSeconds(5));
      assertThat(f.engine.settings()).isEqualTo(ResetSettings.defaults());
    }
  }
}

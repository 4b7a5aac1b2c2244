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
}

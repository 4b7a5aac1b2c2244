package dev.passwordreset.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.ResetSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemorySettingsStoreTest {

  private final InMemorySettingsStore store = new InMemorySettingsStore();

  @Test
  void loadBeforeAnySaveIsEmpty() {
    assertThat(store.load()).isEmpty();
  }

  @Test
  void loadReturnsWhatWasSavedLast() {
    ResetSettings first = ResetSettings.defaults().withAllowManualEntry(true);
    ResetSettings second = first.withTicketExpirationDelay(Duration.ofMinutes(17));

    store.save(first);
    assertThat(store.load()).contains(first);

    store.save(second);
    assertThat(store.load()).contains(second);
  }

  @Test
  void saveRejectsNullAndKeepsTheSavedSettings() {
    ResetSettings saved = ResetSettings.defaults().withSignInAfterReset(false);
    store.save(saved);

    assertThatThrownBy(() -> store.save(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("settings must not be null");
    assertThat(store.load()).contains(saved);
  }
}

package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link SettingsStore}: nothing until the first save, then exactly the last
 * saved settings. Extend it in a test and implement {@link #createStore()}.
 */
public abstract class SettingsStoreContract {

  private @Nullable SettingsStore store;

  /** Subclasses only. */
  protected SettingsStoreContract() {}

  /**
   * Creates the store under test. Called before every test; nothing must have been saved in it.
   *
   * @return an empty store
   */
  protected abstract SettingsStore createStore();

  /** Creates the store under test before each test. */
  @BeforeEach
  public final void createStoreUnderTest() {
    store = createStore();
  }

  /**
   * The store of the current test.
   *
   * @return the store
   */
  protected final SettingsStore store() {
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  private static ResetSettings custom() {
    return ResetSettings.defaults()
        .withAllowManualEntry(true)
        .withTicketExpirationDelay(Duration.ofMinutes(17))
        .withSelfServiceLinkLifetime(Duration.ofSeconds(90))
        .withAgentLinkLifetime(Duration.ofHours(7))
        .withAccountSetupLinkLifetime(Duration.ofDays(30))
        .withSignInAfterReset(false);
  }

  /** Before anything is saved, there are no settings. */
  @Test
  public void loadWhenNothingSavedThenEmpty() {
    assertThat(store().load()).isEmpty();
  }

  /** Saved settings are loaded back with every field. */
  @Test
  public void saveThenLoadReturnsEveryField() {
    store().save(custom());

    assertThat(store().load()).contains(custom());
  }

  /** Saving the defaults stores them (they are not the same as nothing saved). */
  @Test
  public void saveDefaultsThenLoadReturnsDefaults() {
    store().save(ResetSettings.defaults());

    assertThat(store().load()).contains(ResetSettings.defaults());
  }

  /** A second save replaces the first. */
  @Test
  public void saveTwiceThenLoadReturnsTheLatest() {
    store().save(custom());
    store().save(ResetSettings.defaults().withAllowManualEntry(true));

    assertThat(store().load()).contains(ResetSettings.defaults().withAllowManualEntry(true));
  }

  /** Loading is repeatable and does not change what is stored. */
  @Test
  public void loadIsRepeatable() {
    store().save(custom());
    store().load();

    assertThat(store().load()).contains(custom());
  }

  /**
   * Concurrent saves (several nodes saving at once) leave exactly one of the saved settings.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentSavesLeaveOneOfTheSavedSettings() throws InterruptedException {
    List<ResetSettings> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(custom().withTicketExpirationDelay(Duration.ofMinutes(10 + i)));
    }
    AtomicInteger next = new AtomicInteger();

    Concurrently.run(
        candidates.size(),
        () -> {
          store().save(candidates.get(next.getAndIncrement()));
          return true;
        });

    assertThat(store().load()).hasValueSatisfying(s -> assertThat(candidates).contains(s));
  }
}

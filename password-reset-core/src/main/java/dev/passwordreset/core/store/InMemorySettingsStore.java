package dev.passwordreset.core.store;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link SettingsStore} in memory: saved settings last until the JVM stops. Thread-safe. */
public final class InMemorySettingsStore implements SettingsStore {

  private final AtomicReference<ResetSettings> saved = new AtomicReference<>();

  /** Creates a store with nothing saved. */
  public InMemorySettingsStore() {}

  @Override
  public Optional<ResetSettings> load() {
    return Optional.ofNullable(saved.get());
  }

  @Override
  public void save(ResetSettings settings) {
    saved.set(Objects.requireNonNull(settings, "settings must not be null"));
  }
}

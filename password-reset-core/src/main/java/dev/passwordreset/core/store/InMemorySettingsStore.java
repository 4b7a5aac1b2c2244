package dev.passwordreset.core.store;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A {@link SettingsStore} in memory: saved settings last until the JVM stops. Thread-safe. */
public final class InMemorySettingsStore implements SettingsStore {

  private final AtomicReference<ResetSettings> saved = new AtomicReference<>();
  private final ConcurrentHashMap<String, byte[]> secrets = new ConcurrentHashMap<>();

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

  /**
   * {@inheritDoc}
   *
   * <p>Kept in this JVM only: engines on other nodes need a shared store (or a configured secret).
   */
  @Override
  public byte[] secret(String name, Supplier<byte[]> generate) {
    SettingsStore.checkSecretName(name);
    Objects.requireNonNull(generate, "generate must not be null");
    return secrets
        .computeIfAbsent(name, n -> SettingsStore.generateSecret(generate).clone())
        .clone();
  }
}

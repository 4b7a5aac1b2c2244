package dev.passwordreset.api;

import java.util.Optional;

/**
 * SPI: where the administrator's saved {@link ResetSettings} live, so they survive restarts and
 * every node sees them. Core ships an in-memory one; the JDBC module a shared one.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SettingsStore {

  /**
   * Loads the saved settings.
   *
   * @return the settings, or empty if none were ever saved (the engine then uses its initial ones)
   * @throws PasswordResetException if the storage fails
   */
  Optional<ResetSettings> load();

  /**
   * Saves settings, durably, before returning.
   *
   * @param settings the validated settings
   * @throws PasswordResetException if the storage fails (then the old settings stay in force)
   */
  void save(ResetSettings settings);
}

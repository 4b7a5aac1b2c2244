package dev.passwordreset.api;

import java.util.Optional;
import java.util.function.Supplier;

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

  /**
   * The secret kept under a name, made the first time it is asked for: the engine keeps here the
   * key of the HMAC that reset codes are stored under, when the host configures none. Atomic across
   * every node that shares the storage: of concurrent first calls, one secret wins, is stored
   * durably, and every call on every node returns it from then on.
   *
   * <p>The default throws {@link UnsupportedOperationException}; then the host must configure the
   * secret itself. Core's in-memory store and the JDBC store implement it.
   *
   * @param name the secret's name: 1 to 64 characters of {@code a-z}, {@code 0-9}, {@code .} and
   *     {@code -}
   * @param generate makes a new secret, called only when none is stored yet; it returns 16 to 1024
   *     bytes
   * @return a copy of the stored secret (the caller may clear it)
   * @throws IllegalArgumentException if the name is malformed or the generated secret's length is
   *     out of range
   * @throws NullPointerException if an argument is null
   * @throws PasswordResetException if the storage fails
   * @throws UnsupportedOperationException if the store cannot keep secrets
   */
  default byte[] secret(String name, Supplier<byte[]> generate) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not keep secrets (SettingsStore.secret)");
  }

  /** The shortest secret {@link #secret} stores, in bytes. */
  int MIN_SECRET_BYTES = 16;

  /** The longest secret {@link #secret} stores, in bytes. */
  int MAX_SECRET_BYTES = 1024;

  /**
   * Checks a secret's name as {@link #secret} requires it; for implementations.
   *
   * @param name the name
   * @return the name
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is not 1 to 64 characters of {@code a-z}, {@code 0-9},
   *     {@code .} and {@code -}
   */
  static String checkSecretName(String name) {
    Checks.notNull(name, "name");
    if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(SettingsStore::nameChar)) {
      throw new IllegalArgumentException(
          "name must be 1 to 64 characters of a-z, 0-9, '.' and '-', was "
              + name.length()
              + " characters long");
    }
    return name;
  }

  /**
   * Runs a secret's generator as {@link #secret} requires it, and checks what it made; for
   * implementations.
   *
   * @param generate the generator
   * @return the new secret
   * @throws NullPointerException if the generator is or returns null
   * @throws IllegalArgumentException if the secret is not {@value #MIN_SECRET_BYTES} to {@value
   *     #MAX_SECRET_BYTES} bytes long
   */
  static byte[] generateSecret(Supplier<byte[]> generate) {
    byte[] secret = Checks.notNull(Checks.notNull(generate, "generate").get(), "generated secret");
    if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the generated secret must be "
              + MIN_SECRET_BYTES
              + " to "
              + MAX_SECRET_BYTES
              + " bytes long, was "
              + secret.length);
    }
    return secret;
  }

  private static boolean nameChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  }
}

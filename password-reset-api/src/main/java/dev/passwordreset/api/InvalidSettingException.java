package dev.passwordreset.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A configuration value outside what the library allows, reported with its parts so that an adapter
 * can name its own property for it without reading the message: {@link #setting()} (the builder
 * argument or record component, e.g. {@code "ticketExpirationDelay"} or {@code "count"}), {@link
 * #value()} (the rejected value as text) and {@link #requirement()} (the allowed range or form, in
 * words starting with "must"). The message reads {@code "<setting> <requirement>, was <value>"},
 * without the last part when there is no value to show.
 *
 * <p>Thrown by the value types of this module and by every builder of the library. It is never
 * thrown for a secret: settings are not secrets, and a builder that takes a secret (an SMTP
 * password) reports it without its value. Immutable, so safe to share between threads.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The setting's name. */
  private final String setting;

  /** The rejected value, as text; {@code null} when it was null or must not be shown. */
  private final @Nullable String value;

  /** The allowed range or form, e.g. "must be between 16 and 4096". */
  private final String requirement;

  /**
   * Creates the exception.
   *
   * @param setting the setting's name as the builder or record names it, e.g. {@code
   *     "maxPasswordLength"}
   * @param value the rejected value (shown with {@link String#valueOf(Object)}); null when it was
   *     null or blank and there is nothing to show
   * @param requirement what is allowed, in words starting with "must", e.g. {@code "must be between
   *     16 and 4096"}
   * @throws NullPointerException if {@code setting} or {@code requirement} is null
   */
  public InvalidSettingException(String setting, @Nullable Object value, String requirement) {
    super(
        Objects.requireNonNull(setting, "setting must not be null")
            + " "
            + Objects.requireNonNull(requirement, "requirement must not be null")
            + (value == null ? "" : ", was " + value));
    this.setting = setting;
    this.value = value == null ? null : String.valueOf(value);
    this.requirement = requirement;
  }

  /**
   * The setting's name, as the builder method or record component that rejected it is named.
   *
   * @return the name, never null
   */
  public String setting() {
    return setting;
  }

  /**
   * The rejected value, as text.
   *
   * @return the value, or null if it was null
   */
  public @Nullable String value() {
    return value;
  }

  /**
   * What is allowed, in words starting with "must" (e.g. {@code "must be between 1 second and 1
   * day"}), so that an adapter can say it about its own property name.
   *
   * @return the allowed range or form, never null
   */
  public String requirement() {
    return requirement;
  }
}

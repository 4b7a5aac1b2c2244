package dev.passwordreset.spring;

import org.jspecify.annotations.Nullable;

/**
 * Start-up stopped because the password-reset configuration is incomplete or holds a bad value.
 * {@link PasswordResetFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START"
 * report: the property (if one is to blame), what is wrong with it, and what to do.
 */
public class PasswordResetConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String property;
  private final String action;

  /**
   * Creates the exception.
   *
   * @param property the full name of the property to blame, e.g. {@code
   *     password-reset.ticket-expiration-delay}, or {@code null} when none is
   * @param problem what is wrong, e.g. the allowed range and the value found; never a secret
   * @param action what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public PasswordResetConfigurationException(
      @Nullable String property, String problem, String action, @Nullable Throwable cause) {
    super(property == null ? problem : property + ": " + problem, cause);
    this.property = property;
    this.action = action;
  }

  /**
   * The property to blame.
   *
   * @return its full name, or {@code null} when no single property is to blame
   */
  public @Nullable String property() {
    return property;
  }

  /**
   * What to do about it.
   *
   * @return the advice
   */
  public String action() {
    return action;
  }
}

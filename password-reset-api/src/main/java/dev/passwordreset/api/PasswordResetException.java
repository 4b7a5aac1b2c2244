package dev.passwordreset.api;

import org.jspecify.annotations.Nullable;

/**
 * Broken infrastructure: a store, the mail system or the hasher failed. Expected situations (a bad
 * link, a policy failure, a throttle) are outcomes, never this exception. Messages never hold a
 * token or a password.
 */
public class PasswordResetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public PasswordResetException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public PasswordResetException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

package dev.passwordreset.api;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Notifier} could not deliver. {@link #permanent()} tells the engine whether retrying may
 * help (a refused address) or not; transient failures (server down, SMTP 4xx) are retried for
 * self-service mail.
 */
public class NotificationException extends PasswordResetException {
  private static final long serialVersionUID = 1L;

  /** Whether retrying cannot help; part of the serialized form. */
  private final boolean permanent;

  /**
   * Creates the exception.
   *
   * @param message what failed (never the link)
   * @param permanent {@code true} if retrying cannot help
   * @param cause the underlying failure, or {@code null}
   */
  public NotificationException(String message, boolean permanent, @Nullable Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  /**
   * Whether retrying cannot help.
   *
   * @return {@code true} for a permanent refusal (SMTP 5xx, invalid address)
   */
  public boolean permanent() {
    return permanent;
  }
}

package dev.passwordreset.api;

/** The kinds of email the library asks a {@link Notifier} to send. */
public enum NotificationType {
  /** A reset link (self-service or agent-triggered). */
  RESET_LINK,
  /** A link that activates a password the customer typed on the storefront. */
  CONFIRM_PASSWORD,
  /** A link to choose a first password for a new account. */
  ACCOUNT_SETUP,
  /** Which email the account uses, plus a reset link; never a password. */
  REMINDER,
  /** The password was changed; what to do if the customer did not do it. No link. */
  PASSWORD_CHANGED,
  /**
   * A short numeric code to type where the reset was asked for (a shopping app, another device); no
   * link. The code is in {@link Notification#code()}, its expiry in {@link
   * Notification#linkExpiresAt()}.
   */
  RESET_CODE
}

package dev.passwordreset.api;

/** What happened, in the activity feed a {@link ResetEventListener} receives. */
public enum ResetEventType {
  /** A self-service request for a known, enabled customer was taken; a link is being sent. */
  RESET_REQUESTED(false),
  /**
   * A self-service request was answered {@code Accepted} but did nothing: unknown email, disabled
   * account, or per-account throttle. The {@code reason} detail says which; the email is not given.
   */
  REQUEST_IGNORED(false),
  /** A request was refused because a client address exceeded its limit. */
  CLIENT_THROTTLED(false),
  /** The captcha was refused. */
  CAPTCHA_FAILED(false),
  /** A link or notice was handed to the {@link Notifier}. */
  NOTIFICATION_SENT(false),
  /** A self-service email could not be delivered after every retry, or was refused permanently. */
  DELIVERY_FAILED(false),
  /** The self-service mail queue was full; the email was dropped. */
  DELIVERY_QUEUE_FULL(false),
  /** A link that was unknown, expired or used was presented. */
  BAD_TOKEN(false),
  /**
   * A reset code that did not open a reset was presented (attribute {@code why}: {@code malformed},
   * {@code wrong}, {@code exhausted} when this try was the code's last allowed one).
   */
  BAD_CODE(false),
  /** A new password broke the policy. */
  PASSWORD_REJECTED(false),
  /** A self-service reset or a confirmed pending password changed the password. */
  RESET_COMPLETED(true),
  /** A set-then-confirm request for a known, enabled customer was taken. */
  PENDING_PASSWORD_REQUESTED(false),
  /** An agent sent a reset email. */
  AGENT_RESET_SENT(false),
  /** An agent sent an account-setup email. */
  ACCOUNT_SETUP_SENT(false),
  /** An agent sent a reminder. */
  REMINDER_SENT(false),
  /** An agent's email could not be sent; its link was revoked. */
  AGENT_NOTIFICATION_FAILED(false),
  /** An agent typed a password for the customer. */
  MANUAL_PASSWORD_SET(true),
  /** An agent's manual entry was refused (setting off, or policy). */
  MANUAL_ENTRY_REFUSED(false),
  /** A signed-in customer changed their password. */
  PASSWORD_CHANGED(true),
  /** A login succeeded. */
  LOGIN_SUCCEEDED(false),
  /** A login failed (the same for unknown email and wrong password). */
  LOGIN_FAILED(false),
  /**
   * A failed login reached the lockout threshold of consecutive failures: password login for the
   * account (or the email, if it has none: then the customer id is null) is refused until a
   * password reset completes. A host may tell the customer.
   */
  LOGIN_LOCKED(false),
  /**
   * A stored hash was replaced after a successful login: stronger parameters or a legacy format.
   */
  PASSWORD_REHASHED(false),
  /** An administrator saved new settings; details hold the old and new values. */
  SETTINGS_UPDATED(false);

  private final boolean changesPassword;

  ResetEventType(boolean changesPassword) {
    this.changesPassword = changesPassword;
  }

  /**
   * Whether the event means the customer's password changed: the host should end the customer's
   * other sessions.
   *
   * @return {@code true} for completed resets, manual entry and changes
   */
  public boolean changesPassword() {
    return changesPassword;
  }
}

package dev.passwordreset.api;

/**
 * Why a ticket (an emailed single-use link or code) was issued. A {@link #PENDING_PASSWORD} link
 * only works with {@link PasswordResetService#confirmReset(String, char[], RequestContext)}, a
 * {@link #RESET_CODE} only with {@link PasswordResetService#completeResetWithCode}, every other one
 * only with {@link PasswordResetService#completeReset}.
 */
public enum TicketPurpose {
  /** The customer asked on the storefront ("Forgot your password?"). */
  SELF_SERVICE_RESET,
  /** The customer typed a new password on the storefront; the link activates it. */
  PENDING_PASSWORD,
  /** An agent clicked "Reset Password" in the back office. */
  AGENT_RESET,
  /** An agent created the account; the link lets the customer choose a first password. */
  ACCOUNT_SETUP,
  /** An agent sent a reminder; the link lets the customer choose a new password. */
  REMINDER,
  /**
   * The customer asked on the storefront for a short code instead of a link ({@link
   * PasswordResetService#requestResetCode}); the code, typed where it was asked for, lets the
   * customer choose a new password ({@link PasswordResetService#completeResetWithCode}). Its ticket
   * is kept under a keyed hash of the customer and the code, never under the code, and it dies
   * after a few wrong tries ({@link TicketStore#recordFailedAttempt}). It never completes through a
   * link.
   */
  RESET_CODE;

  /**
   * Whether a link of this purpose is completed by choosing a password on the link's page.
   *
   * @return {@code true} for every purpose but {@link #PENDING_PASSWORD}
   */
  public boolean completedWithNewPassword() {
    return this != PENDING_PASSWORD;
  }
}

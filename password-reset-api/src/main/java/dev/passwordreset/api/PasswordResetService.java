package dev.passwordreset.api;

import java.util.Locale;

/**
 * Everything around a customer's forgotten password: the storefront's self-service flows, the back
 * office's agent actions, login support and the run-time settings. One instance serves a whole
 * platform.
 *
 * <p><b>Thread-safety:</b> implementations are thread-safe.
 *
 * <p><b>Secrets:</b> passwords travel as {@code char[]} and are cleared (overwritten) by the
 * service before it returns, whatever the outcome; tokens are never stored, logged or put in an
 * event. <b>Bad input:</b> expected situations (bad link, policy failure, throttle, manual entry
 * off) are outcomes; a {@code null} argument throws {@link NullPointerException} naming it; a
 * malformed one (a blank customer id, an unknown storefront) {@link IllegalArgumentException};
 * broken infrastructure {@link PasswordResetException}.
 */
public interface PasswordResetService {

  /**
   * Self-service step 1 ("Forgot your password?"): a known, enabled customer is emailed a
   * single-use link for the request's storefront, off the caller's thread, and earlier self-service
   * links of that customer die. The answer and its timing are the same for every email.
   *
   * @param email the email as typed; an empty or malformed one is answered {@code Accepted} like an
   *     unknown one
   * @param context who is asking
   * @return {@code Accepted}, or {@code CaptchaFailed}, or {@code Throttled} for a client over its
   *     limit
   * @throws IllegalArgumentException if the context names an unknown storefront
   */
  RequestOutcome requestReset(String email, RequestContext context);

  /**
   * Set-then-confirm step 1: checks the typed password against the policy at once; if it passes, a
   * known, enabled customer is emailed a link that activates it (its hash waits inside the ticket).
   * Throttled per client before any hashing.
   *
   * @param email the email as typed
   * @param newPassword the wanted password; cleared before returning
   * @param context who is asking
   * @return {@code Rejected} with guidance if the password breaks the policy (whatever the
   *     account), else {@code Accepted} for every email, or {@code CaptchaFailed}/{@code Throttled}
   * @throws IllegalArgumentException if the context names an unknown storefront
   */
  PendingOutcome requestResetWithPassword(String email, char[] newPassword, RequestContext context);

  /**
   * Set-then-confirm step 2: the link's page asks for the chosen password once more, and its
   * confirm button activates the pending password only if the password typed again matches it. This
   * proves the confirmation comes from whoever chose the password: a stranger who typed the owner's
   * email and a password of their own cannot have it activated by the owner's click on a genuine
   * email.
   *
   * <p>The retyped password is bounded in length before anything is copied, then checked against
   * the pending hash by the configured hasher (within its concurrency bound). A mismatch activates
   * nothing and keeps the link, and counts towards the client's bad-link throttle, so the pending
   * password cannot be guessed through the link.
   *
   * @param token the token from the link, as received; any text is accepted
   * @param password the password typed again on the link's page; cleared before returning
   * @param context who is asking
   * @return {@code Completed}; {@code Rejected} with the single violation of rule {@value
   *     ResetOutcome#CONFIRMATION_MISMATCH} (a localized message) when the password is not the one
   *     chosen (the link still works); {@code InvalidToken} (also for a link that is not a pending
   *     password one); or {@code Throttled} after too many bad links or mismatches from this client
   */
  ResetOutcome confirmReset(String token, char[] password, RequestContext context);

  /**
   * Formerly set-then-confirm step 2 without the password: it activated the pending password on a
   * click, which let a stranger choose the owner's password. It now activates nothing, looks
   * nothing up and leaves the link as it was.
   *
   * @param token the token from the link; any text is accepted (not looked at)
   * @param context who is asking
   * @return always {@code Rejected} with the single violation of rule {@value
   *     ResetOutcome#CONFIRMATION_REQUIRED}, whose localized message asks for the password to be
   *     typed again
   * @deprecated activates nothing; call {@link #confirmReset(String, char[], RequestContext)} with
   *     the password the customer types again on the link's page.
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  ResetOutcome confirmReset(String token, RequestContext context);

  /**
   * Whether a link works, to render its page. Never uses the link up.
   *
   * @param token the token from the link; any text is accepted
   * @param context who is asking (bad links count towards the client's throttle)
   * @return {@code Valid} with the purpose and expiry, {@code Invalid} with the reason, or {@code
   *     Throttled} with the time to wait when this client has presented too many bad links (then
   *     nothing was looked up)
   */
  TokenCheck checkToken(String token, RequestContext context);

  /**
   * Self-service step 2: sets the new password chosen on the link's page. On success the link and
   * every other outstanding link of the customer die, a "password changed" email goes out, and an
   * event tells the host to end other sessions.
   *
   * @param token the token from the link; any text is accepted
   * @param newPassword the new password; cleared before returning
   * @param context who is asking
   * @return {@code Completed}; {@code Rejected} with guidance (the link still works); {@code
   *     InvalidToken}; or {@code Throttled}
   */
  ResetOutcome completeReset(String token, char[] newPassword, RequestContext context);

  /**
   * Self-service by code, step 1 ("send me a code instead"): a known, enabled customer is emailed a
   * short numeric code, off the caller's thread, to type where the reset was asked for (a shopping
   * app, another device). Everything {@link #requestReset} promises holds: the same answer in the
   * same time for every email, the captcha, the client and account throttles, and the customer's
   * earlier links and codes die. The code is stored only as a keyed hash (HMAC) of the customer and
   * the code, lives a short while (default 15 minutes) and dies after a few wrong tries (default
   * 5).
   *
   * @param email the email as typed; an empty or malformed one is answered {@code Accepted} like an
   *     unknown one
   * @param context who is asking
   * @return {@code Accepted}, or {@code CaptchaFailed}, or {@code Throttled} for a client over its
   *     limit
   * @throws IllegalArgumentException if the context names an unknown storefront
   */
  RequestOutcome requestResetCode(String email, RequestContext context);

  /**
   * Self-service by code, step 2: sets the new password if the code is the customer's outstanding
   * one. On success the code and every outstanding link and code of the customer die, a "password
   * changed" email goes out, and an event tells the host to end other sessions, as for {@link
   * #completeReset}.
   *
   * <p>A code that does not open a reset is answered {@code InvalidCode}, whatever the reason
   * (wrong, used, expired, replaced, dead after its wrong tries, no code or no account for the
   * email), after the same work, so neither the answer nor its timing tells them apart. Each wrong
   * try against a real code is counted atomically in the {@link TicketStore}, across nodes; the try
   * that reaches the limit kills the code, and each counts towards the client's bad-link throttle.
   *
   * @param email the email the code was asked for, as typed
   * @param code the code as typed; surrounding and inner spaces and dashes are ignored, anything
   *     that is not then the configured number of digits is a wrong try
   * @param newPassword the new password; cleared before returning
   * @param context who is asking
   * @return {@code Completed}; {@code Rejected} with guidance if the code is right and the password
   *     breaks the policy (the code still works and no try is counted); {@code InvalidCode}; or
   *     {@code Throttled} after too many bad links or codes from this client
   */
  ResetOutcome completeResetWithCode(
      String email, String code, char[] newPassword, RequestContext context);

  /**
   * The back office's "Reset Password" button: emails the customer a reset link, synchronously, and
   * records the activity. If the email cannot be sent, the link is revoked.
   *
   * @param customerId the customer
   * @param agent who acts
   * @return {@code EmailSent}, {@code CustomerNotFound}, or {@code NotificationFailed}
   */
  AgentOutcome sendResetEmail(CustomerId customerId, AgentContext agent);

  /**
   * For a newly created account: emails a link to choose a first password (longer-lived, its own
   * wording), synchronously. Hosts call it whenever they create a customer.
   *
   * @param customerId the new customer
   * @param agent who acts
   * @return {@code EmailSent}, {@code CustomerNotFound}, or {@code NotificationFailed}
   */
  AgentOutcome sendAccountSetupEmail(CustomerId customerId, AgentContext agent);

  /**
   * Emails the customer which email their account uses, with a reset link. Never a password: the
   * library stores only one-way hashes.
   *
   * @param customerId the customer
   * @param agent who acts
   * @return {@code EmailSent}, {@code CustomerNotFound}, or {@code NotificationFailed}
   */
  AgentOutcome sendReminder(CustomerId customerId, AgentContext agent);

  /**
   * Manual entry: an agent types a password for the customer. Only while the setting <em>Allow
   * Manual Entry</em> is on; the password must pass the policy. A temporary one works for the
   * <em>Password Ticket Expiration Delay</em> and must be changed at login.
   *
   * @param customerId the customer
   * @param password the password; cleared before returning
   * @param temporary whether it expires and must be changed at first login
   * @param agent who acts
   * @return {@code PasswordSet}, {@code Rejected}, {@code ManualEntryDisabled}, or {@code
   *     CustomerNotFound}
   */
  ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent);

  /**
   * Login support: whether a password is the customer's. Re-hashes transparently after a success
   * when the stored hash is weaker than configured or in a legacy format.
   *
   * @param email the email as typed
   * @param password the password; cleared before returning
   * @param context who is asking
   * @return {@code Valid}, {@code MustChange}, {@code TemporaryExpired}, {@code Invalid} (the same
   *     for unknown email and wrong password), or {@code Throttled}
   */
  LoginCheck checkLogin(String email, char[] password, RequestContext context);

  /**
   * A signed-in customer changes their password (also the forced change after a temporary one).
   *
   * @param customerId the signed-in customer
   * @param currentPassword the current password; cleared before returning
   * @param newPassword the new password; cleared before returning
   * @param context who is asking
   * @return {@code Changed}, {@code WrongCurrentPassword}, or {@code Rejected} (also when the new
   *     password equals the current one)
   */
  ChangeOutcome changePassword(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context);

  /**
   * The password policy, described up front for a form.
   *
   * @param locale the language; unsupported ones fall back to English
   * @return the description
   */
  PolicyDescription describePolicy(Locale locale);

  /**
   * The settings in force now.
   *
   * @return the settings
   */
  ResetSettings settings();

  /**
   * Saves new settings and records the change with the old and new values. On this node they take
   * effect at once. On the other nodes that share the settings store, what an agent does reads the
   * store afresh, so manual entry turned off (and a changed ticket expiration delay or agent and
   * account-setup link lifetime) holds for every agent action that starts after this call returns;
   * self-service requests use settings cached for at most the engine's settings refresh interval (5
   * seconds by default), so a changed self-service link lifetime reaches them within it.
   *
   * @param settings the new settings (validated by their constructor)
   * @param agent who saves
   * @throws PasswordResetException if the settings store fails (then the old settings stay)
   */
  void updateSettings(ResetSettings settings, AgentContext agent);

  /**
   * Housekeeping: deletes expired links and throttle counters.
   *
   * @return how many links were deleted
   */
  int purgeExpired();
}

package dev.passwordreset.api;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "is this the customer's password?". {@link Invalid} is the same for an unknown
 * email, a disabled account and a wrong password.
 */
public sealed interface LoginCheck
    permits LoginCheck.Valid,
        LoginCheck.MustChange,
        LoginCheck.TemporaryExpired,
        LoginCheck.Invalid,
        LoginCheck.Throttled,
        LoginCheck.Locked {

  /**
   * The password is right.
   *
   * @param customerId who signed in
   */
  record Valid(CustomerId customerId) implements LoginCheck {
    /**
     * Creates the outcome.
     *
     * @param customerId who signed in
     */
    public Valid {
      Checks.notNull(customerId, "customerId");
    }
  }

  /**
   * The password is a temporary one, still in its window: sign in, but demand a change now.
   *
   * <p>{@code changeToken} lets the forced-change page set the new password with {@link
   * PasswordResetService#completeReset} without asking again for the temporary password the
   * customer has just typed: it is a single-use link token (purpose {@link
   * TicketPurpose#AGENT_RESET}, no email) that works until {@code expiresAt}. Keep it on the server
   * (in the signed-in session), never in a URL, a page or a log line; {@link #toString()} leaves it
   * out.
   *
   * @param customerId who signed in
   * @param expiresAt when the temporary password, and the change token, stop working
   * @param changeToken the single-use token for {@code completeReset}, or {@code null} when the
   *     engine issued none (an outcome built by a host's own code)
   */
  record MustChange(CustomerId customerId, Instant expiresAt, @Nullable String changeToken)
      implements LoginCheck {
    /**
     * Creates the outcome.
     *
     * @param customerId who signed in
     * @param expiresAt when the temporary password, and the change token, stop working
     * @param changeToken the single-use token for {@code completeReset}, or {@code null}
     */
    public MustChange {
      Checks.notNull(customerId, "customerId");
      Checks.notNull(expiresAt, "expiresAt");
    }

    /**
     * Creates the outcome without a change token (the form before the token existed).
     *
     * @param customerId who signed in
     * @param expiresAt when the temporary password stops working
     */
    public MustChange(CustomerId customerId, Instant expiresAt) {
      this(customerId, expiresAt, null);
    }

    /** Leaves the change token out: it is a live credential. */
    @Override
    public String toString() {
      return "MustChange[customerId="
          + customerId
          + ", expiresAt="
          + expiresAt
          + ", changeToken="
          + (changeToken == null ? "null" : "<redacted>")
          + "]";
    }
  }

  /**
   * The password was a temporary one whose window has passed; the customer can use the self-service
   * reset.
   *
   * @param customerId whose temporary password expired
   */
  record TemporaryExpired(CustomerId customerId) implements LoginCheck {
    /**
     * Creates the outcome.
     *
     * @param customerId whose temporary password expired
     */
    public TemporaryExpired {
      Checks.notNull(customerId, "customerId");
    }
  }

  /** Unknown email, disabled account or wrong password: deliberately the same answer. */
  record Invalid() implements LoginCheck {}

  /**
   * Too many failed logins from this client, or the account must still wait after its last failed
   * login (the wait grows with each consecutive failure); nothing was checked.
   *
   * @param retryAfter how long until the client may try again; positive
   */
  record Throttled(Duration retryAfter) implements LoginCheck {
    /**
     * Creates the outcome; {@code retryAfter} must be positive.
     *
     * @param retryAfter how long until the client may try again; positive
     */
    public Throttled {
      Outcomes.positive(retryAfter);
    }
  }

  /**
   * The account (or the email, known or not) reached the lockout threshold of consecutive failed
   * logins (100 by default, NIST SP 800-63B's bound): nothing was checked, and password login stays
   * refused until the customer completes a password reset (the self-service reset is never refused
   * for it). Waiting does not help; tell the customer to reset their password.
   */
  record Locked() implements LoginCheck {}
}

package dev.passwordreset.api;

import java.time.Duration;
import java.util.List;

/**
 * The answer to a set-then-confirm request (a new password typed on the storefront). {@link
 * Rejected} depends only on the password, never on the account, so it reveals nothing; {@link
 * Accepted} is given for known and unknown emails alike.
 */
public sealed interface PendingOutcome
    permits PendingOutcome.Accepted,
        PendingOutcome.Rejected,
        PendingOutcome.CaptchaFailed,
        PendingOutcome.Throttled {

  /** Taken; a known, enabled customer receives a confirmation link. */
  record Accepted() implements PendingOutcome {}

  /**
   * The password breaks the policy; nothing was sent.
   *
   * @param violations every broken rule, with guidance; not empty
   */
  record Rejected(List<PolicyViolation> violations) implements PendingOutcome {
    /**
     * Creates the outcome; {@code violations} must not be empty.
     *
     * @param violations every broken rule, with guidance; not empty
     */
    public Rejected {
      violations = Outcomes.violations(violations);
    }
  }

  /** The captcha was refused; nothing was done. */
  record CaptchaFailed() implements PendingOutcome {}

  /**
   * Too many requests from this client address; nothing was done (not even hashing).
   *
   * @param retryAfter how long until the client may try again; positive
   */
  record Throttled(Duration retryAfter) implements PendingOutcome {
    /**
     * Creates the outcome; {@code retryAfter} must be positive.
     *
     * @param retryAfter how long until the client may try again; positive
     */
    public Throttled {
      Outcomes.positive(retryAfter);
    }
  }
}

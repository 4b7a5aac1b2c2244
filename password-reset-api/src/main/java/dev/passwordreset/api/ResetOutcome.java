package dev.passwordreset.api;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to completing a reset ({@code completeReset}), confirming a pending password, or
 * completing a reset with a code ({@code completeResetWithCode}).
 */
public sealed interface ResetOutcome
    permits ResetOutcome.Completed,
        ResetOutcome.Rejected,
        ResetOutcome.InvalidToken,
        ResetOutcome.InvalidCode,
        ResetOutcome.Throttled {

  /**
   * The rule of the single violation in the {@link Rejected} that {@link
   * PasswordResetService#confirmReset(String, char[], RequestContext)} answers when the password
   * typed again is not the pending one: nothing was activated, the link still works.
   */
  String CONFIRMATION_MISMATCH = "confirmation-mismatch";

  /**
   * The rule of the single violation in the {@link Rejected} that the deprecated two-argument
   * {@code confirmReset} always answers: the password must be typed again; nothing was activated.
   */
  String CONFIRMATION_REQUIRED = "confirmation-required";

  /**
   * The password was changed; the link and every other outstanding link of the customer are dead.
   *
   * @param customerId whose password changed
   * @param signIn whether the host should sign the customer in now (the run-time setting)
   * @param storefront the storefront the link was issued for, where the sign-in belongs, or {@code
   *     null} for the default one
   */
  record Completed(CustomerId customerId, boolean signIn, @Nullable String storefront)
      implements ResetOutcome {
    /**
     * Creates the outcome.
     *
     * @param customerId whose password changed
     * @param signIn whether the host should sign the customer in now (the run-time setting)
     * @param storefront the storefront the link was issued for, where the sign-in belongs, or
     *     {@code null} for the default one
     */
    public Completed {
      Checks.notNull(customerId, "customerId");
    }
  }

  /**
   * The new password breaks the policy, or (for a pending password's confirmation) the password
   * typed again is not the one chosen ({@link #CONFIRMATION_MISMATCH}) or was not given ({@link
   * #CONFIRMATION_REQUIRED}); the link still works. Show the messages and the form again.
   *
   * @param violations every broken rule, with guidance; not empty
   */
  record Rejected(List<PolicyViolation> violations) implements ResetOutcome {
    /**
     * Creates the outcome; {@code violations} must not be empty.
     *
     * @param violations every broken rule, with guidance; not empty
     */
    public Rejected {
      violations = Outcomes.violations(violations);
    }
  }

  /**
   * The link does not work (or is for the other kind of form).
   *
   * @param reason why
   */
  record InvalidToken(InvalidReason reason) implements ResetOutcome {
    /**
     * Creates the outcome.
     *
     * @param reason why
     */
    public InvalidToken {
      Checks.notNull(reason, "reason");
    }
  }

  /**
   * The email and the code do not open a reset ({@link
   * PasswordResetService#completeResetWithCode}): the code is wrong, used, expired, replaced by a
   * newer one or dead after too many wrong tries, or the email has no code or no account. One
   * answer for all of them, so that it reveals neither the account nor the code; the customer may
   * ask for a new code.
   */
  record InvalidCode() implements ResetOutcome {}

  /**
   * Too many bad links from this client address (unknown or malformed links, wrong confirmations of
   * a pending password, passwords too long to be typed); nothing was checked.
   *
   * @param retryAfter how long until the client may try again; positive
   */
  record Throttled(Duration retryAfter) implements ResetOutcome {
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

package dev.passwordreset.api;

import java.util.List;

/** The answer to a signed-in customer changing their password. */
public sealed interface ChangeOutcome
    permits ChangeOutcome.Changed, ChangeOutcome.WrongCurrentPassword, ChangeOutcome.Rejected {

  /** Changed; a temporary flag is cleared, links revoked, and the customer told. */
  record Changed() implements ChangeOutcome {}

  /** The current password given is not the customer's (or the customer does not exist). */
  record WrongCurrentPassword() implements ChangeOutcome {}

  /**
   * The new password breaks the policy (or equals the current one); nothing changed.
   *
   * @param violations every broken rule, with guidance; not empty
   */
  record Rejected(List<PolicyViolation> violations) implements ChangeOutcome {
    /**
     * Creates the outcome; {@code violations} must not be empty.
     *
     * @param violations every broken rule, with guidance; not empty
     */
    public Rejected {
      violations = Outcomes.violations(violations);
    }
  }
}

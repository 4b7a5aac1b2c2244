package dev.passwordreset.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The answer to an agent typing a password for a customer. */
public sealed interface ManualEntryOutcome
    permits ManualEntryOutcome.PasswordSet,
        ManualEntryOutcome.Rejected,
        ManualEntryOutcome.ManualEntryDisabled,
        ManualEntryOutcome.CustomerNotFound {

  /**
   * The password was stored, every outstanding link revoked, and the customer told.
   *
   * @param expiresAt when a temporary password stops working, or {@code null} if not temporary
   */
  record PasswordSet(@Nullable Instant expiresAt) implements ManualEntryOutcome {}

  /**
   * The password breaks the policy; nothing changed.
   *
   * @param violations every broken rule, with guidance; not empty
   */
  record Rejected(List<PolicyViolation> violations) implements ManualEntryOutcome {
    /**
     * Creates the outcome; {@code violations} must not be empty.
     *
     * @param violations every broken rule, with guidance; not empty
     */
    public Rejected {
      violations = Outcomes.violations(violations);
    }
  }

  /** The setting <em>Allow Manual Entry</em> is off; nothing changed. */
  record ManualEntryDisabled() implements ManualEntryOutcome {}

  /** No customer has that identifier; nothing changed. */
  record CustomerNotFound() implements ManualEntryOutcome {}
}

package dev.passwordreset.api;

import java.time.Instant;

/** The answer to an agent's "Reset Password", account-setup or reminder action. */
public sealed interface AgentOutcome
    permits AgentOutcome.EmailSent, AgentOutcome.CustomerNotFound, AgentOutcome.NotificationFailed {

  /**
   * The email was handed to the mail system.
   *
   * @param linkExpiresAt when the emailed link stops working
   */
  record EmailSent(Instant linkExpiresAt) implements AgentOutcome {
    /**
     * Creates the outcome.
     *
     * @param linkExpiresAt when the emailed link stops working
     */
    public EmailSent {
      Checks.notNull(linkExpiresAt, "linkExpiresAt");
    }
  }

  /** No customer has that identifier; nothing was sent. */
  record CustomerNotFound() implements AgentOutcome {}

  /**
   * The email could not be sent, or was not sent because the account is disabled (its link could
   * not be used); any link issued for it was revoked, so no unsent link stays valid.
   *
   * @param reason what the mail system said, for the agent (never a token or password)
   */
  record NotificationFailed(String reason) implements AgentOutcome {
    /**
     * Creates the outcome.
     *
     * @param reason what the mail system said, for the agent (never a token or password)
     */
    public NotificationFailed {
      Checks.notBlank(reason, "reason");
    }
  }
}

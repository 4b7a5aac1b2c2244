package dev.passwordreset.api;

import java.time.Duration;

/**
 * The settings an administrator can change at run time (and save through {@link
 * PasswordResetService#updateSettings}). Immutable; the {@code with...} methods return validated
 * copies.
 *
 * @param allowManualEntry whether agents may type a password for a customer (default off)
 * @param ticketExpirationDelay how long a temporary password typed by an agent works (default 60
 *     minutes; 1 minute to 30 days)
 * @param selfServiceLinkLifetime lifetime of a storefront reset or confirm link (default 30
 *     minutes; 1 minute to 30 days)
 * @param agentLinkLifetime lifetime of an agent-triggered reset or reminder link (default 24 hours;
 *     1 minute to 30 days)
 * @param accountSetupLinkLifetime lifetime of an account-setup link (default 72 hours; 1 minute to
 *     30 days)
 * @param signInAfterReset whether a completed reset tells the host to sign the customer in (default
 *     on)
 */
public record ResetSettings(
    boolean allowManualEntry,
    Duration ticketExpirationDelay,
    Duration selfServiceLinkLifetime,
    Duration agentLinkLifetime,
    Duration accountSetupLinkLifetime,
    boolean signInAfterReset) {

  /** The shortest accepted duration of every setting. */
  public static final Duration MIN_DURATION = Duration.ofMinutes(1);

  /** The longest accepted duration of every setting. */
  public static final Duration MAX_DURATION = Duration.ofDays(30);

  /**
   * Creates validated settings.
   *
   * @param allowManualEntry whether agents may type a password for a customer (default off)
   * @param ticketExpirationDelay how long a temporary password typed by an agent works (default 60
   *     minutes; 1 minute to 30 days)
   * @param selfServiceLinkLifetime lifetime of a storefront reset or confirm link (default 30
   *     minutes; 1 minute to 30 days)
   * @param agentLinkLifetime lifetime of an agent-triggered reset or reminder link (default 24
   *     hours; 1 minute to 30 days)
   * @param accountSetupLinkLifetime lifetime of an account-setup link (default 72 hours; 1 minute
   *     to 30 days)
   * @param signInAfterReset whether a completed reset tells the host to sign the customer in
   *     (default on)
   * @throws NullPointerException if a duration is null (the message names it)
   * @throws IllegalArgumentException if a duration is outside 1 minute to 30 days (the message
   *     names the field and the allowed range)
   */
  public ResetSettings {
    Checks.between(ticketExpirationDelay, MIN_DURATION, MAX_DURATION, "ticketExpirationDelay");
    Checks.between(selfServiceLinkLifetime, MIN_DURATION, MAX_DURATION, "selfServiceLinkLifetime");
    Checks.between(agentLinkLifetime, MIN_DURATION, MAX_DURATION, "agentLinkLifetime");
    Checks.between(
        accountSetupLinkLifetime, MIN_DURATION, MAX_DURATION, "accountSetupLinkLifetime");
  }

  /**
   * The defaults: manual entry off, temporary passwords 60 minutes, self-service links 30 minutes,
   * agent links 24 hours, account-setup links 72 hours, sign-in after reset on.
   *
   * @return the defaults
   */
  public static ResetSettings defaults() {
    return new ResetSettings(
        false,
        Duration.ofMinutes(60),
        Duration.ofMinutes(30),
        Duration.ofHours(24),
        Duration.ofHours(72),
        true);
  }

  /**
   * Copy with manual entry allowed or not.
   *
   * @param value the new value
   * @return the copy
   */
  public ResetSettings withAllowManualEntry(boolean value) {
    return new ResetSettings(
        value,
        ticketExpirationDelay,
        selfServiceLinkLifetime,
        agentLinkLifetime,
        accountSetupLinkLifetime,
        signInAfterReset);
  }

  /**
   * Copy with another temporary-password lifetime.
   *
   * @param value the new value
   * @return the copy
   * @throws IllegalArgumentException if outside 1 minute to 30 days
   */
  public ResetSettings withTicketExpirationDelay(Duration value) {
    return new ResetSettings(
        allowManualEntry,
        value,
        selfServiceLinkLifetime,
        agentLinkLifetime,
        accountSetupLinkLifetime,
        signInAfterReset);
  }

  /**
   * Copy with another self-service link lifetime.
   *
   * @param value the new value
   * @return the copy
   * @throws IllegalArgumentException if outside 1 minute to 30 days
   */
  public ResetSettings withSelfServiceLinkLifetime(Duration value) {
    return new ResetSettings(
        allowManualEntry,
        ticketExpirationDelay,
        value,
        agentLinkLifetime,
        accountSetupLinkLifetime,
        signInAfterReset);
  }

  /**
   * Copy with another agent link lifetime.
   *
   * @param value the new value
   * @return the copy
   * @throws IllegalArgumentException if outside 1 minute to 30 days
   */
  public ResetSettings withAgentLinkLifetime(Duration value) {
    return new ResetSettings(
        allowManualEntry,
        ticketExpirationDelay,
        selfServiceLinkLifetime,
        value,
        accountSetupLinkLifetime,
        signInAfterReset);
  }

  /**
   * Copy with another account-setup link lifetime.
   *
   * @param value the new value
   * @return the copy
   * @throws IllegalArgumentException if outside 1 minute to 30 days
   */
  public ResetSettings withAccountSetupLinkLifetime(Duration value) {
    return new ResetSettings(
        allowManualEntry,
        ticketExpirationDelay,
        selfServiceLinkLifetime,
        agentLinkLifetime,
        value,
        signInAfterReset);
  }

  /**
   * Copy with sign-in after reset on or off.
   *
   * @param value the new value
   * @return the copy
   */
  public ResetSettings withSignInAfterReset(boolean value) {
    return new ResetSettings(
        allowManualEntry,
        ticketExpirationDelay,
        selfServiceLinkLifetime,
        agentLinkLifetime,
        accountSetupLinkLifetime,
        value);
  }

  /**
   * The lifetime of a link of the given purpose.
   *
   * @param purpose the purpose of a link; not {@link TicketPurpose#RESET_CODE}, whose lifetime is
   *     part of the engine's configuration (codes are short-lived by design, not an agent's choice)
   * @return its lifetime under these settings
   * @throws IllegalArgumentException for {@link TicketPurpose#RESET_CODE}
   */
  public Duration linkLifetime(TicketPurpose purpose) {
    return switch (purpose) {
      case SELF_SERVICE_RESET, PENDING_PASSWORD -> selfServiceLinkLifetime;
      case AGENT_RESET, REMINDER -> agentLinkLifetime;
      case ACCOUNT_SETUP -> accountSetupLinkLifetime;
      case RESET_CODE ->
          throw new IllegalArgumentException(
              "purpose RESET_CODE is a code, not a link: its lifetime is the engine's");
    };
  }
}

package dev.passwordreset.api;

/** Why a link cannot be used. */
public enum InvalidReason {
  /** No such link: mistyped, malformed, purged, or for another kind of form. */
  UNKNOWN,
  /** The link's lifetime has passed. */
  EXPIRED,
  /** The link was used already. */
  USED,
  /**
   * The link was never used but no longer works: a newer link was sent to the same customer, or the
   * customer's password was changed, since it was issued (a store that does not record revocation,
   * see {@link Ticket#revoked()}, answers {@link #USED} instead).
   */
  REPLACED
}

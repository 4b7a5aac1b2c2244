package dev.passwordreset.api;

/** Why a link cannot be used. */
public enum InvalidReason {
  /** No such link: mistyped, malformed, purged, or for another kind of form. */
  UNKNOWN,
  /** The link's lifetime has passed. */
  EXPIRED,
  /** The link was used already, or revoked by a newer request or a password change. */
  USED
}

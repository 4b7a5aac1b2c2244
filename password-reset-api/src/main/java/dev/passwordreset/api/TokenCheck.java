package dev.passwordreset.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a link can be used; checking never uses it up. A host's page shows the form for {@link
 * Valid}, a link problem for {@link Invalid}, and "too many attempts, try again in N minutes" for
 * {@link Throttled}.
 */
public sealed interface TokenCheck
    permits TokenCheck.Valid, TokenCheck.Invalid, TokenCheck.Throttled {

  /**
   * The link works.
   *
   * @param customerId whose link it is
   * @param purpose what the link is for: render a "choose a password" form, or a confirm button for
   *     {@link TicketPurpose#PENDING_PASSWORD}
   * @param expiresAt when it stops working
   */
  record Valid(CustomerId customerId, TicketPurpose purpose, Instant expiresAt)
      implements TokenCheck {
    /**
     * Creates the outcome.
     *
     * @param customerId whose link it is
     * @param purpose what the link is for: render a "choose a password" form, or a confirm button
     *     for {@link TicketPurpose#PENDING_PASSWORD}
     * @param expiresAt when it stops working
     */
    public Valid {
      Checks.notNull(customerId, "customerId");
      Checks.notNull(purpose, "purpose");
      Checks.notNull(expiresAt, "expiresAt");
    }
  }

  /**
   * The link does not work.
   *
   * @param reason why
   */
  record Invalid(InvalidReason reason) implements TokenCheck {
    /**
     * Creates the outcome.
     *
     * @param reason why
     */
    public Invalid {
      Checks.notNull(reason, "reason");
    }
  }

  /**
   * This client address has presented too many bad links (or wrong confirmations) lately; the link
   * was not looked up, so it may well be good. Show "too many attempts, try again later", never
   * "this link is not valid".
   *
   * @param retryAfter how long until the client may try again; positive
   */
  record Throttled(Duration retryAfter) implements TokenCheck {
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

package dev.passwordreset.api;

import java.time.Instant;

/** Whether a link can be used; checking never uses it up. */
public sealed interface TokenCheck permits TokenCheck.Valid, TokenCheck.Invalid {

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
}

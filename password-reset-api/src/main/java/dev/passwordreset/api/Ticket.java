package dev.passwordreset.api;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A single-use link as it is stored: only the SHA-256 of its token, never the token. {@link
 * #toString()} leaves the pending password hash out.
 *
 * @param tokenHash the SHA-256 of the token (validated when it was made); the key
 * @param customerId whose link it is
 * @param purpose what the link is for
 * @param issuedAt when it was issued
 * @param expiresAt when it stops working; after {@code issuedAt}
 * @param consumedAt when it was used or revoked, or {@code null} while it is outstanding
 * @param storefront the storefront it was issued for, or {@code null} for the default one
 * @param issuedBy the agent who issued it, or {@code null} for a customer's own request
 * @param pendingPasswordHash for {@link TicketPurpose#PENDING_PASSWORD}, the hash of the password
 *     the link activates; otherwise {@code null}
 */
public record Ticket(
    TokenHash tokenHash,
    CustomerId customerId,
    TicketPurpose purpose,
    Instant issuedAt,
    Instant expiresAt,
    @Nullable Instant consumedAt,
    @Nullable String storefront,
    @Nullable String issuedBy,
    @Nullable String pendingPasswordHash) {

  /**
   * Creates a ticket.
   *
   * @throws IllegalArgumentException if the expiry is not after the issue time, or a pending
   *     password hash is missing or misplaced
   * @throws NullPointerException if a mandatory component is null
   */
  public Ticket {
    Checks.notNull(tokenHash, "tokenHash");
    Checks.notNull(customerId, "customerId");
    Checks.notNull(purpose, "purpose");
    Checks.notNull(issuedAt, "issuedAt");
    Checks.notNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "expiresAt must be after issuedAt, were " + expiresAt + " and " + issuedAt);
    }
    if ((purpose == TicketPurpose.PENDING_PASSWORD) != (pendingPasswordHash != null)) {
      throw new IllegalArgumentException(
          "pendingPasswordHash must be given for PENDING_PASSWORD tickets and only for them");
    }
  }

  /**
   * Whether the ticket is still outstanding (not used or revoked).
   *
   * @return {@code true} if {@link #consumedAt()} is null
   */
  public boolean outstanding() {
    return consumedAt == null;
  }

  /**
   * Returns a copy marked used or revoked at the given time.
   *
   * @param at when
   * @return the copy
   */
  public Ticket consumed(Instant at) {
    return new Ticket(
        tokenHash,
        customerId,
        purpose,
        issuedAt,
        expiresAt,
        Checks.notNull(at, "at"),
        storefront,
        issuedBy,
        pendingPasswordHash);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Ticket[tokenHash=%s, customerId=%s, purpose=%s, issuedAt=%s, expiresAt=%s,"
            + " consumedAt=%s, storefront=%s, issuedBy=%s]",
        tokenHash,
        customerId,
        purpose,
        issuedAt,
        expiresAt,
        consumedAt,
        storefront,
        issuedBy);
  }
}

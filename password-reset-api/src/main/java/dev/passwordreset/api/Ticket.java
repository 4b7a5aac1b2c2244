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
 * @param revoked {@code true} when {@code consumedAt} is the moment it was revoked (a newer link, a
 *     password change) rather than used; always {@code false} while it is outstanding
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
    @Nullable String pendingPasswordHash,
    boolean revoked) {

  /**
   * Creates a ticket.
   *
   * @param tokenHash the SHA-256 of the token; the key
   * @param customerId whose link it is
   * @param purpose what the link is for
   * @param issuedAt when it was issued
   * @param expiresAt when it stops working; after {@code issuedAt}
   * @param consumedAt when it was used or revoked, or {@code null} while it is outstanding
   * @param storefront the storefront it was issued for, or {@code null} for the default one
   * @param issuedBy the agent who issued it, or {@code null} for a customer's own request
   * @param pendingPasswordHash for {@link TicketPurpose#PENDING_PASSWORD}, the hash of the password
   *     the link activates; otherwise {@code null}
   * @param revoked {@code true} when {@code consumedAt} is the moment it was revoked rather than
   *     used
   * @throws IllegalArgumentException if the expiry is not after the issue time, a pending password
   *     hash is missing or misplaced, or an outstanding ticket is marked revoked
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
    if (revoked && consumedAt == null) {
      throw new IllegalArgumentException("revoked needs consumedAt, the moment of the revocation");
    }
  }

  /**
   * Creates a ticket that was not revoked (used, or outstanding): the form before revocation was
   * recorded.
   *
   * @param tokenHash the SHA-256 of the token; the key
   * @param customerId whose link it is
   * @param purpose what the link is for
   * @param issuedAt when it was issued
   * @param expiresAt when it stops working; after {@code issuedAt}
   * @param consumedAt when it was used, or {@code null} while it is outstanding
   * @param storefront the storefront it was issued for, or {@code null} for the default one
   * @param issuedBy the agent who issued it, or {@code null} for a customer's own request
   * @param pendingPasswordHash for {@link TicketPurpose#PENDING_PASSWORD}, the hash of the password
   *     the link activates; otherwise {@code null}
   * @throws IllegalArgumentException if the expiry is not after the issue time, or a pending
   *     password hash is missing or misplaced
   * @throws NullPointerException if a mandatory component is null
   */
  public Ticket(
      TokenHash tokenHash,
      CustomerId customerId,
      TicketPurpose purpose,
      Instant issuedAt,
      Instant expiresAt,
      @Nullable Instant consumedAt,
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingPasswordHash) {
    this(
        tokenHash,
        customerId,
        purpose,
        issuedAt,
        expiresAt,
        consumedAt,
        storefront,
        issuedBy,
        pendingPasswordHash,
        false);
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
   * Returns a copy marked used at the given time.
   *
   * @param at when
   * @return the copy
   */
  public Ticket consumed(Instant at) {
    return closed(at, false);
  }

  /**
   * Returns a copy marked revoked at the given time (a newer link, a password change).
   *
   * @param at when
   * @return the copy
   */
  public Ticket revoked(Instant at) {
    return closed(at, true);
  }

  /** A copy no longer outstanding from {@code at}: used, or revoked. */
  private Ticket closed(Instant at, boolean byRevocation) {
    return new Ticket(
        tokenHash,
        customerId,
        purpose,
        issuedAt,
        expiresAt,
        Checks.notNull(at, "at"),
        storefront,
        issuedBy,
        pendingPasswordHash,
        byRevocation);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Ticket[tokenHash=%s, customerId=%s, purpose=%s, issuedAt=%s, expiresAt=%s,"
            + " consumedAt=%s, storefront=%s, issuedBy=%s, revoked=%s]",
        tokenHash,
        customerId,
        purpose,
        issuedAt,
        expiresAt,
        consumedAt,
        storefront,
        issuedBy,
        revoked);
  }
}

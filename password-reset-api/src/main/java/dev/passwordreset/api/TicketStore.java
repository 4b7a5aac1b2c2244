package dev.passwordreset.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * SPI: where single-use links are kept, by the SHA-256 of their token. Small and dumb: it saves,
 * finds, consumes atomically, revokes and purges; the engine decides expiry, purposes and hashing.
 * {@code password-reset-testkit}'s {@code TicketStoreContract} tells whether an implementation is
 * right.
 *
 * <p>Implementations must be thread-safe, and {@link #consume} must be atomic across every node
 * that shares the storage. Infrastructure failures are thrown as {@link PasswordResetException}.
 *
 * <p><b>Time comes from the engine.</b> A store never reads a clock of its own for anything a host
 * can observe: every call that needs the current time gets it from the engine (a ticket's {@code
 * issuedAt} when it is saved, {@code now} when it is looked up or purged, the instant of its
 * consumption or revocation). An engine built on a fixed clock, years in the past or ahead, must
 * see every ticket exactly as that clock says.
 */
public interface TicketStore {

  /**
   * Stores a new ticket, durably, before returning.
   *
   * @param ticket the ticket; its token hash is new, and its {@link Ticket#issuedAt()} is the
   *     engine's current time
   * @throws PasswordResetException if the storage fails or the token hash exists already
   */
  void save(Ticket ticket);

  /**
   * Issues a ticket: revokes the customer's outstanding tickets with the given purposes, then
   * stores the new one. The engine calls this one when it issues a link. By default {@link
   * #revoke(CustomerId, Set, Instant)} then {@link #save(Ticket)}; a store that can do both at once
   * (one transaction, as the JDBC store does) overrides it, so that a failure never leaves the
   * older links revoked without the new one saved.
   *
   * @param ticket the new ticket, as for {@link #save(Ticket)}; its customer's older tickets are
   *     the ones revoked
   * @param revoke the purposes whose outstanding tickets of that customer to revoke first; empty
   *     revokes nothing
   * @param now the engine's current time, recorded as the revoked tickets' consumption instant
   * @return how many older tickets were revoked
   * @throws NullPointerException if an argument is null
   * @throws PasswordResetException if the storage fails or the token hash exists already
   */
  default int saveRevoking(Ticket ticket, Set<TicketPurpose> revoke, Instant now) {
    int revoked = revoke(ticket.customerId(), revoke, now);
    save(ticket);
    return revoked;
  }

  /**
   * Finds a ticket, used or not, expired or not, until it is purged. A store may also forget an
   * expired ticket on its own after a retention period (core's in-memory store keeps it one hour
   * past its expiry by default), judged by the instants the engine has passed it; the engine then
   * answers {@code UNKNOWN} instead of {@code EXPIRED}. An outstanding, unexpired ticket must never
   * be forgotten.
   *
   * @param tokenHash the SHA-256 of the token, as in {@link Ticket#tokenHash()}
   * @return the ticket, or empty if unknown or purged
   * @throws PasswordResetException if the storage fails
   */
  Optional<Ticket> findByTokenHash(TokenHash tokenHash);

  /**
   * Finds a ticket as {@link #findByTokenHash(TokenHash)} does, at the engine's current time: the
   * engine calls this one. A store that forgets expired tickets on its own (after a retention
   * period) decides by {@code now}, never by a clock of its own. By default the same as {@link
   * #findByTokenHash(TokenHash)}, which suits a store that keeps tickets until they are purged.
   *
   * @param tokenHash the SHA-256 of the token, as in {@link Ticket#tokenHash()}
   * @param now the engine's current time
   * @return the ticket, or empty if unknown, purged or forgotten by {@code now}
   * @throws PasswordResetException if the storage fails
   */
  default Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
    return findByTokenHash(tokenHash);
  }

  /**
   * Marks a ticket used, atomically: of any number of concurrent calls for one token hash, on any
   * number of nodes, exactly one gets the ticket. A ticket that has expired by {@code consumedAt}
   * (its {@link Ticket#expiresAt()} is not after it) is not consumed: the engine takes {@code
   * consumedAt} from its clock at the moment of consumption, after the new password was hashed, so
   * a link that expires meanwhile does not complete. The expiry check and the marking are one
   * atomic step (one conditional statement in a database).
   *
   * @param tokenHash the SHA-256 of the token
   * @param consumedAt when; the engine's current time
   * @return the ticket as it was before this call (outstanding) if this call consumed it; empty if
   *     it is unknown, was consumed or revoked already, or has expired by {@code consumedAt}
   * @throws PasswordResetException if the storage fails (then the ticket must be unchanged)
   */
  Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt);

  /**
   * Revokes every outstanding ticket of a customer with one of the given purposes: it can no longer
   * be consumed, its {@code consumedAt} becomes {@code revokedAt}, and {@link Ticket#revoked()}
   * reads {@code true} from then on (so the engine tells a replaced link from a used one; a store
   * that cannot record it returns {@code false}, and such links are answered as used).
   *
   * @param customerId the customer
   * @param purposes which purposes; empty revokes nothing
   * @param revokedAt when
   * @return how many tickets were revoked
   * @throws PasswordResetException if the storage fails
   */
  int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt);

  /**
   * Revokes every outstanding ticket of a customer, whatever its purpose.
   *
   * @param customerId the customer
   * @param revokedAt when
   * @return how many tickets were revoked
   * @throws PasswordResetException if the storage fails
   */
  default int revokeAll(CustomerId customerId, Instant revokedAt) {
    return revoke(customerId, EnumSet.allOf(TicketPurpose.class), revokedAt);
  }

  /**
   * Counts one wrong try against the customer's outstanding, unexpired ticket of the given purpose
   * (a reset code), atomically across every node that shares the storage: of any number of
   * concurrent calls, each one that finds the ticket counts exactly once, and the one whose count
   * reaches {@code limit} revokes the ticket in the same atomic step (as {@link #revoke} does), so
   * that neither a later call nor {@link #consume} can use it. Nothing else about the ticket
   * changes.
   *
   * <p>The engine calls this for every wrong code, also for an email without an account (then with
   * a customer id no account has), so that both cost the same.
   *
   * <p>The default throws {@link UnsupportedOperationException}: a store that cannot count
   * atomically cannot keep codes, and reset by code answers with that exception. Core's in-memory
   * store and the JDBC store implement it; {@code TicketStoreContract} checks it, its race
   * included.
   *
   * @param customerId the customer whose code was tried
   * @param purpose the purpose of the ticket tried ({@link TicketPurpose#RESET_CODE})
   * @param limit the number of wrong tries that kills the ticket; at least 1
   * @param now the engine's current time: a ticket that has expired by then is not counted, and a
   *     ticket killed by this try is revoked at this instant
   * @return the ticket's number of wrong tries after this one, from 1 to {@code limit} ({@code
   *     limit} means this try killed it); 0 if the customer had no outstanding, unexpired ticket of
   *     that purpose
   * @throws IllegalArgumentException if {@code limit} is less than 1
   * @throws NullPointerException if an argument is null
   * @throws PasswordResetException if the storage fails (then nothing was counted)
   * @throws UnsupportedOperationException if the store cannot count wrong tries
   */
  default int recordFailedAttempt(
      CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " does not count wrong code tries (TicketStore.recordFailedAttempt), so it cannot keep"
            + " reset codes");
  }

  /**
   * Checks the arguments of {@link #recordFailedAttempt} as its contract requires; for
   * implementations, so that every store refuses the same input with the same message.
   *
   * @param customerId the customer
   * @param purpose the purpose
   * @param limit the number of wrong tries that kills the ticket
   * @param now the engine's current time
   * @throws NullPointerException naming a null argument
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  static void checkFailedAttempt(
      CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
    Checks.notNull(customerId, "customerId");
    Checks.notNull(purpose, "purpose");
    Checks.notNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  /**
   * Deletes every ticket whose expiry is at or before {@code now}, used or not.
   *
   * @param now the current time
   * @return how many tickets were deleted
   * @throws PasswordResetException if the storage fails
   */
  int purgeExpired(Instant now);
}

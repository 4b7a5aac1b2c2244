package dev.passwordreset.core.fault;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A {@link TicketStore} that fails, before doing anything, at the call its {@link Fault} picks. */
final class FaultyTicketStore implements TicketStore {
  final Fault fault = new Fault("ticket store");
  volatile TicketStore delegate;

  @Override
  public void save(Ticket ticket) {
    fault.step("save");
    delegate.save(ticket);
  }

  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
    fault.step("findByTokenHash");
    return delegate.findByTokenHash(tokenHash);
  }

  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
    fault.step("findByTokenHash");
    return delegate.findByTokenHash(tokenHash, now);
  }

  @Override
  public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
    fault.step("consume");
    return delegate.consume(tokenHash, consumedAt);
  }

  @Override
  public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
    fault.step("revoke");
    return delegate.revoke(customerId, purposes, revokedAt);
  }

  @Override
  public int revokeAll(CustomerId customerId, Instant revokedAt) {
    fault.step("revokeAll");
    return delegate.revokeAll(customerId, revokedAt);
  }

  @Override
  public int purgeExpired(Instant now) {
    fault.step("purgeExpired");
    return delegate.purgeExpired(now);
  }
}

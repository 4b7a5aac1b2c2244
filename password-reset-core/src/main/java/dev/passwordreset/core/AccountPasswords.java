package dev.passwordreset.core;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TicketStore;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The last step of every password change: revoke every outstanding link of the customer first, then
 * write the password, so a store failing half way never leaves a changed password beside a live
 * link. A password written clears the account's consecutive failed logins (a completed reset ends a
 * lockout). Immutable; thread-safe.
 */
final class AccountPasswords {
  private final CustomerStore customers;
  private final TicketStore tickets;
  private final Consumer<CustomerId> clearLoginFailures;

  AccountPasswords(
      CustomerStore customers, TicketStore tickets, Consumer<CustomerId> clearLoginFailures) {
    this.customers = customers;
    this.tickets = tickets;
    this.clearLoginFailures = clearLoginFailures;
  }

  /**
   * Revokes the customer's links and writes the password.
   *
   * @return false if the customer is gone (the links are revoked all the same)
   */
  boolean replace(CustomerId id, StoredPassword password, Instant now) {
    tickets.revokeAll(id, now);
    boolean written = customers.updatePassword(id, password);
    if (written) {
      clearLoginFailures.accept(id);
    }
    return written;
  }
}

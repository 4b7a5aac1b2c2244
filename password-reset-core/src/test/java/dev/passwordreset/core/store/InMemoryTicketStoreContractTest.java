package dev.passwordreset.core.store;

import dev.passwordreset.api.TicketStore;
import dev.passwordreset.testkit.TicketStoreContract;

/** The ticket store contract on core's in-memory store. */
class InMemoryTicketStoreContractTest extends TicketStoreContract {
  @Override
  protected TicketStore createStore() {
    return new InMemoryTicketStore();
  }
}

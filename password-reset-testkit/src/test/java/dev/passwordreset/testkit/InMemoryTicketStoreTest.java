package dev.passwordreset.testkit;

import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.store.InMemoryTicketStore;

/** The ticket store contract on core's in-memory store. */
class InMemoryTicketStoreTest extends TicketStoreContract {
  @Override
  protected TicketStore createStore() {
    return new InMemoryTicketStore();
  }
}

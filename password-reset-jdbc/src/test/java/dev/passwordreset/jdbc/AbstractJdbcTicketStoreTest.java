package dev.passwordreset.jdbc;

import dev.passwordreset.api.TicketStore;
import dev.passwordreset.testkit.TicketStoreContract;

/**
 * The ticket store contract on one database; a small purge batch so the bulk test spans several.
 */
abstract class AbstractJdbcTicketStoreTest extends TicketStoreContract {

  abstract TestDatabase database();

  @Override
  protected TicketStore createStore() {
    database().deleteAll(JdbcSchema.DEFAULT_TICKET_TABLE);
    return JdbcTicketStore.builder(database().dataSource(), database().dialect())
        .purgeBatchSize(7)
        .build();
  }

  @Override
  protected int bulkPurgeSize() {
    return 40;
  }
}

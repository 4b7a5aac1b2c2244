package dev.passwordreset.jdbc;

import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.testkit.ThrottleStoreContract;

/** The throttle store contract on one database. */
abstract class AbstractJdbcThrottleStoreTest extends ThrottleStoreContract {

  abstract TestDatabase database();

  @Override
  protected ThrottleStore createStore() {
    database().deleteAll(JdbcSchema.DEFAULT_THROTTLE_TABLE);
    return JdbcThrottleStore.create(database().dataSource(), database().dialect());
  }
}

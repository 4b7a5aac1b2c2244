package dev.passwordreset.jdbc;

import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.testkit.SettingsStoreContract;

/** The settings store contract on one database. */
abstract class AbstractJdbcSettingsStoreTest extends SettingsStoreContract {

  abstract TestDatabase database();

  @Override
  protected SettingsStore createStore() {
    database().deleteAll(JdbcSchema.DEFAULT_SETTINGS_TABLE, JdbcSchema.DEFAULT_SECRET_TABLE);
    return JdbcSettingsStore.create(database().dataSource(), database().dialect());
  }
}

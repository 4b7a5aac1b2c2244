package dev.passwordreset.jdbc;

/** The settings store contract, on the embedded PostgreSQL. */
class PostgresJdbcSettingsStoreTest extends AbstractJdbcSettingsStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

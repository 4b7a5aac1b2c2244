package dev.passwordreset.jdbc;

/** The customer store contract on the reference table, on the embedded PostgreSQL. */
class PostgresJdbcCustomerStoreTest extends AbstractJdbcCustomerStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

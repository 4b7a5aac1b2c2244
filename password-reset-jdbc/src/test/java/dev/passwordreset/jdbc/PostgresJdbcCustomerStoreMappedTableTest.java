package dev.passwordreset.jdbc;

/** The customer store contract on a mapped host table, on the embedded PostgreSQL. */
class PostgresJdbcCustomerStoreMappedTableTest extends AbstractJdbcCustomerStoreMappedTableTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

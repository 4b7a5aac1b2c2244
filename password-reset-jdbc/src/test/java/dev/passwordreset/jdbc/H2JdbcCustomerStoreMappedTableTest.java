package dev.passwordreset.jdbc;

/** The customer store contract on a mapped host table, on H2. */
class H2JdbcCustomerStoreMappedTableTest extends AbstractJdbcCustomerStoreMappedTableTest {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}

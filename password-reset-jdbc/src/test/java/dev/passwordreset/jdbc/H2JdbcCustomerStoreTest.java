package dev.passwordreset.jdbc;

/** The customer store contract on the reference table, on H2. */
class H2JdbcCustomerStoreTest extends AbstractJdbcCustomerStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}

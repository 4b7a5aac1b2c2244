package dev.passwordreset.jdbc;

/** The ticket store contract, on H2. */
class H2JdbcTicketStoreTest extends AbstractJdbcTicketStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}

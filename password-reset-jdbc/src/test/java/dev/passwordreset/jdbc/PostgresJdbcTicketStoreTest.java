package dev.passwordreset.jdbc;

/** The ticket store contract, on the embedded PostgreSQL. */
class PostgresJdbcTicketStoreTest extends AbstractJdbcTicketStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

package dev.passwordreset.jdbc;

/** The throttle store contract, on the embedded PostgreSQL. */
class PostgresJdbcThrottleStoreTest extends AbstractJdbcThrottleStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

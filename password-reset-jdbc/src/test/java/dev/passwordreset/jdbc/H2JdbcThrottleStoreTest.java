package dev.passwordreset.jdbc;

/** The throttle store contract, on H2. */
class H2JdbcThrottleStoreTest extends AbstractJdbcThrottleStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}

package dev.passwordreset.jdbc;

/** The settings store contract, on H2. */
class H2JdbcSettingsStoreTest extends AbstractJdbcSettingsStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}

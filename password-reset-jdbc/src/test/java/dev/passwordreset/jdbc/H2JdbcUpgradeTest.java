package dev.passwordreset.jdbc;

/** A schema from before reset codes, on H2. */
class H2JdbcUpgradeTest extends AbstractJdbcUpgradeTest {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}

package dev.passwordreset.jdbc;

/** A schema from before reset codes, on the embedded PostgreSQL. */
class PostgresJdbcUpgradeTest extends AbstractJdbcUpgradeTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

package dev.passwordreset.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A schema from before reset codes, on the external MySQL or MariaDB named by
 * PASSWORD_RESET_TEST_MYSQL_URL (on MySQL: the clear error and the hand-run statement).
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.EXTERNAL_MYSQL_URL, matches = ".+")
class ExternalMySqlJdbcUpgradeTest extends AbstractJdbcUpgradeTest {
  @Override
  TestDatabase database() {
    return TestDatabase.externalMySql();
  }
}

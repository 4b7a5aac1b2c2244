package dev.passwordreset.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A schema from before reset codes, on the MariaDB server the tests start (skipped loudly when none
 * can be started, failing under CI=true).
 */
@ExtendWith(MariaDbServer.class)
class MariaDbJdbcUpgradeTest extends AbstractJdbcUpgradeTest {
  @Override
  TestDatabase database() {
    return TestDatabase.mariaDb();
  }
}

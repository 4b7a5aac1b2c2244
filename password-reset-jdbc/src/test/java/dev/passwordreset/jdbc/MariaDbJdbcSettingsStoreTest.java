package dev.passwordreset.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The settings store contract, on the MariaDB server the tests start (skipped loudly when none can
 * be started, failing under CI=true).
 */
@ExtendWith(MariaDbServer.class)
class MariaDbJdbcSettingsStoreTest extends AbstractJdbcSettingsStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.mariaDb();
  }
}

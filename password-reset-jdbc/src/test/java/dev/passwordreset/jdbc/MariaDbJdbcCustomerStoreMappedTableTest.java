package dev.passwordreset.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer store contract on a mapped table, on the MariaDB server the tests start (skipped
 * loudly when none can be started, failing under CI=true).
 */
@ExtendWith(MariaDbServer.class)
class MariaDbJdbcCustomerStoreMappedTableTest extends AbstractJdbcCustomerStoreMappedTableTest {
  @Override
  TestDatabase database() {
    return TestDatabase.mariaDb();
  }
}

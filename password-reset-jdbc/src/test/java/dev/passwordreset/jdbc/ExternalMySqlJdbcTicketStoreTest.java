package dev.passwordreset.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The ticket store contract, on the external MySQL or MariaDB named by
 * PASSWORD_RESET_TEST_MYSQL_URL.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.EXTERNAL_MYSQL_URL, matches = ".+")
class ExternalMySqlJdbcTicketStoreTest extends AbstractJdbcTicketStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.externalMySql();
  }
}

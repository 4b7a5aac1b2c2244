package dev.passwordreset.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The customer store contract, on the external MySQL or MariaDB named by
 * PASSWORD_RESET_TEST_MYSQL_URL.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.EXTERNAL_MYSQL_URL, matches = ".+")
class ExternalMySqlJdbcCustomerStoreTest extends AbstractJdbcCustomerStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.externalMySql();
  }
}

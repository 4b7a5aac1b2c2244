package dev.passwordreset.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The customer store contract on the reference table, on the external PostgreSQL named by
 * PASSWORD_RESET_TEST_POSTGRES_URL.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.EXTERNAL_URL, matches = ".+")
class ExternalPostgresJdbcCustomerStoreTest extends AbstractJdbcCustomerStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.externalPostgres();
  }
}

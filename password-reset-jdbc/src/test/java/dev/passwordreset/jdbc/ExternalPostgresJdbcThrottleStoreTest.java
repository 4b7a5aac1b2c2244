package dev.passwordreset.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The throttle store contract, on the external PostgreSQL named by
 * PASSWORD_RESET_TEST_POSTGRES_URL.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.EXTERNAL_URL, matches = ".+")
class ExternalPostgresJdbcThrottleStoreTest extends AbstractJdbcThrottleStoreTest {
  @Override
  TestDatabase database() {
    return TestDatabase.externalPostgres();
  }
}

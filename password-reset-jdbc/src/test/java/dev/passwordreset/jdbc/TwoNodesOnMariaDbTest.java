package dev.passwordreset.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes sharing the MariaDB server the tests start (skipped loudly when none can be started,
 * failing under CI=true).
 */
@ExtendWith(MariaDbServer.class)
class TwoNodesOnMariaDbTest extends AbstractTwoNodesTest {
  @Override
  TestDatabase database() {
    return TestDatabase.mariaDb();
  }
}

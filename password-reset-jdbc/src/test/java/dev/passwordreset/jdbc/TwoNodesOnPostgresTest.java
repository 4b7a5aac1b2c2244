package dev.passwordreset.jdbc;

/** Two nodes sharing the embedded PostgreSQL. */
class TwoNodesOnPostgresTest extends AbstractTwoNodesTest {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {

  @Test
  void scriptsForEveryDialectAreShippedWithEveryTableAndIndex() {
    for (Dialect dialect : Dialect.values()) {
      assertThat(JdbcSchema.script(dialect))
          .contains("CREATE TABLE IF NOT EXISTS password_reset_ticket")
          .contains("password_reset_ticket_customer_idx")
          .contains("password_reset_ticket_expires_idx")
          .contains("CREATE TABLE IF NOT EXISTS password_reset_throttle")
          .contains("CREATE TABLE IF NOT EXISTS password_reset_settings")
          .contains("CREATE TABLE IF NOT EXISTS password_reset_secrets")
          .contains("failed_attempts       INT          NOT NULL DEFAULT 0");
      if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
        // MySQL has no CREATE INDEX IF NOT EXISTS: the indexes are declared in CREATE TABLE, and
        // every text column compares byte for byte, as on PostgreSQL.
        assertThat(JdbcSchema.script(dialect))
            .contains("INDEX password_reset_ticket_customer_idx (customer_id)")
            .contains("INDEX password_reset_ticket_expires_idx (expires_at)")
            .contains("INDEX password_reset_throttle_expires_idx (expires_at)")
            .doesNotContain("CREATE INDEX")
            .doesNotContain("WITH TIME ZONE");
        assertThat(JdbcSchema.script(dialect).split("COLLATE = utf8mb4_bin", -1)).hasSize(5);
        assertThat(JdbcSchema.customerScript(dialect))
            .contains("CREATE TABLE IF NOT EXISTS customer_account")
            .contains("UNIQUE INDEX customer_account_email_normalized_idx (email_normalized)")
            .contains("COLLATE = utf8mb4_bin")
            .contains("password_temporary_until DATETIME(6)")
            .doesNotContain("WITH TIME ZONE");
      } else {
        assertThat(JdbcSchema.customerScript(dialect))
            .contains("CREATE TABLE IF NOT EXISTS customer_account")
            .contains("CREATE UNIQUE INDEX IF NOT EXISTS customer_account_email_normalized_idx");
      }
    }
  }

  @Test
  void scriptResourceNamesTheShippedScriptOfEachDialect() throws Exception {
    assertThat(JdbcSchema.scriptResource(Dialect.H2))
        .isEqualTo("dev/passwordreset/jdbc/schema-h2.sql");
    for (Dialect dialect : Dialect.values()) {
      try (InputStream in =
          JdbcSchemaTest.class
              .getClassLoader()
              .getResourceAsStream(JdbcSchema.scriptResource(dialect))) {
        assertThat(in).as(dialect.name()).isNotNull();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo(JdbcSchema.script(dialect));
      }
    }
  }

  @Test
  void statementsAreSplitAtSemicolonsWithoutComments() {
    assertThat(
            JdbcSchema.statements(
                "-- header; with a semicolon\nCREATE TABLE a (x INT); -- trailing\n\nCREATE INDEX i ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
  }

  @Test
  void createRunsTwiceWithoutHarmOnH2() {
    TestDatabase db = TestDatabase.h2();

    assertThatCode(
            () -> {
              JdbcSchema.create(db.dataSource(), db.dialect());
              JdbcSchema.create(db.dataSource(), db.dialect());
              JdbcSchema.createReferenceCustomerTable(db.dataSource(), db.dialect());
            })
        .doesNotThrowAnyException();
  }

  @Test
  void createRunsTwiceWithoutHarmOnPostgres() {
    TestDatabase db = TestDatabase.postgres();

    assertThatCode(
            () -> {
              JdbcSchema.create(db.dataSource(), db.dialect());
              JdbcSchema.create(db.dataSource(), db.dialect());
              JdbcSchema.createReferenceCustomerTable(db.dataSource(), db.dialect());
            })
        .doesNotThrowAnyException();
  }
}

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {

  @Test
  void scriptsForBothDialectsAreShippedWithEveryTableAndIndex() {
    for (Dialect dialect : Dialect.values()) {
      assertThat(JdbcSchema.script(dialect))
          .contains("CREATE TABLE IF NOT EXISTS password_reset_ticket")
          .contains("password_reset_ticket_customer_idx")
          .contains("password_reset_ticket_expires_idx")
          .contains("CREATE TABLE IF NOT EXISTS password_reset_throttle")
          .contains("CREATE TABLE IF NOT EXISTS password_reset_settings");
      assertThat(JdbcSchema.customerScript(dialect))
          .contains("CREATE TABLE IF NOT EXISTS customer_account")
          .contains("CREATE UNIQUE INDEX IF NOT EXISTS customer_account_email_normalized_idx");
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

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.PasswordResetException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builders validate names at construction, so configuration can never inject SQL; {@code build()}
 * checks the dialect against the database.
 */
class JdbcStoreConfigurationTest {

  /** Never connected to: the builders' setters must not touch the database. */
  private final DataSource unused = new JdbcDataSource();

  @Test
  void ticketStoreTableNameWithSqlIsRefusedNamingTheParameter() {
    assertThatThrownBy(
            () ->
                JdbcTicketStore.builder(unused, Dialect.POSTGRESQL)
                    .tableName("tickets; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tableName")
        .hasMessageContaining("tickets; DROP TABLE x");
  }

  @Test
  void everyStoreRefusesATableNameWithSql() {
    String evil = "tickets; DROP TABLE x";

    assertThatThrownBy(() -> JdbcThrottleStore.builder(unused, Dialect.H2).tableName(evil))
        .hasMessageContaining("tableName");
    assertThatThrownBy(() -> JdbcSettingsStore.builder(unused, Dialect.H2).tableName(evil))
        .hasMessageContaining("tableName");
    assertThatThrownBy(() -> JdbcSettingsStore.builder(unused, Dialect.H2).secretTableName(evil))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secretTableName must be an SQL identifier");
    assertThatThrownBy(() -> JdbcCustomerStore.builder(unused).tableName(evil))
        .hasMessageContaining("tableName");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "1tickets",
        "tickets --",
        "a.b.c",
        "\"tickets\"",
        "tickets where 1=1",
        "tic-kets",
        "schema.",
        ".tickets",
        "ticketsé",
        "a123456789012345678901234567890123456789012345678901234567890123"
      })
  void tableNamesThatAreNotPlainIdentifiersAreRefused(String name) {
    assertThatThrownBy(() -> JdbcTicketStore.builder(unused, Dialect.H2).tableName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tableName must be an SQL identifier");
  }

  @Test
  void schemaQualifiedAndUnderscoredTableNamesAreAccepted() {
    TestDatabase postgres = TestDatabase.postgres();
    TestDatabase h2 = TestDatabase.h2();
    assertThat(
            JdbcTicketStore.builder(postgres.dataSource(), Dialect.POSTGRESQL)
                .tableName("shop.reset_ticket_2")
                .build()
                .tableName())
        .isEqualTo("shop.reset_ticket_2");
    assertThat(
            JdbcThrottleStore.builder(h2.dataSource(), Dialect.H2)
                .tableName("_t")
                .build()
                .tableName())
        .isEqualTo("_t");
  }

  @Test
  void aStoreBuiltWithAnotherDatabasesDialectIsRefusedAtBuildNamingBoth() {
    DataSource h2 = TestDatabase.h2().dataSource();
    DataSource postgres = TestDatabase.postgres().dataSource();

    assertThatThrownBy(() -> JdbcTicketStore.create(h2, Dialect.POSTGRESQL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JdbcTicketStore")
        .hasMessageContaining("POSTGRESQL")
        .hasMessageContaining("connects to H2");
    assertThatThrownBy(() -> JdbcThrottleStore.create(postgres, Dialect.MARIADB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JdbcThrottleStore")
        .hasMessageContaining("MariaDB")
        .hasMessageContaining("connects to PostgreSQL");
    assertThatThrownBy(() -> JdbcSettingsStore.create(h2, Dialect.MYSQL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JdbcSettingsStore")
        .hasMessageContaining("MySQL")
        .hasMessageContaining("connects to H2");
  }

  @Test
  void buildingAStoreWhenTheDatabaseCannotBeReachedFailsClearly() {
    assertThatThrownBy(() -> JdbcTicketStore.create(unused, Dialect.H2))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("JdbcTicketStore.build")
        .hasMessageContaining("could not read the database product name");
  }

  @Test
  void customerStoreColumnsWithSqlAreRefusedNamingTheParameter() {
    JdbcCustomerStore.Builder builder = JdbcCustomerStore.builder(unused);

    assertThatThrownBy(() -> builder.emailColumn("email = email OR 1=1 --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("emailColumn");
    assertThatThrownBy(() -> builder.normalizedEmailColumn("x; DELETE FROM customer"))
        .hasMessageContaining("normalizedEmailColumn");
    assertThatThrownBy(() -> builder.idColumn("shop.id"))
        .as("a column is never schema-qualified")
        .hasMessageContaining("idColumn");
    assertThatThrownBy(() -> builder.passwordHashColumn(""))
        .hasMessageContaining("passwordHashColumn");
    assertThatThrownBy(() -> builder.temporaryUntilColumn(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("temporaryUntilColumn");
  }

  @Test
  void purgeBatchSizeBelowOneIsRefused() {
    assertThatThrownBy(() -> JdbcTicketStore.builder(unused, Dialect.H2).purgeBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("purgeBatchSize")
        .hasMessageContaining("0");
  }

  @Test
  void buildersRefuseMissingDataSourceOrDialect() {
    assertThatThrownBy(() -> JdbcTicketStore.builder(null, Dialect.H2))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dataSource");
    assertThatThrownBy(() -> JdbcThrottleStore.builder(unused, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dialect");
  }

  @Test
  void dialectIsRecognisedFromTheProductName() {
    assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.fromProductName("H2")).isEqualTo(Dialect.H2);
    assertThat(Dialect.fromProductName("MariaDB")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.fromProductName("MySQL")).isEqualTo(Dialect.MYSQL);
    assertThatThrownBy(() -> Dialect.fromProductName("Oracle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Oracle");
  }

  @Test
  void dialectIsDetectedFromALiveDatabase() {
    assertThat(Dialect.detect(TestDatabase.h2().dataSource())).isEqualTo(Dialect.H2);
    assertThat(Dialect.detect(TestDatabase.postgres().dataSource())).isEqualTo(Dialect.POSTGRESQL);
  }
}

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenHash;
import java.sql.Connection;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What issue 16 found broken on MariaDB, each on the real server: detection, a wrong dialect
 * refused at build, the scripts (idempotent, no {@code WITH TIME ZONE}), exact email lookups under
 * the server's case- and accent-insensitive default collation.
 */
@ExtendWith(MariaDbServer.class)
class MariaDbDialectTest {

  private final TestDatabase db = TestDatabase.mariaDb();

  @Test
  void dialectIsDetectedAsMariaDb() {
    assertThat(Dialect.detect(db.dataSource())).isEqualTo(Dialect.MARIADB);
  }

  /**
   * MySQL Connector/J calls a MariaDB server "MySQL"; detection reads the version and still says
   * MariaDB, and the stores work through that driver too.
   */
  @Test
  void throughMySqlConnectorJTheServerIsStillDetectedAsMariaDbAndTheStoresWork() throws Exception {
    MysqlDataSource mySqlDriver = new MysqlDataSource();
    mySqlDriver.setUrl(
        "jdbc:mysql://"
            + MariaDbServer.hostAndPort()
            + "/app?user=app&password=app&sslMode=DISABLED&allowPublicKeyRetrieval=true");
    try (Connection c = mySqlDriver.getConnection()) {
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("MySQL");
    }

    assertThat(Dialect.detect(mySqlDriver)).isEqualTo(Dialect.MARIADB);
    db.deleteAll(JdbcSchema.DEFAULT_TICKET_TABLE, JdbcSchema.DEFAULT_THROTTLE_TABLE);
    JdbcTicketStore tickets = JdbcTicketStore.create(mySqlDriver, Dialect.MARIADB);
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    Ticket ticket =
        new Ticket(
            TokenHash.ofHex("ab".repeat(32)),
            CustomerId.of("c1"),
            TicketPurpose.SELF_SERVICE_RESET,
            now,
            now.plusSeconds(60),
            null,
            null,
            null,
            null);
    tickets.save(ticket);
    assertThat(tickets.consume(ticket.tokenHash(), now)).contains(ticket);
    assertThat(tickets.consume(ticket.tokenHash(), now)).isEmpty();
    JdbcThrottleStore throttle = JdbcThrottleStore.create(mySqlDriver, Dialect.MARIADB);
    assertThat(throttle.incrementAndGet("k", now.plusSeconds(60))).isEqualTo(1);
    assertThat(throttle.incrementAndGet("k", now.plusSeconds(60))).isEqualTo(2);
  }

  @Test
  void aStoreBuiltWithTheH2DialectOnMariaDbIsRefusedAtBuildNamingBoth() {
    assertThatThrownBy(() -> JdbcTicketStore.create(db.dataSource(), Dialect.H2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dialect is H2")
        .hasMessageContaining("connects to MariaDB")
        .hasMessageContaining("Dialect.MARIADB");
    assertThatThrownBy(() -> JdbcThrottleStore.create(db.dataSource(), Dialect.MYSQL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MySQL")
        .hasMessageContaining("connects to MariaDB");
  }

  @Test
  void schemaScriptsRunTwiceWithoutHarm() {
    assertThatCode(
            () -> {
              JdbcSchema.create(db.dataSource(), Dialect.MARIADB);
              JdbcSchema.create(db.dataSource(), Dialect.MARIADB);
              JdbcSchema.createReferenceCustomerTable(db.dataSource(), Dialect.MARIADB);
              JdbcSchema.createReferenceCustomerTable(db.dataSource(), Dialect.MARIADB);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void theServersDefaultCollationWouldMatchAccentsAndCaseSoTheTestIsMeaningful() {
    db.execute("CREATE TABLE IF NOT EXISTS collation_probe (v VARCHAR(50))");
    db.deleteAll("collation_probe");
    db.execute("INSERT INTO collation_probe VALUES ('müller@shop.example')");
    assertThat(db.count("SELECT COUNT(*) FROM collation_probe WHERE v = 'MULLER@shop.example'"))
        .isEqualTo(1);
  }

  @Test
  void emailLookupIsAccentAndCaseExactOnTheShippedTable() {
    db.deleteAll(JdbcSchema.DEFAULT_CUSTOMER_TABLE);
    CustomerAccount mueller =
        new CustomerAccount(
            CustomerId.of("m-1"), "Müller@Shop.example", "Frau Müller", Locale.GERMAN, true);
    CustomerRows.insert(
        db,
        JdbcSchema.DEFAULT_CUSTOMER_TABLE,
        new String[] {
          "id",
          "email",
          "email_normalized",
          "display_name",
          "locale",
          "enabled",
          "password_hash",
          "password_temporary_until"
        },
        mueller,
        null);
    JdbcCustomerStore store = JdbcCustomerStore.builder(db.dataSource()).build();

    assertThat(store.findByEmail(CustomerStore.normalizeEmail("muller@shop.example"))).isEmpty();
    assertThat(store.findByEmail("MÜLLER@SHOP.EXAMPLE")).isEmpty();
    assertThat(store.findByEmail(CustomerStore.normalizeEmail("MÜLLER@shop.EXAMPLE")))
        .map(CustomerAccount::id)
        .contains(CustomerId.of("m-1"));
  }
}

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Database failures surface as PasswordResetException with the SQLState; none is swallowed. */
class JdbcStoreFailureTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final TokenHash HASH = TokenHash.ofHex("a".repeat(64));
  // Password hashes in the shape the watch knows: a failure message quoting one fails the test.
  private static final StoredPassword OLD =
      StoredPassword.of(
          "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$b2xkLWhhc2gtb2xkLWhhc2g");
  private static final StoredPassword NEW =
      StoredPassword.of(
          "$argon2id$v=19$m=64,t=1,p=1$b3RoZXJzYWx0b3RoZXJzYQ$bmV3LWhhc2gtbmV3LWhhc2g");

  private static List<ThrowingCallable> everyOperation(
      JdbcTicketStore tickets,
      JdbcThrottleStore throttle,
      JdbcSettingsStore settings,
      JdbcCustomerStore customers) {
    Ticket ticket =
        new Ticket(
            HASH,
            CustomerId.of("c1"),
            TicketPurpose.SELF_SERVICE_RESET,
            NOW,
            NOW.plusSeconds(60),
            null,
            null,
            null,
            null);
    return List.of(
        () -> tickets.save(ticket),
        () -> tickets.findByTokenHash(HASH),
        () -> tickets.consume(HASH, NOW),
        () -> tickets.revokeAll(CustomerId.of("c1"), NOW),
        () -> tickets.purgeExpired(NOW),
        () -> tickets.recordFailedAttempt(CustomerId.of("c1"), TicketPurpose.RESET_CODE, 5, NOW),
        () -> throttle.incrementAndGet("k", NOW),
        () -> throttle.get("k"),
        () -> throttle.purgeExpired(NOW),
        () -> settings.load(),
        () -> settings.save(ResetSettings.defaults()),
        () -> settings.secret("reset-code-hmac", () -> new byte[32]),
        () -> customers.findByEmail("a@example.com"),
        () -> customers.findById(CustomerId.of("c1")),
        () -> customers.findPassword(CustomerId.of("c1")),
        () -> customers.updatePassword(CustomerId.of("c1"), NEW),
        () -> customers.replacePassword(CustomerId.of("c1"), OLD, NEW));
  }

  private static void assertAllFail(List<ThrowingCallable> operations, String sqlStatePattern) {
    for (ThrowingCallable operation : operations) {
      Throwable thrown = catchThrowable(operation);
      SecretWatchExtension.inspect(thrown);
      assertThat(thrown)
          .isInstanceOf(PasswordResetException.class)
          .hasMessageMatching("(?s).*SQLState " + sqlStatePattern + ".*")
          .hasCauseInstanceOf(java.sql.SQLException.class);
    }
  }

  private static List<ThrowingCallable> storesOn(TestDatabase db, Function<String, String> table) {
    return everyOperation(
        JdbcTicketStore.builder(db.dataSource(), db.dialect())
            .tableName(table.apply("tickets"))
            .build(),
        JdbcThrottleStore.builder(db.dataSource(), db.dialect())
            .tableName(table.apply("throttle"))
            .build(),
        JdbcSettingsStore.builder(db.dataSource(), db.dialect())
            .tableName(table.apply("settings"))
            .secretTableName(table.apply("secrets"))
            .build(),
        JdbcCustomerStore.builder(db.dataSource()).tableName(table.apply("customers")).build());
  }

  @Test
  void whenTheDatabaseIsUnreachableEveryOperationThrowsWithTheSqlState() {
    // Built while the database is up (building checks the dialect on a connection), then down.
    SwitchableDataSource down = new SwitchableDataSource(TestDatabase.h2().dataSource());
    TestDatabase db = new TestDatabase("down", down, Dialect.H2);
    List<ThrowingCallable> operations = storesOn(db, name -> "password_reset_" + name);
    down.down();

    assertAllFail(operations, "08001");
  }

  @Test
  void whenTheTableIsMissingOnH2EveryOperationThrowsWithTheSqlState() {
    assertAllFail(storesOn(TestDatabase.h2(), name -> "missing_" + name), "42\\w{3}");
  }

  @Test
  void whenTheTableIsMissingOnPostgresEveryOperationThrowsWithTheSqlState() {
    assertAllFail(storesOn(TestDatabase.postgres(), name -> "missing_" + name), "42P01");
  }
}

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenHash;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A schema from before reset codes: a ticket table without {@code failed_attempts} and no secrets
 * table. Links keep working on it; counting a wrong code fails with the statement that adds the
 * column (never a silent miscount), and after that statement, or the shipped script's idempotent
 * one, it counts; a missing secrets table fails naming it. Run on each database by the subclasses.
 */
abstract class AbstractJdbcUpgradeTest {

  private static final String OLD_TABLE = "old_reset_ticket";
  private static final Instant NOW = Instant.parse("2030-05-17T09:30:15.123Z");
  private static final CustomerId JANE = CustomerId.of("jane");

  abstract TestDatabase database();

  private final TestDatabase db = database();
  private JdbcTicketStore store;

  /** The ticket table as the scripts created it before reset codes (with {@code revoked}). */
  @BeforeEach
  void createTheOldTable() {
    db.execute(
        "DROP TABLE IF EXISTS " + OLD_TABLE,
        "CREATE TABLE "
            + OLD_TABLE
            + " (token_hash VARCHAR(64) NOT NULL PRIMARY KEY, customer_id VARCHAR(255) NOT NULL,"
            + " purpose VARCHAR(32) NOT NULL, issued_at BIGINT NOT NULL, expires_at BIGINT NOT"
            + " NULL, consumed_at BIGINT, storefront VARCHAR(255), issued_by VARCHAR(255),"
            + " pending_password_hash VARCHAR(512), revoked BOOLEAN NOT NULL DEFAULT FALSE)");
    store = JdbcTicketStore.builder(db.dataSource(), db.dialect()).tableName(OLD_TABLE).build();
  }

  private static Ticket code() {
    byte[] hash = new byte[TokenHash.BYTES];
    new SecureRandom().nextBytes(hash);
    return new Ticket(
        TokenHash.of(hash),
        JANE,
        TicketPurpose.RESET_CODE,
        NOW,
        NOW.plus(Duration.ofMinutes(15)),
        null,
        null,
        null,
        null);
  }

  @Test
  void countingAWrongCodeOnATableWithoutTheColumnFailsNamingTheStatementThatAddsIt() {
    Ticket code = code();
    store.save(code);

    assertThatThrownBy(
            () -> store.recordFailedAttempt(JANE, TicketPurpose.RESET_CODE, 5, NOW.plusSeconds(1)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("JdbcTicketStore.recordFailedAttempt on " + OLD_TABLE)
        .hasMessageContaining("no failed_attempts column")
        .hasMessageContaining(
            "ALTER TABLE " + OLD_TABLE + " ADD COLUMN failed_attempts INT NOT NULL DEFAULT 0");
    assertThat(store.findByTokenHash(code.tokenHash())).as("left as it was").contains(code);

    // The statement the message gives, as given.
    db.execute(Statements.ticketAddFailedAttempts(OLD_TABLE));

    assertThat(store.recordFailedAttempt(JANE, TicketPurpose.RESET_CODE, 5, NOW.plusSeconds(2)))
        .isEqualTo(1);
    assertThat(store.findByTokenHash(code.tokenHash())).contains(code);
  }

  @Test
  void linksKeepWorkingOnATableWithoutTheColumn() {
    Ticket code = code();
    store.save(code);

    assertThat(store.consume(code.tokenHash(), NOW.plusSeconds(1))).contains(code);
    assertThat(store.findByTokenHash(code.tokenHash())).contains(code.consumed(NOW.plusSeconds(1)));
  }

  @Test
  void theShippedScriptsUpgradeStatementAddsTheColumnAndCanRunAgain() {
    List<String> upgrades =
        JdbcSchema.statements(JdbcSchema.script(db.dialect())).stream()
            .filter(s -> s.startsWith("ALTER TABLE " + JdbcSchema.DEFAULT_TICKET_TABLE))
            .toList();
    if (db.dialect() == Dialect.MYSQL) {
      assertThat(upgrades).as("MySQL has no ADD COLUMN IF NOT EXISTS").isEmpty();
      return;
    }
    assertThat(upgrades).hasSize(1);
    String upgrade =
        upgrades.get(0).replace(JdbcSchema.DEFAULT_TICKET_TABLE + " ", OLD_TABLE + " ");
    Ticket code = code();
    store.save(code);

    db.execute(upgrade);
    db.execute(upgrade);

    assertThat(store.recordFailedAttempt(JANE, TicketPurpose.RESET_CODE, 1, NOW.plusSeconds(1)))
        .isEqualTo(1);
    assertThat(store.findByTokenHash(code.tokenHash())).contains(code.revoked(NOW.plusSeconds(1)));
  }

  @Test
  void aMissingSecretsTableFailsNamingIt() {
    JdbcSettingsStore settings =
        JdbcSettingsStore.builder(db.dataSource(), db.dialect())
            .secretTableName("no_such_secrets")
            .build();

    assertThatThrownBy(() -> settings.secret("reset-code-hmac", () -> new byte[32]))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("JdbcSettingsStore.secret on no_such_secrets")
        .hasMessageContaining("the secrets table does not exist")
        .hasMessageContaining("JdbcSchema.create");
  }
}

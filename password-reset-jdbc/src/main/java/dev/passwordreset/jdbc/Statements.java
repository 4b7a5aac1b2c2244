package dev.passwordreset.jdbc;

import java.sql.SQLException;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the stores, written out per database (after ShedLock's {@code SqlStatementsSource}):
 * one subclass per {@link Dialect}, each holding the statements that are atomic on that database,
 * and that database's error codes for a duplicate key and a deadlock. Statements the databases
 * share are written once here. Table names reach this class validated ({@link Sql#tableName}).
 *
 * <p>Thread-safe (stateless).
 */
abstract class Statements {

  /** How a store's consume reads the ticket it claims. */
  enum Consume {
    /** One statement both claims the row and returns it as it was ({@code executeQuery}). */
    ONE_STATEMENT,
    /**
     * A plain read of the row, then one conditional {@code UPDATE} that claims it (auto-commit).
     * Exact because the columns read never change after insert, but {@code consumed_at} (and {@code
     * revoked} with it); {@code failed_attempts} changes but is not read.
     */
    READ_THEN_CLAIM
  }

  /** How the throttle store's increment learns the new count. */
  enum Count {
    /** One upsert that returns the count ({@code executeQuery}). */
    UPSERT_RETURNING,
    /**
     * One upsert that leaves the count in {@code LAST_INSERT_ID()}, read on the same connection.
     */
    UPSERT_LAST_INSERT_ID,
    /** A short transaction: update the locked row and read it back, or insert it. */
    TRANSACTION
  }

  static final String TICKET_COLUMNS =
      "token_hash, customer_id, purpose, issued_at, expires_at, consumed_at, storefront,"
          + " issued_by, pending_password_hash, revoked";

  private static final Statements POSTGRESQL = new PostgreSql();
  private static final Statements H2 = new H2();
  private static final Statements MARIADB = new MariaDb();
  private static final Statements MYSQL = new MySql();

  static Statements of(Dialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return POSTGRESQL;
      case H2:
        return H2;
      case MARIADB:
        return MARIADB;
      case MYSQL:
        return MYSQL;
      default:
        throw new IllegalArgumentException("dialect " + dialect + " has no statements");
    }
  }

  // ---- Tickets --------------------------------------------------------------------------------

  String ticketInsert(String table) {
    return "INSERT INTO "
        + table
        + " ("
        + TICKET_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  String ticketSelect(String table) {
    return "SELECT " + TICKET_COLUMNS + " FROM " + table + " WHERE token_hash = ?";
  }

  /**
   * The claim of an outstanding, unexpired ticket. Parameters: consumed at (millis), token hash,
   * the same instant again (the ticket must expire after it). For {@link Consume#ONE_STATEMENT} it
   * returns {@link #TICKET_COLUMNS} of the row it claimed.
   */
  abstract String ticketConsume(String table);

  abstract Consume consume();

  /** Parameters: revoked at, customer id, then one per purpose. */
  String ticketRevoke(String table, int purposes) {
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < purposes; i++) {
      marks.add("?");
    }
    return "UPDATE "
        + table
        + " SET consumed_at = ?, revoked = TRUE"
        + " WHERE customer_id = ? AND consumed_at IS NULL AND purpose IN "
        + marks;
  }

  /**
   * Deletes at most {@code batch} rows whose {@code expires_at <= ?}: a {@code LIMIT} inside an
   * {@code IN} subquery (PostgreSQL, H2); MariaDB and MySQL refuse that and override it.
   */
  String ticketPurge(String table, int batch) {
    return "DELETE FROM "
        + table
        + " WHERE token_hash IN (SELECT token_hash FROM "
        + table
        + " WHERE expires_at <= ? LIMIT "
        + batch
        + ")";
  }

  /** The plain conditional claim shared by the databases without a one-statement form. */
  static String ticketClaim(String table) {
    return "UPDATE "
        + table
        + " SET consumed_at = ? WHERE token_hash = ? AND consumed_at IS NULL AND expires_at > ?";
  }

  /** How {@code recordFailedAttempt} learns a ticket's new count of wrong tries. */
  enum Attempt {
    /** One statement both counts and returns the new count ({@code executeQuery}). */
    RETURNING,
    /**
     * One statement counts and leaves the new count in {@code LAST_INSERT_ID()}, read back on the
     * same connection (and only when the statement matched a row).
     */
    LAST_INSERT_ID
  }

  /**
   * The {@code SET} list of the wrong-try count: the revocation first, judged on {@code
   * failed_attempts + 1}, then the count itself, so the statement means the same where the
   * assignments see the row as it was (PostgreSQL, H2) and where they run left to right and see the
   * earlier ones (MariaDB, MySQL). Parameters: limit, now (millis), limit.
   *
   * @param count the new count's expression, e.g. {@code failed_attempts + 1}
   */
  static String attemptSet(String count) {
    return " SET consumed_at = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE consumed_at END,"
        + " revoked = CASE WHEN failed_attempts + 1 >= ? THEN TRUE ELSE revoked END,"
        + " failed_attempts = "
        + count;
  }

  /**
   * The condition of the wrong-try count: the customer's outstanding, unexpired tickets of one
   * purpose. Parameters: customer id, purpose, now (millis).
   */
  static final String ATTEMPT_WHERE =
      " WHERE customer_id = ? AND purpose = ? AND consumed_at IS NULL AND expires_at > ?";

  /**
   * The atomic count of one wrong try (see {@link #attempt()}): one conditional {@code UPDATE} of
   * the rows of {@link #ATTEMPT_WHERE}, with {@link #attemptSet}. Parameters: limit, now, limit,
   * customer id, purpose, now.
   */
  abstract String ticketAttempt(String table);

  abstract Attempt attempt();

  /** The statement that reads the count {@link Attempt#LAST_INSERT_ID} left on the connection. */
  static final String LAST_INSERT_ID = "SELECT LAST_INSERT_ID()";

  /**
   * The statement that adds the wrong-try column to a ticket table created before it existed; the
   * error of {@code recordFailedAttempt} on such a table quotes it.
   */
  static String ticketAddFailedAttempts(String table) {
    return "ALTER TABLE " + table + " ADD COLUMN failed_attempts INT NOT NULL DEFAULT 0";
  }

  // ---- Throttle counters ----------------------------------------------------------------------

  abstract Count count();

  /**
   * The upsert of {@link Count#UPSERT_RETURNING} or {@link Count#UPSERT_LAST_INSERT_ID}.
   * Parameters: key, expires at. Null for {@link Count#TRANSACTION}.
   */
  abstract String throttleUpsert(String table);

  /** Parameters: expires at, key. */
  String throttleUpdate(String table) {
    return "UPDATE "
        + table
        + " SET hits = hits + 1, expires_at = GREATEST(expires_at, ?) WHERE throttle_key = ?";
  }

  String throttleInsert(String table) {
    return "INSERT INTO " + table + " (throttle_key, hits, expires_at) VALUES (?, 1, ?)";
  }

  String throttleSelect(String table) {
    return "SELECT hits FROM " + table + " WHERE throttle_key = ?";
  }

  /**
   * The conditional upsert of {@code tryAcquire} where the database has one (PostgreSQL): counts
   * one only while {@code hits < limit}, and returns a row only then. Parameters: key, expires at,
   * limit. Null elsewhere: the store then runs {@link #throttleAcquireUpdate} in a transaction.
   */
  @Nullable String throttleAcquireUpsert(String table) {
    return null;
  }

  /** Counts one on an existing row below the limit. Parameters: expires at, key, limit. */
  String throttleAcquireUpdate(String table) {
    return "UPDATE "
        + table
        + " SET hits = hits + 1, expires_at = GREATEST(expires_at, ?)"
        + " WHERE throttle_key = ? AND hits < ?";
  }

  /** Gives one back, never below zero. Parameter: key. */
  String throttleRelease(String table) {
    return "UPDATE " + table + " SET hits = hits - 1 WHERE throttle_key = ? AND hits > 0";
  }

  /** Removes a counter. Parameter: key. */
  String throttleDelete(String table) {
    return "DELETE FROM " + table + " WHERE throttle_key = ?";
  }

  String throttlePurge(String table) {
    return "DELETE FROM " + table + " WHERE expires_at <= ?";
  }

  // ---- Settings -------------------------------------------------------------------------------

  String settingsSelect(String table) {
    return "SELECT setting_key, setting_value FROM " + table;
  }

  /** One row's upsert. Parameters: key, value. */
  abstract String settingsUpsert(String table);

  /**
   * Inserts a secret unless one of that name exists (then it does nothing, and the first writer's
   * secret stays). Parameters: name, value.
   */
  abstract String secretInsertIfAbsent(String table);

  /** Parameter: name. */
  String secretSelect(String table) {
    return "SELECT secret_value FROM " + table + " WHERE secret_name = ?";
  }

  // ---- Customers ------------------------------------------------------------------------------

  /**
   * Whether the database has {@code TIMESTAMP WITH TIME ZONE} (bound as {@code OffsetDateTime}); if
   * not, an instant is kept in a {@code DATETIME(6)} as UTC, bound as {@code LocalDateTime}.
   */
  boolean timestampWithTimeZone() {
    return true;
  }

  // ---- Errors ---------------------------------------------------------------------------------

  /** Whether a failure (or one chained to it) is a unique-key violation on this database. */
  final boolean isDuplicateKey(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (duplicateKey(s)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a failure is a deadlock or serialization failure, after which a retry may succeed. */
  final boolean isDeadlock(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (deadlock(s)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a failure (or one chained to it) says a column the statement names does not exist. */
  final boolean isUndefinedColumn(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (undefinedColumn(s)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a failure (or one chained to it) says a table the statement names does not exist. */
  final boolean isUndefinedTable(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (undefinedTable(s)) {
        return true;
      }
    }
    return false;
  }

  abstract boolean duplicateKey(SQLException e);

  abstract boolean deadlock(SQLException e);

  abstract boolean undefinedColumn(SQLException e);

  abstract boolean undefinedTable(SQLException e);

  /**
   * PostgreSQL: {@code ON CONFLICT}, {@code UPDATE ... RETURNING}, SQLStates 23505, 40001/40P01.
   */
  static final class PostgreSql extends Statements {
    @Override
    String ticketConsume(String table) {
      return ticketClaim(table) + " RETURNING " + TICKET_COLUMNS;
    }

    @Override
    Consume consume() {
      return Consume.ONE_STATEMENT;
    }

    @Override
    String ticketAttempt(String table) {
      return "UPDATE "
          + table
          + attemptSet("failed_attempts + 1")
          + ATTEMPT_WHERE
          + " RETURNING failed_attempts";
    }

    @Override
    Attempt attempt() {
      return Attempt.RETURNING;
    }

    @Override
    Count count() {
      return Count.UPSERT_RETURNING;
    }

    @Override
    String throttleAcquireUpsert(String table) {
      return "INSERT INTO "
          + table
          + " AS t (throttle_key, hits, expires_at) VALUES (?, 1, ?)"
          + " ON CONFLICT (throttle_key) DO UPDATE SET hits = t.hits + 1,"
          + " expires_at = GREATEST(t.expires_at, EXCLUDED.expires_at) WHERE t.hits < ?"
          + " RETURNING hits";
    }

    @Override
    String throttleUpsert(String table) {
      return "INSERT INTO "
          + table
          + " AS t (throttle_key, hits, expires_at) VALUES (?, 1, ?)"
          + " ON CONFLICT (throttle_key) DO UPDATE SET hits = t.hits + 1,"
          + " expires_at = GREATEST(t.expires_at, EXCLUDED.expires_at) RETURNING hits";
    }

    @Override
    String settingsUpsert(String table) {
      return "INSERT INTO "
          + table
          + " (setting_key, setting_value) VALUES (?, ?)"
          + " ON CONFLICT (setting_key) DO UPDATE SET setting_value = EXCLUDED.setting_value";
    }

    @Override
    String secretInsertIfAbsent(String table) {
      return "INSERT INTO "
          + table
          + " (secret_name, secret_value) VALUES (?, ?) ON CONFLICT (secret_name) DO NOTHING";
    }

    @Override
    boolean duplicateKey(SQLException e) {
      return "23505".equals(e.getSQLState());
    }

    @Override
    boolean deadlock(SQLException e) {
      return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    @Override
    boolean undefinedColumn(SQLException e) {
      return "42703".equals(e.getSQLState());
    }

    @Override
    boolean undefinedTable(SQLException e) {
      return "42P01".equals(e.getSQLState());
    }
  }

  /**
   * H2 2.x: {@code SELECT ... FROM OLD TABLE (UPDATE ...)}, {@code MERGE ... KEY}, SQLStates 23505
   * and 40001.
   */
  static final class H2 extends Statements {
    @Override
    String ticketConsume(String table) {
      return "SELECT " + TICKET_COLUMNS + " FROM OLD TABLE (" + ticketClaim(table) + ")";
    }

    @Override
    Consume consume() {
      return Consume.ONE_STATEMENT;
    }

    @Override
    String ticketAttempt(String table) {
      return "SELECT failed_attempts FROM FINAL TABLE (UPDATE "
          + table
          + attemptSet("failed_attempts + 1")
          + ATTEMPT_WHERE
          + ")";
    }

    @Override
    Attempt attempt() {
      return Attempt.RETURNING;
    }

    @Override
    Count count() {
      return Count.TRANSACTION;
    }

    @Override
    String throttleUpsert(String table) {
      throw new UnsupportedOperationException("H2 counts in a transaction");
    }

    @Override
    String settingsUpsert(String table) {
      return "MERGE INTO "
          + table
          + " (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)";
    }

    /** A {@code MERGE} that only inserts; two concurrent ones may still meet as a duplicate key. */
    @Override
    String secretInsertIfAbsent(String table) {
      return "MERGE INTO "
          + table
          + " t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARBINARY(1024))))"
          + " AS s (secret_name, secret_value) ON t.secret_name = s.secret_name"
          + " WHEN NOT MATCHED THEN INSERT (secret_name, secret_value)"
          + " VALUES (s.secret_name, s.secret_value)";
    }

    @Override
    boolean duplicateKey(SQLException e) {
      return "23505".equals(e.getSQLState());
    }

    @Override
    boolean deadlock(SQLException e) {
      return "40001".equals(e.getSQLState());
    }

    /** H2's COLUMN_NOT_FOUND_1 (SQLState 42S22). */
    @Override
    boolean undefinedColumn(SQLException e) {
      return "42S22".equals(e.getSQLState()) || e.getErrorCode() == 42122;
    }

    /** H2's TABLE_OR_VIEW_NOT_FOUND_1 (SQLState 42S02, with or without the database path). */
    @Override
    boolean undefinedTable(SQLException e) {
      return "42S02".equals(e.getSQLState()) || "42S03".equals(e.getSQLState());
    }
  }

  /** The error codes MariaDB and MySQL share: ER_DUP_ENTRY 1062, ER_LOCK_DEADLOCK 1213. */
  abstract static class MySqlFamily extends Statements {
    static final int ER_DUP_ENTRY = 1062;
    static final int ER_LOCK_DEADLOCK = 1213;
    static final int ER_BAD_FIELD_ERROR = 1054;
    static final int ER_NO_SUCH_TABLE = 1146;

    @Override
    boolean timestampWithTimeZone() {
      return false;
    }

    @Override
    Consume consume() {
      return Consume.READ_THEN_CLAIM;
    }

    @Override
    String ticketConsume(String table) {
      return ticketClaim(table);
    }

    /**
     * Neither has {@code UPDATE ... RETURNING}: the new count goes into the connection's {@code
     * LAST_INSERT_ID(expr)}, read back by {@link #LAST_INSERT_ID} after the {@code UPDATE} matched.
     * Assignments run left to right here, so the revocation (first) still sees the old count.
     */
    @Override
    String ticketAttempt(String table) {
      return "UPDATE " + table + attemptSet("LAST_INSERT_ID(failed_attempts + 1)") + ATTEMPT_WHERE;
    }

    @Override
    Attempt attempt() {
      return Attempt.LAST_INSERT_ID;
    }

    /**
     * Not {@code INSERT IGNORE}, which would also turn a truncated value into a warning: a no-op
     * update of the key on a duplicate.
     */
    @Override
    String secretInsertIfAbsent(String table) {
      return "INSERT INTO "
          + table
          + " (secret_name, secret_value) VALUES (?, ?)"
          + " ON DUPLICATE KEY UPDATE secret_name = secret_name";
    }

    /** MariaDB and MySQL refuse {@code LIMIT} in an {@code IN} subquery, not in a DELETE. */
    @Override
    String ticketPurge(String table, int batch) {
      return "DELETE FROM " + table + " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + batch;
    }

    @Override
    boolean duplicateKey(SQLException e) {
      return e.getErrorCode() == ER_DUP_ENTRY
          || ("23000".equals(e.getSQLState()) && e.getErrorCode() == 0);
    }

    @Override
    boolean deadlock(SQLException e) {
      return e.getErrorCode() == ER_LOCK_DEADLOCK || "40001".equals(e.getSQLState());
    }

    @Override
    boolean undefinedColumn(SQLException e) {
      return e.getErrorCode() == ER_BAD_FIELD_ERROR || "42S22".equals(e.getSQLState());
    }

    @Override
    boolean undefinedTable(SQLException e) {
      return e.getErrorCode() == ER_NO_SUCH_TABLE || "42S02".equals(e.getSQLState());
    }
  }

  /**
   * MariaDB 10.5+: {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING} (MariaDB has no {@code
   * UPDATE ... RETURNING}), {@code VALUES(column)} in the update list.
   */
  static final class MariaDb extends MySqlFamily {
    @Override
    Count count() {
      return Count.UPSERT_RETURNING;
    }

    @Override
    String throttleUpsert(String table) {
      return "INSERT INTO "
          + table
          + " (throttle_key, hits, expires_at) VALUES (?, 1, ?)"
          + " ON DUPLICATE KEY UPDATE hits = hits + 1,"
          + " expires_at = GREATEST(expires_at, VALUES(expires_at)) RETURNING hits";
    }

    @Override
    String settingsUpsert(String table) {
      return "INSERT INTO "
          + table
          + " (setting_key, setting_value) VALUES (?, ?)"
          + " ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)";
    }
  }

  /**
   * MySQL 8.0.19+: no {@code RETURNING} at all, so the counter's upsert leaves the new count in
   * {@code LAST_INSERT_ID(expr)} (per connection); row aliases instead of the deprecated {@code
   * VALUES(column)}.
   */
  static final class MySql extends MySqlFamily {
    @Override
    Count count() {
      return Count.UPSERT_LAST_INSERT_ID;
    }

    @Override
    String throttleUpsert(String table) {
      return "INSERT INTO "
          + table
          + " (throttle_key, hits, expires_at) VALUES (?, LAST_INSERT_ID(1), ?) AS fresh"
          + " ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1),"
          + " expires_at = GREATEST(expires_at, fresh.expires_at)";
    }

    @Override
    String settingsUpsert(String table) {
      return "INSERT INTO "
          + table
          + " (setting_key, setting_value) VALUES (?, ?) AS fresh"
          + " ON DUPLICATE KEY UPDATE setting_value = fresh.setting_value";
    }
  }
}

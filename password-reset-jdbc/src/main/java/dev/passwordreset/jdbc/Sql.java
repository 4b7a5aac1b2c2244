package dev.passwordreset.jdbc;

import dev.passwordreset.api.PasswordResetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the stores: identifier checks, connections, transactions, failures. */
final class Sql {
  private Sql() {}

  /** An unquoted identifier, optionally qualified by one schema name. */
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  /** A plain column name: never schema-qualified. */
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  static String tableName(@Nullable String value, String parameter) {
    Objects.requireNonNull(value, () -> parameter + " must not be null");
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          parameter
              + " must be an SQL identifier (a letter or underscore, then letters, digits or"
              + " underscores, at most 63; optionally schema-qualified as schema.table), was '"
              + value
              + "'");
    }
    return value;
  }

  static String columnName(@Nullable String value, String parameter) {
    Objects.requireNonNull(value, () -> parameter + " must not be null");
    if (!COLUMN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          parameter
              + " must be an SQL column name (a letter or underscore, then letters, digits or"
              + " underscores, at most 63), was '"
              + value
              + "'");
    }
    return value;
  }

  static int positive(int value, String parameter) {
    if (value < 1) {
      throw new IllegalArgumentException(parameter + " must be at least 1, was " + value);
    }
    return value;
  }

  static PasswordResetException failure(String operation, String what, SQLException e) {
    return new PasswordResetException(
        operation + " failed: " + what + " (SQLState " + e.getSQLState() + "): " + e.getMessage(),
        e);
  }

  /**
   * Waits a random few milliseconds, growing with the attempt, before a deadlock's victim tries
   * again: retried at once, the same callers meet in the same locks again (seen on MariaDB, whose
   * gap locks make concurrent first inserts of one key deadlock). Not a decision anyone observes,
   * so not the engine's clock. Returns false if interrupted (the interrupt is kept).
   */
  static boolean backOff(int attempt) {
    try {
      Thread.sleep(1 + ThreadLocalRandom.current().nextInt(2 + 4 * Math.min(attempt, 10)));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A call whose work the database rolls back whole when it picks it as a deadlock's victim. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws SQLException;
  }

  /**
   * Runs a call, and again (after {@link #backOff}) each time the database picks it as a deadlock's
   * victim, at most {@code maxAttempts} times in all; any other failure, or the last deadlock, is
   * thrown.
   */
  static <T> T retryingDeadlocks(Statements statements, int maxAttempts, Call<T> call)
      throws SQLException {
    return retrying(statements, maxAttempts, false, call);
  }

  /**
   * Runs a call that may lose a race to another caller, and again when it did: as {@link
   * #retryingDeadlocks}, and also, at once, when another caller inserted the same key first (the
   * key exists now, so the next try updates it). At most {@code maxAttempts} times in all; any
   * other failure, or the last lost race, is thrown.
   */
  static <T> T retryingRaces(Statements statements, int maxAttempts, Call<T> call)
      throws SQLException {
    return retrying(statements, maxAttempts, true, call);
  }

  private static <T> T retrying(
      Statements statements, int maxAttempts, boolean duplicateKeys, Call<T> call)
      throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.run();
      } catch (SQLException e) {
        boolean deadlock = statements.isDeadlock(e);
        boolean lostRace = deadlock || (duplicateKeys && statements.isDuplicateKey(e));
        if (!lostRace || attempt + 1 >= maxAttempts || (deadlock && !backOff(attempt))) {
          throw e;
        }
      }
    }
  }

  /** Work done on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs work on a borrowed connection in auto-commit mode. */
  static <T> T autoCommit(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.run(connection);
    }
  }

  /**
   * Runs work in one transaction: committed if it returns, rolled back if it throws. The
   * connection's auto-commit mode is restored before it goes back to a pool.
   */
  static <T> T transaction(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        if (autoCommit) {
          try {
            connection.setAutoCommit(true);
          } catch (SQLException ignored) {
            // The connection is broken; closing it below is all that is left to do.
          }
        }
      }
    }
  }
}

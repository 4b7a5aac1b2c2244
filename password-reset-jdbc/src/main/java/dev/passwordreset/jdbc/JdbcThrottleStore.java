package dev.passwordreset.jdbc;

import dev.passwordreset.api.ThrottleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ThrottleStore} in one table, so that per-account and per-client limits hold across every
 * node sharing the database. Create the table with {@link JdbcSchema#create(DataSource, Dialect)}.
 *
 * <p>{@link #incrementAndGet} is atomic: on PostgreSQL one {@code INSERT ... ON CONFLICT DO UPDATE
 * ... RETURNING}; on MariaDB one {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}; on MySQL
 * one {@code INSERT ... ON DUPLICATE KEY UPDATE} that leaves the count in the connection's {@code
 * LAST_INSERT_ID()}; on H2 a short transaction that increments the locked row and reads it back, or
 * inserts it. {@link #tryAcquire} takes one only while the count is below the limit: on PostgreSQL
 * the same upsert with {@code ON CONFLICT ... DO UPDATE ... WHERE hits < ?}, elsewhere a short
 * transaction ({@code UPDATE ... WHERE hits < ?}, else read, else insert), so the row's lock
 * decides every race; {@link #release} is one {@code UPDATE ... SET hits = hits - 1 WHERE hits > 0}
 * and {@link #delete} one {@code DELETE}. A call that loses a race (the database's duplicate-key or
 * deadlock error) is retried. Expiries are stored as UTC epoch milliseconds; a counter's expiry
 * only ever moves later.
 *
 * <p>Thread-safe. Database failures are thrown as {@link
 * dev.passwordreset.api.PasswordResetException} with the SQLState in the message.
 */
public final class JdbcThrottleStore implements ThrottleStore {

  /** The longest key the table holds. */
  public static final int MAX_KEY_LENGTH = 128;

  private static final int MAX_ATTEMPTS = 20;

  private final DataSource dataSource;
  private final Statements statements;
  private final String table;
  private final @Nullable String upsertSql;
  private final String updateSql;
  private final String insertSql;
  private final String selectSql;
  private final String purgeSql;
  private final @Nullable String acquireUpsertSql;
  private final String acquireUpdateSql;
  private final String releaseSql;
  private final String deleteSql;

  private JdbcThrottleStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.statements = Statements.of(builder.dialect);
    this.table = builder.tableName;
    this.upsertSql =
        statements.count() == Statements.Count.TRANSACTION
            ? null
            : statements.throttleUpsert(table);
    this.updateSql = statements.throttleUpdate(table);
    this.insertSql = statements.throttleInsert(table);
    this.selectSql = statements.throttleSelect(table);
    this.purgeSql = statements.throttlePurge(table);
    this.acquireUpsertSql = statements.throttleAcquireUpsert(table);
    this.acquireUpdateSql = statements.throttleAcquireUpdate(table);
    this.releaseSql = statements.throttleRelease(table);
    this.deleteSql = statements.throttleDelete(table);
  }

  /**
   * Starts a builder.
   *
   * @param dataSource where the table lives
   * @param dialect the database's dialect
   * @return the builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(DataSource dataSource, Dialect dialect) {
    return new Builder(dataSource, dialect);
  }

  /**
   * A store over the default table {@value JdbcSchema#DEFAULT_THROTTLE_TABLE}.
   *
   * @param dataSource where the table lives
   * @param dialect the database's dialect
   * @return the store
   * @throws NullPointerException if an argument is null
   */
  public static JdbcThrottleStore create(DataSource dataSource, Dialect dialect) {
    return builder(dataSource, dialect).build();
  }

  /**
   * The table this store uses.
   *
   * @return the validated table name
   */
  public String tableName() {
    return table;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key is blank or longer than {@value #MAX_KEY_LENGTH}
   */
  @Override
  public long incrementAndGet(String key, Instant expiresAt) {
    checkKey(key);
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
    long expiry = expiresAt.toEpochMilli();
    try {
      return Sql.retryingRaces(statements, MAX_ATTEMPTS, () -> increment(key, expiry));
    } catch (SQLException e) {
      throw Sql.failure("JdbcThrottleStore.incrementAndGet on " + table, "could not count", e);
    }
  }

  private long increment(String key, long expiry) throws SQLException {
    switch (statements.count()) {
      case UPSERT_RETURNING:
        return Sql.autoCommit(
            dataSource,
            connection -> {
              try (PreparedStatement ps =
                  connection.prepareStatement(Objects.requireNonNull(upsertSql))) {
                ps.setString(1, key);
                ps.setLong(2, expiry);
                // execute(), not executeQuery(): MySQL Connector/J refuses executeQuery() for a
                // statement that does not start with SELECT, even one that returns rows.
                ps.execute();
                try (ResultSet rs = Objects.requireNonNull(ps.getResultSet(), "no count")) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
      case UPSERT_LAST_INSERT_ID:
        return Sql.autoCommit(
            dataSource,
            connection -> {
              try (PreparedStatement ps =
                  connection.prepareStatement(Objects.requireNonNull(upsertSql))) {
                ps.setString(1, key);
                ps.setLong(2, expiry);
                ps.executeUpdate();
              }
              // LAST_INSERT_ID() is the connection's own: no other caller can change it here.
              try (PreparedStatement ps = connection.prepareStatement(Statements.LAST_INSERT_ID);
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
      default:
        return Sql.transaction(
            dataSource, connection -> incrementInTransaction(connection, key, expiry));
    }
  }

  private long incrementInTransaction(Connection connection, String key, long expiry)
      throws SQLException {
    int updated;
    try (PreparedStatement ps = connection.prepareStatement(updateSql)) {
      ps.setLong(1, expiry);
      ps.setString(2, key);
      updated = ps.executeUpdate();
    }
    if (updated == 0) {
      try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
        ps.setString(1, key);
        ps.setLong(2, expiry);
        ps.executeUpdate();
      }
      return 1;
    }
    // The row stays locked by the UPDATE until commit, so this reads this call's increment.
    try (PreparedStatement ps = connection.prepareStatement(selectSql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key is blank or longer than {@value #MAX_KEY_LENGTH}
   */
  @Override
  public boolean tryAcquire(String key, long limit, Instant now, Instant expiresAt) {
    checkKey(key);
    Objects.requireNonNull(now, "now must not be null");
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
    if (limit <= 0) {
      return false;
    }
    long expiry = expiresAt.toEpochMilli();
    try {
      String upsert = acquireUpsertSql;
      if (upsert != null) {
        return Sql.autoCommit(
            dataSource,
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(upsert)) {
                ps.setString(1, key);
                ps.setLong(2, expiry);
                ps.setLong(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next(); // no row: the counter was at its limit
                }
              }
            });
      }
      return Sql.retryingRaces(
          statements,
          MAX_ATTEMPTS,
          () ->
              Sql.transaction(
                  dataSource, connection -> acquireInTransaction(connection, key, limit, expiry)));
    } catch (SQLException e) {
      throw Sql.failure("JdbcThrottleStore.tryAcquire on " + table, "could not count", e);
    }
  }

  private boolean acquireInTransaction(Connection connection, String key, long limit, long expiry)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(acquireUpdateSql)) {
      ps.setLong(1, expiry);
      ps.setString(2, key);
      ps.setLong(3, limit);
      if (ps.executeUpdate() == 1) {
        return true;
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(selectSql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false; // the counter exists and is at its limit
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
      ps.setString(1, key);
      ps.setLong(2, expiry);
      ps.executeUpdate();
    }
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key is blank or longer than {@value #MAX_KEY_LENGTH}
   */
  @Override
  public void release(String key, Instant now) {
    checkKey(key);
    Objects.requireNonNull(now, "now must not be null");
    update("release", releaseSql, key);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key is blank or longer than {@value #MAX_KEY_LENGTH}
   */
  @Override
  public void delete(String key) {
    checkKey(key);
    update("delete", deleteSql, key);
  }

  private void update(String operation, String sql, String key) {
    try {
      Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
              ps.setString(1, key);
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw Sql.failure(
          "JdbcThrottleStore." + operation + " on " + table, "could not change a counter", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key is blank or longer than {@value #MAX_KEY_LENGTH}
   */
  @Override
  public long get(String key) {
    checkKey(key);
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(selectSql)) {
              ps.setString(1, key);
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
              }
            }
          });
    } catch (SQLException e) {
      throw Sql.failure("JdbcThrottleStore.get on " + table, "could not read a counter", e);
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(purgeSql)) {
              ps.setLong(1, now.toEpochMilli());
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw Sql.failure(
          "JdbcThrottleStore.purgeExpired on " + table, "could not purge counters", e);
    }
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key must not be null");
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "key must be 1 to " + MAX_KEY_LENGTH + " characters, had " + key.length());
    }
  }

  /** Builds a {@link JdbcThrottleStore}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private final Dialect dialect;
    private String tableName = JdbcSchema.DEFAULT_THROTTLE_TABLE;

    private Builder(DataSource dataSource, Dialect dialect) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
      this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
    }

    /**
     * The table to use (default {@value JdbcSchema#DEFAULT_THROTTLE_TABLE}).
     *
     * @param tableName an unquoted SQL identifier, optionally schema-qualified
     * @return this builder
     * @throws IllegalArgumentException if it is not such an identifier (the message names {@code
     *     tableName} and the bad value)
     */
    public Builder tableName(String tableName) {
      this.tableName = Sql.tableName(tableName, "tableName");
      return this;
    }

    /**
     * Builds the store, after checking that the data source connects to the dialect's database (one
     * connection, opened and closed).
     *
     * @return the store
     * @throws IllegalArgumentException if the data source connects to another database than the
     *     dialect's (the message names both)
     * @throws dev.passwordreset.api.PasswordResetException if no connection can be opened
     */
    public JdbcThrottleStore build() {
      dialect.check(dataSource, "JdbcThrottleStore");
      return new JdbcThrottleStore(this);
    }
  }
}

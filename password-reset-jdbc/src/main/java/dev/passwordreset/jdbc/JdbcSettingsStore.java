package dev.passwordreset.jdbc;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SettingsStore} in a key/value table, so the administrator's settings survive restarts
 * and every node sees them. Create the table with {@link JdbcSchema#create(DataSource, Dialect)}.
 *
 * <p>One row per setting: {@code allowManualEntry} and {@code signInAfterReset} hold {@code true}
 * or {@code false}, the durations ISO-8601 text such as {@code PT30M}. {@link #save} writes every
 * row in one transaction (an upsert per row, in the dialect's own form), so a reader sees the old
 * settings or the new ones, never a mix. A setting missing from the table (e.g. one added by a
 * later version) takes its {@linkplain ResetSettings#defaults() default}; unknown rows are ignored.
 *
 * <p>{@link #secret} keeps named secrets (the reset codes' HMAC key) in a second table, {@value
 * JdbcSchema#DEFAULT_SECRET_TABLE} by default: one row per name, the value as bytes, written once
 * by the first node that asks and never changed.
 *
 * <p>The store is dumb: it reads the table at every {@link #load()}. The engine caches the settings
 * and reloads them at a bounded interval, which bounds how soon other nodes see a change.
 *
 * <p>Thread-safe. Database failures, and rows that do not parse, are thrown as {@link
 * PasswordResetException}.
 */
public final class JdbcSettingsStore implements SettingsStore {

  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Statements statements;
  private final String table;
  private final String selectSql;
  private final String upsertSql;
  private final String secretTable;
  private final String secretSelectSql;
  private final String secretInsertSql;

  private JdbcSettingsStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.statements = Statements.of(builder.dialect);
    this.table = builder.tableName;
    this.selectSql = statements.settingsSelect(table);
    this.upsertSql = statements.settingsUpsert(table);
    this.secretTable = builder.secretTableName;
    this.secretSelectSql = statements.secretSelect(secretTable);
    this.secretInsertSql = statements.secretInsertIfAbsent(secretTable);
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
   * A store over the default table {@value JdbcSchema#DEFAULT_SETTINGS_TABLE}.
   *
   * @param dataSource where the table lives
   * @param dialect the database's dialect
   * @return the store
   * @throws NullPointerException if an argument is null
   */
  public static JdbcSettingsStore create(DataSource dataSource, Dialect dialect) {
    return builder(dataSource, dialect).build();
  }

  /**
   * The table this store keeps the settings in.
   *
   * @return the validated table name
   */
  public String tableName() {
    return table;
  }

  /**
   * The table this store keeps the secrets of {@link #secret} in.
   *
   * @return the validated table name
   */
  public String secretTableName() {
    return secretTable;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: a read of the row; if there is none, the secret is generated and inserted unless a row
   * of that name exists by then ({@code INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL, {@code
   * MERGE ... WHEN NOT MATCHED THEN INSERT} on H2, {@code INSERT ... ON DUPLICATE KEY UPDATE} with
   * no change on MariaDB and MySQL; a duplicate key from a concurrent insert counts as "exists"),
   * and the row is read again: whatever node wrote first, every call on every node returns its
   * secret. Each statement in auto-commit. Concurrent first calls (on one node or several) may each
   * call {@code generate}; only one result is kept.
   *
   * @throws PasswordResetException also if the secrets table does not exist (a schema created
   *     before it: run {@link JdbcSchema#create} again, or the {@code CREATE TABLE} of the script)
   */
  @Override
  public byte[] secret(String name, Supplier<byte[]> generate) {
    SettingsStore.checkSecretName(name);
    Objects.requireNonNull(generate, "generate must not be null");
    try {
      byte[] stored = Sql.autoCommit(dataSource, connection -> readSecret(connection, name));
      if (stored != null) {
        return stored;
      }
      byte[] fresh = SettingsStore.generateSecret(generate);
      // Concurrent first inserts of one key can deadlock on InnoDB's gap locks; the victim's
      // insert was rolled back, so it inserts (or finds the winner's row) again.
      byte[] kept =
          Sql.retryingDeadlocks(
              statements,
              MAX_ATTEMPTS,
              () ->
                  Sql.autoCommit(
                      dataSource,
                      connection -> {
                        insertIfAbsent(connection, name, fresh);
                        return readSecret(connection, name);
                      }));
      if (kept == null) {
        throw new PasswordResetException(
            "JdbcSettingsStore.secret on "
                + secretTable
                + " failed: the secret was inserted but cannot be read back");
      }
      return kept;
    } catch (SQLException e) {
      String what =
          statements.isUndefinedTable(e)
              ? "the secrets table does not exist (a schema created before it): run"
                  + " JdbcSchema.create, or the CREATE TABLE of "
                  + secretTable
                  + " in the shipped script"
              : "could not read or store the secret";
      throw Sql.failure("JdbcSettingsStore.secret on " + secretTable, what, e);
    }
  }

  private void insertIfAbsent(Connection connection, String name, byte[] value)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(secretInsertSql)) {
      ps.setString(1, name);
      ps.setBytes(2, value);
      ps.executeUpdate();
    } catch (SQLException e) {
      // Another node inserted it between our read and our insert: theirs is kept.
      if (!statements.isDuplicateKey(e)) {
        throw e;
      }
    }
  }

  private byte @Nullable [] readSecret(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(secretSelectSql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  @Override
  public Optional<ResetSettings> load() {
    Map<String, String> rows;
    try {
      rows =
          Sql.autoCommit(
              dataSource,
              connection -> {
                Map<String, String> read = new HashMap<>();
                try (PreparedStatement ps = connection.prepareStatement(selectSql);
                    ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    read.put(rs.getString(1), rs.getString(2));
                  }
                }
                return read;
              });
    } catch (SQLException e) {
      throw Sql.failure("JdbcSettingsStore.load on " + table, "could not read the settings", e);
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parse(rows));
  }

  @Override
  public void save(ResetSettings settings) {
    Objects.requireNonNull(settings, "settings must not be null");
    Map<String, String> rows = format(settings);
    try {
      // Two nodes saving at once: a database may report a duplicate key (both inserting the first
      // rows) or a deadlock (upserts locking rows and gaps); the loser tries again.
      Sql.retryingRaces(
          statements,
          MAX_ATTEMPTS,
          () -> Sql.transaction(dataSource, connection -> write(connection, rows)));
    } catch (SQLException e) {
      throw Sql.failure("JdbcSettingsStore.save on " + table, "could not save the settings", e);
    }
  }

  private Object write(Connection connection, Map<String, String> rows) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(upsertSql)) {
      for (Map.Entry<String, String> row : rows.entrySet()) {
        ps.setString(1, row.getKey());
        ps.setString(2, row.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return rows;
  }

  private static Map<String, String> format(ResetSettings s) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("allowManualEntry", Boolean.toString(s.allowManualEntry()));
    rows.put("ticketExpirationDelay", s.ticketExpirationDelay().toString());
    rows.put("selfServiceLinkLifetime", s.selfServiceLinkLifetime().toString());
    rows.put("agentLinkLifetime", s.agentLinkLifetime().toString());
    rows.put("accountSetupLinkLifetime", s.accountSetupLinkLifetime().toString());
    rows.put("signInAfterReset", Boolean.toString(s.signInAfterReset()));
    return rows;
  }

  private ResetSettings parse(Map<String, String> rows) {
    ResetSettings d = ResetSettings.defaults();
    try {
      return new ResetSettings(
          bool(rows, "allowManualEntry", d.allowManualEntry()),
          duration(rows, "ticketExpirationDelay", d.ticketExpirationDelay()),
          duration(rows, "selfServiceLinkLifetime", d.selfServiceLinkLifetime()),
          duration(rows, "agentLinkLifetime", d.agentLinkLifetime()),
          duration(rows, "accountSetupLinkLifetime", d.accountSetupLinkLifetime()),
          bool(rows, "signInAfterReset", d.signInAfterReset()));
    } catch (IllegalArgumentException e) {
      throw new PasswordResetException(
          "JdbcSettingsStore.load on "
              + table
              + ": the stored settings are invalid: "
              + e.getMessage(),
          e);
    }
  }

  private static boolean bool(Map<String, String> rows, String key, boolean fallback) {
    String value = rows.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
  }

  private static Duration duration(Map<String, String> rows, String key, Duration fallback) {
    String value = rows.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + " must be an ISO-8601 duration such as PT30M, was '" + value + "'", e);
    }
  }

  /** Builds a {@link JdbcSettingsStore}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private final Dialect dialect;
    private String tableName = JdbcSchema.DEFAULT_SETTINGS_TABLE;
    private String secretTableName = JdbcSchema.DEFAULT_SECRET_TABLE;

    private Builder(DataSource dataSource, Dialect dialect) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
      this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
    }

    /**
     * The table to use (default {@value JdbcSchema#DEFAULT_SETTINGS_TABLE}).
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
     * The table of the secrets {@link JdbcSettingsStore#secret} keeps (default {@value
     * JdbcSchema#DEFAULT_SECRET_TABLE}).
     *
     * @param secretTableName an unquoted SQL identifier, optionally schema-qualified
     * @return this builder
     * @throws IllegalArgumentException if it is not such an identifier (the message names {@code
     *     secretTableName} and the bad value)
     */
    public Builder secretTableName(String secretTableName) {
      this.secretTableName = Sql.tableName(secretTableName, "secretTableName");
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
    public JdbcSettingsStore build() {
      dialect.check(dataSource, "JdbcSettingsStore");
      return new JdbcSettingsStore(this);
    }
  }
}

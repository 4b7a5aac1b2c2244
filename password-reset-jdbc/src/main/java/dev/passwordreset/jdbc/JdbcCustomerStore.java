package dev.passwordreset.jdbc;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.StoredPassword;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A reference {@link CustomerStore} over a host's customer table whose table and column names are
 * configured through {@link #builder(DataSource)}. The defaults match the shipped reference table
 * ({@link JdbcSchema#createReferenceCustomerTable(DataSource, Dialect)}).
 *
 * <p>What the host's table needs:
 *
 * <ul>
 *   <li>an id column read and bound as text ({@code VARCHAR}; a numeric id column needs a cast in a
 *       view, or a store of the host's own);
 *   <li>a <b>normalized-email column</b> holding {@link CustomerStore#normalizeEmail(String)} of
 *       the email, written by the host whenever it writes an email, with a (preferably unique)
 *       index: {@link #findByEmail} compares it with {@code =}, so the lookup is case-insensitive,
 *       Unicode-aware and uses the index on every database. (SQL's {@code lower()} is not enough:
 *       it neither applies NFKC nor, in PostgreSQL's {@code C} collation, lower-cases non-ASCII
 *       letters.)
 *   <li>the email as typed, a display name (nullable), a locale as a BCP 47 tag (nullable, then
 *       {@link Builder#defaultLocale(Locale)}), an enabled flag ({@code BOOLEAN}), the password
 *       hash (nullable {@code VARCHAR}, at least 128 characters; 512 recommended) and the end of a
 *       temporary password ({@code TIMESTAMP WITH TIME ZONE}, nullable; on MariaDB and MySQL, which
 *       have no such type, a {@code DATETIME(6)} holding UTC).
 * </ul>
 *
 * <p>On MariaDB and MySQL the normalized-email column needs a binary collation ({@code
 * utf8mb4_bin}, as in the shipped script): under their default collations ({@code
 * utf8mb4_general_ci}, {@code utf8mb4_0900_ai_ci}) {@code =} ignores case and accents, so a lookup
 * for {@code muller@...} would find {@code müller@...}.
 *
 * <p>Thread-safe. Each call borrows one connection. Database failures are thrown as {@link
 * PasswordResetException} with the SQLState in the message; a failed {@link #updatePassword} leaves
 * the old password in force (it is one {@code UPDATE}).
 */
public final class JdbcCustomerStore implements CustomerStore {

  private final DataSource dataSource;
  private final String table;
  private final boolean timestampWithTimeZone;
  private final Locale defaultLocale;
  private final String byEmailSql;
  private final String byIdSql;
  private final String passwordSql;
  private final String updatePasswordSql;
  private final String replacePasswordSql;

  private JdbcCustomerStore(Builder b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.timestampWithTimeZone = Statements.of(dialect).timestampWithTimeZone();
    this.table = b.tableName;
    this.defaultLocale = b.defaultLocale;
    String account =
        "SELECT "
            + String.join(
                ", ",
                b.idColumn,
                b.emailColumn,
                b.displayNameColumn,
                b.localeColumn,
                b.enabledColumn)
            + " FROM "
            + table;
    this.byEmailSql = account + " WHERE " + b.normalizedEmailColumn + " = ?";
    this.byIdSql = account + " WHERE " + b.idColumn + " = ?";
    this.passwordSql =
        "SELECT "
            + b.passwordHashColumn
            + ", "
            + b.temporaryUntilColumn
            + " FROM "
            + table
            + " WHERE "
            + b.idColumn
            + " = ?";
    this.updatePasswordSql =
        "UPDATE "
            + table
            + " SET "
            + b.passwordHashColumn
            + " = ?, "
            + b.temporaryUntilColumn
            + " = ? WHERE "
            + b.idColumn
            + " = ?";
    this.replacePasswordSql = updatePasswordSql + " AND " + b.passwordHashColumn + " = ?";
  }

  /**
   * Starts a builder whose defaults match the reference table {@value
   * JdbcSchema#DEFAULT_CUSTOMER_TABLE}: columns {@code id}, {@code email}, {@code
   * email_normalized}, {@code display_name}, {@code locale}, {@code enabled}, {@code
   * password_hash}, {@code password_temporary_until}.
   *
   * @param dataSource where the table lives
   * @return the builder
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
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
   * @throws PasswordResetException also if more than one row has this normalized email (the
   *     normalized-email column should have a unique index)
   */
  @Override
  public Optional<CustomerAccount> findByEmail(String normalizedEmail) {
    Objects.requireNonNull(normalizedEmail, "normalizedEmail must not be null");
    return findAccount(byEmailSql, normalizedEmail, "findByEmail");
  }

  @Override
  public Optional<CustomerAccount> findById(CustomerId id) {
    Objects.requireNonNull(id, "id must not be null");
    return findAccount(byIdSql, id.value(), "findById");
  }

  private Optional<CustomerAccount> findAccount(String sql, String value, String operation) {
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
              ps.setString(1, value);
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  return Optional.<CustomerAccount>empty();
                }
                CustomerAccount account = readAccount(rs);
                if (rs.next()) {
                  throw new PasswordResetException(
                      "JdbcCustomerStore."
                          + operation
                          + " on "
                          + table
                          + ": more than one customer matches; the column needs a unique index");
                }
                return Optional.of(account);
              }
            }
          });
    } catch (SQLException e) {
      throw Sql.failure(
          "JdbcCustomerStore." + operation + " on " + table, "could not read a customer", e);
    }
  }

  private CustomerAccount readAccount(ResultSet rs) throws SQLException {
    String locale = rs.getString(4);
    return new CustomerAccount(
        CustomerId.of(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        locale == null || locale.isBlank() ? defaultLocale : Locale.forLanguageTag(locale),
        rs.getBoolean(5));
  }

  @Override
  public Optional<StoredPassword> findPassword(CustomerId id) {
    Objects.requireNonNull(id, "id must not be null");
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(passwordSql)) {
              ps.setString(1, id.value());
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  return Optional.<StoredPassword>empty();
                }
                String hash = rs.getString(1);
                if (hash == null || hash.isBlank()) {
                  return Optional.<StoredPassword>empty();
                }
                return Optional.of(new StoredPassword(hash, readInstant(rs, 2)));
              }
            }
          });
    } catch (SQLException e) {
      throw Sql.failure(
          "JdbcCustomerStore.findPassword on " + table, "could not read a password", e);
    }
  }

  @Override
  public boolean updatePassword(CustomerId id, StoredPassword password) {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(password, "password must not be null");
    return write(updatePasswordSql, id, password, null, "updatePassword");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one conditional {@code UPDATE ... WHERE id = ? AND password_hash = ?}: atomic across
   * nodes.
   */
  @Override
  public boolean replacePassword(
      CustomerId id, StoredPassword expected, StoredPassword replacement) {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(expected, "expected must not be null");
    Objects.requireNonNull(replacement, "replacement must not be null");
    return write(replacePasswordSql, id, replacement, expected.hash(), "replacePassword");
  }

  private boolean write(
      String sql,
      CustomerId id,
      StoredPassword password,
      @Nullable String expectedHash,
      String operation) {
    @Nullable Instant until = password.temporaryUntil();
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
              ps.setString(1, password.hash());
              bindInstant(ps, 2, until);
              ps.setString(3, id.value());
              if (expectedHash != null) {
                ps.setString(4, expectedHash);
              }
              return ps.executeUpdate() > 0;
            }
          });
    } catch (SQLException e) {
      throw Sql.failure(
          "JdbcCustomerStore." + operation + " on " + table, "could not write a password", e);
    }
  }

  private @Nullable Instant readInstant(ResultSet rs, int column) throws SQLException {
    if (timestampWithTimeZone) {
      OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  private void bindInstant(PreparedStatement ps, int index, @Nullable Instant value)
      throws SQLException {
    if (timestampWithTimeZone) {
      if (value == null) {
        ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
      }
    } else if (value == null) {
      ps.setNull(index, Types.TIMESTAMP);
    } else {
      ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /**
   * Builds a {@link JdbcCustomerStore}; every setter validates at once (names must be unquoted SQL
   * identifiers; the message of a bad one names the parameter and the value). Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String tableName = JdbcSchema.DEFAULT_CUSTOMER_TABLE;
    private String idColumn = "id";
    private String emailColumn = "email";
    private String normalizedEmailColumn = "email_normalized";
    private String displayNameColumn = "display_name";
    private String localeColumn = "locale";
    private String enabledColumn = "enabled";
    private String passwordHashColumn = "password_hash";
    private String temporaryUntilColumn = "password_temporary_until";
    private Locale defaultLocale = Locale.ENGLISH;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    }

    /**
     * The customer table (default {@value JdbcSchema#DEFAULT_CUSTOMER_TABLE}).
     *
     * @param tableName an unquoted SQL identifier, optionally schema-qualified
     * @return this builder
     * @throws IllegalArgumentException if it is not such an identifier
     */
    public Builder tableName(String tableName) {
      this.tableName = Sql.tableName(tableName, "tableName");
      return this;
    }

    /**
     * The id column (default {@code id}), a text column.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder idColumn(String column) {
      this.idColumn = Sql.columnName(column, "idColumn");
      return this;
    }

    /**
     * The column of the email as typed (default {@code email}), returned in accounts.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder emailColumn(String column) {
      this.emailColumn = Sql.columnName(column, "emailColumn");
      return this;
    }

    /**
     * The column holding {@link CustomerStore#normalizeEmail(String)} of the email (default {@code
     * email_normalized}); lookups by email compare it with {@code =}, so index it.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder normalizedEmailColumn(String column) {
      this.normalizedEmailColumn = Sql.columnName(column, "normalizedEmailColumn");
      return this;
    }

    /**
     * The display-name column (default {@code display_name}), nullable.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder displayNameColumn(String column) {
      this.displayNameColumn = Sql.columnName(column, "displayNameColumn");
      return this;
    }

    /**
     * The locale column (default {@code locale}): a BCP 47 language tag such as {@code de-CH},
     * nullable.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder localeColumn(String column) {
      this.localeColumn = Sql.columnName(column, "localeColumn");
      return this;
    }

    /**
     * The enabled-flag column (default {@code enabled}), a {@code BOOLEAN}.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder enabledColumn(String column) {
      this.enabledColumn = Sql.columnName(column, "enabledColumn");
      return this;
    }

    /**
     * The password-hash column (default {@code password_hash}), nullable.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder passwordHashColumn(String column) {
      this.passwordHashColumn = Sql.columnName(column, "passwordHashColumn");
      return this;
    }

    /**
     * The column of a temporary password's end (default {@code password_temporary_until}), a
     * nullable {@code TIMESTAMP WITH TIME ZONE}.
     *
     * @param column an unquoted SQL column name
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     */
    public Builder temporaryUntilColumn(String column) {
      this.temporaryUntilColumn = Sql.columnName(column, "temporaryUntilColumn");
      return this;
    }

    /**
     * The locale of accounts whose locale column is null or blank (default English).
     *
     * @param locale the locale
     * @return this builder
     * @throws NullPointerException if {@code locale} is null
     */
    public Builder defaultLocale(Locale locale) {
      this.defaultLocale = Objects.requireNonNull(locale, "defaultLocale must not be null");
      return this;
    }

    /**
     * Builds the store. Opens (and closes) one connection to {@linkplain Dialect#detect(DataSource)
     * detect the database}, which decides how the temporary-password column is bound.
     *
     * @return the store
     * @throws IllegalArgumentException if the database is none of those {@link Dialect} names
     * @throws PasswordResetException if no connection can be opened
     */
    public JdbcCustomerStore build() {
      return new JdbcCustomerStore(this, Dialect.detect(dataSource));
    }
  }
}

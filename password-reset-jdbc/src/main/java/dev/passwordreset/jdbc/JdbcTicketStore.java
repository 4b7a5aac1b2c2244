package dev.passwordreset.jdbc;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TicketStore} in one table over a {@link DataSource}, shared by every node that uses the
 * same database. Create the table with {@link JdbcSchema#create(DataSource, Dialect)} or the
 * shipped script.
 *
 * <p>{@link #consume} is atomic across nodes: it is one conditional {@code UPDATE ... WHERE
 * token_hash = ? AND consumed_at IS NULL} ({@code ... RETURNING} on PostgreSQL; on H2 the update
 * and the read of the row it locked share one transaction), so of any number of concurrent calls
 * exactly one updates the row and gets the ticket. {@link #purgeExpired} deletes in batches (1000
 * rows by default, one short transaction each), so purging a large backlog never holds long locks.
 *
 * <p>Times are stored as UTC epoch milliseconds ({@code BIGINT}): they round-trip exactly on every
 * database; a sub-millisecond part of an {@link Instant} is truncated (the engine's clocks tick in
 * milliseconds).
 *
 * <p>Thread-safe. Each call borrows one connection. Database failures are thrown as {@link
 * PasswordResetException} whose message holds the SQLState; a failed call leaves the table as it
 * was.
 */
public final class JdbcTicketStore implements TicketStore {

  private static final String COLUMNS =
      "token_hash, customer_id, purpose, issued_at, expires_at, consumed_at, storefront,"
          + " issued_by, pending_password_hash";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final int purgeBatchSize;

  private final String insertSql;
  private final String selectSql;
  private final String consumeSql;
  private final String purgeSql;

  private JdbcTicketStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.dialect = builder.dialect;
    this.table = builder.tableName;
    this.purgeBatchSize = builder.purgeBatchSize;
    this.insertSql =
        "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.selectSql = "SELECT " + COLUMNS + " FROM " + table + " WHERE token_hash = ?";
    String update =
        "UPDATE " + table + " SET consumed_at = ? WHERE token_hash = ? AND consumed_at IS NULL";
    this.consumeSql = dialect == Dialect.POSTGRESQL ? update + " RETURNING " + COLUMNS : update;
    this.purgeSql =
        "DELETE FROM "
            + table
            + " WHERE token_hash IN (SELECT token_hash FROM "
            + table
            + " WHERE expires_at <= ? LIMIT "
            + purgeBatchSize
            + ")";
  }

  /**
   * Starts a builder.
   *
   * @param dataSource where the table lives
   * @param dialect the database's dialect (see {@link Dialect#detect(DataSource)})
   * @return the builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(DataSource dataSource, Dialect dialect) {
    return new Builder(dataSource, dialect);
  }

  /**
   * A store over the default table {@value JdbcSchema#DEFAULT_TICKET_TABLE}.
   *
   * @param dataSource where the table lives
   * @param dialect the database's dialect
   * @return the store
   * @throws NullPointerException if an argument is null
   */
  public static JdbcTicketStore create(DataSource dataSource, Dialect dialect) {
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

  @Override
  public void save(Ticket ticket) {
    Objects.requireNonNull(ticket, "ticket must not be null");
    try {
      Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
              ps.setString(1, ticket.tokenHash().hex());
              ps.setString(2, ticket.customerId().value());
              ps.setString(3, ticket.purpose().name());
              ps.setLong(4, ticket.issuedAt().toEpochMilli());
              ps.setLong(5, ticket.expiresAt().toEpochMilli());
              setMillis(ps, 6, ticket.consumedAt());
              setString(ps, 7, ticket.storefront());
              setString(ps, 8, ticket.issuedBy());
              setString(ps, 9, ticket.pendingPasswordHash());
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      String what =
          Sql.isUniqueViolation(e)
              ? "a ticket with this token hash exists already"
              : "could not save a ticket";
      throw Sql.failure("JdbcTicketStore.save on " + table, what, e);
    }
  }

  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    try {
      return Sql.autoCommit(dataSource, connection -> select(connection, tokenHash));
    } catch (SQLException e) {
      throw Sql.failure("JdbcTicketStore.findByTokenHash on " + table, "could not read", e);
    }
  }

  @Override
  public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    Objects.requireNonNull(consumedAt, "consumedAt must not be null");
    try {
      if (dialect == Dialect.POSTGRESQL) {
        return Sql.autoCommit(
            dataSource,
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(consumeSql)) {
                ps.setLong(1, consumedAt.toEpochMilli());
                ps.setString(2, tokenHash.hex());
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.of(outstanding(read(rs))) : Optional.<Ticket>empty();
                }
              }
            });
      }
      // The UPDATE locks the row until commit: the read in the same transaction sees it as this
      // call left it, and no purge or second consume can come in between.
      return Sql.transaction(
          dataSource,
          connection -> {
            int updated;
            try (PreparedStatement ps = connection.prepareStatement(consumeSql)) {
              ps.setLong(1, consumedAt.toEpochMilli());
              ps.setString(2, tokenHash.hex());
              updated = ps.executeUpdate();
            }
            if (updated == 0) {
              return Optional.<Ticket>empty();
            }
            return select(connection, tokenHash).map(JdbcTicketStore::outstanding);
          });
    } catch (SQLException e) {
      throw Sql.failure("JdbcTicketStore.consume on " + table, "could not consume a ticket", e);
    }
  }

  @Override
  public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
    Objects.requireNonNull(customerId, "customerId must not be null");
    Objects.requireNonNull(purposes, "purposes must not be null");
    Objects.requireNonNull(revokedAt, "revokedAt must not be null");
    if (purposes.isEmpty()) {
      return 0;
    }
    List<TicketPurpose> list = new ArrayList<>(purposes);
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    list.forEach(p -> marks.add("?"));
    String sql =
        "UPDATE "
            + table
            + " SET consumed_at = ? WHERE customer_id = ? AND consumed_at IS NULL AND purpose IN "
            + marks;
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
              ps.setLong(1, revokedAt.toEpochMilli());
              ps.setString(2, customerId.value());
              for (int i = 0; i < list.size(); i++) {
                ps.setString(3 + i, list.get(i).name());
              }
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw Sql.failure("JdbcTicketStore.revoke on " + table, "could not revoke tickets", e);
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    long cutoff = now.toEpochMilli();
    int total = 0;
    try {
      while (true) {
        int deleted =
            Sql.autoCommit(
                dataSource,
                connection -> {
                  try (PreparedStatement ps = connection.prepareStatement(purgeSql)) {
                    ps.setLong(1, cutoff);
                    return ps.executeUpdate();
                  }
                });
        total += deleted;
        if (deleted < purgeBatchSize) {
          return total;
        }
      }
    } catch (SQLException e) {
      throw Sql.failure(
          "JdbcTicketStore.purgeExpired on " + table,
          "could not purge expired tickets (" + total + " deleted before the failure)",
          e);
    }
  }

  private Optional<Ticket> select(Connection connection, TokenHash tokenHash) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(selectSql)) {
      ps.setString(1, tokenHash.hex());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Ticket outstanding(Ticket consumed) {
    return new Ticket(
        consumed.tokenHash(),
        consumed.customerId(),
        consumed.purpose(),
        consumed.issuedAt(),
        consumed.expiresAt(),
        null,
        consumed.storefront(),
        consumed.issuedBy(),
        consumed.pendingPasswordHash());
  }

  private Ticket read(ResultSet rs) throws SQLException {
    String purpose = rs.getString(3);
    TicketPurpose parsed;
    try {
      parsed = TicketPurpose.valueOf(purpose);
    } catch (IllegalArgumentException e) {
      throw new PasswordResetException(
          "JdbcTicketStore on " + table + ": unknown purpose '" + purpose + "' in the table", e);
    }
    long consumed = rs.getLong(6);
    @Nullable Instant consumedAt = rs.wasNull() ? null : Instant.ofEpochMilli(consumed);
    return new Ticket(
        TokenHash.ofHex(rs.getString(1)),
        CustomerId.of(rs.getString(2)),
        parsed,
        Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)),
        consumedAt,
        rs.getString(7),
        rs.getString(8),
        rs.getString(9));
  }

  private static void setMillis(PreparedStatement ps, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  private static void setString(PreparedStatement ps, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /** Builds a {@link JdbcTicketStore}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private final Dialect dialect;
    private String tableName = JdbcSchema.DEFAULT_TICKET_TABLE;
    private int purgeBatchSize = 1000;

    private Builder(DataSource dataSource, Dialect dialect) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
      this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
    }

    /**
     * The table to use (default {@value JdbcSchema#DEFAULT_TICKET_TABLE}).
     *
     * @param tableName an unquoted SQL identifier, optionally schema-qualified ({@code
     *     shop.reset_ticket})
     * @return this builder
     * @throws IllegalArgumentException if it is not such an identifier (the message names {@code
     *     tableName} and the bad value)
     */
    public Builder tableName(String tableName) {
      this.tableName = Sql.tableName(tableName, "tableName");
      return this;
    }

    /**
     * How many rows {@link JdbcTicketStore#purgeExpired} deletes per statement (default 1000).
     *
     * @param purgeBatchSize at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder purgeBatchSize(int purgeBatchSize) {
      this.purgeBatchSize = Sql.positive(purgeBatchSize, "purgeBatchSize");
      return this;
    }

    /**
     * Builds the store. Does not touch the database.
     *
     * @return the store
     */
    public JdbcTicketStore build() {
      return new JdbcTicketStore(this);
    }
  }
}

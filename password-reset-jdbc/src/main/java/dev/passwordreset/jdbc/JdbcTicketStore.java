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
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TicketStore} in one table over a {@link DataSource}, shared by every node that uses the
 * same database. Create the table with {@link JdbcSchema#create(DataSource, Dialect)} or the
 * shipped script.
 *
 * <p>{@link #consume} is atomic across nodes: the claim is one conditional {@code UPDATE ... WHERE
 * token_hash = ? AND consumed_at IS NULL AND expires_at > ?}, so of any number of concurrent calls
 * exactly one updates the row and gets the ticket, and a ticket whose expiry is not after the
 * instant of consumption is never consumed. It is one statement on PostgreSQL ({@code UPDATE ...
 * RETURNING}) and H2 ({@code SELECT ... FROM OLD TABLE (UPDATE ...)}); MariaDB (which has no {@code
 * UPDATE ... RETURNING}) and MySQL read the row first, then claim it with that {@code UPDATE}, both
 * in auto-commit: exact, because what the read returns never changes once the ticket is saved (only
 * {@code consumed_at}, {@code revoked} with it, and the wrong-try count {@code failed_attempts},
 * which a ticket does not carry, do). {@link #recordFailedAttempt} counts a wrong code in one
 * conditional {@code UPDATE}. {@link #saveRevoking} revokes the customer's older tickets and
 * inserts the new one in one transaction. {@link #purgeExpired} deletes in batches (1000 rows by
 * default, one short transaction each), so purging a large backlog never holds long locks.
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

  /** How often a transaction chosen as a deadlock's victim is tried in all. */
  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Statements statements;
  private final String table;
  private final int purgeBatchSize;

  private final String insertSql;
  private final String selectSql;
  private final String consumeSql;
  private final String purgeSql;
  private final String attemptSql;

  private JdbcTicketStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.statements = Statements.of(builder.dialect);
    this.table = builder.tableName;
    this.purgeBatchSize = builder.purgeBatchSize;
    this.insertSql = statements.ticketInsert(table);
    this.selectSql = statements.ticketSelect(table);
    this.consumeSql = statements.ticketConsume(table);
    this.purgeSql = statements.ticketPurge(table, purgeBatchSize);
    this.attemptSql = statements.ticketAttempt(table);
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
      Sql.autoCommit(dataSource, connection -> insert(connection, ticket));
    } catch (SQLException e) {
      throw saveFailure("JdbcTicketStore.save on " + table, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one transaction: the revoking {@code UPDATE} and the {@code INSERT} are committed
   * together or not at all (retried if the database picks it as a deadlock's victim).
   */
  @Override
  public int saveRevoking(Ticket ticket, Set<TicketPurpose> revoke, Instant now) {
    Objects.requireNonNull(ticket, "ticket must not be null");
    Objects.requireNonNull(revoke, "revoke must not be null");
    Objects.requireNonNull(now, "now must not be null");
    if (revoke.isEmpty()) {
      save(ticket);
      return 0;
    }
    List<TicketPurpose> purposes = new ArrayList<>(revoke);
    String revokeSql = statements.ticketRevoke(table, purposes.size());
    try {
      // Two links issued at once for one customer: InnoDB's gap locks (MariaDB, MySQL) can make
      // one transaction a deadlock's victim, rolled back whole. Do it again, after a back-off.
      return Sql.retryingDeadlocks(
          statements,
          MAX_ATTEMPTS,
          () ->
              Sql.transaction(
                  dataSource,
                  connection -> {
                    int revoked = revoke(connection, revokeSql, ticket.customerId(), purposes, now);
                    insert(connection, ticket);
                    return revoked;
                  }));
    } catch (SQLException e) {
      throw saveFailure("JdbcTicketStore.saveRevoking on " + table, e);
    }
  }

  private int insert(Connection connection, Ticket ticket) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
      bindKey(ps, 1, ticket.tokenHash());
      ps.setString(2, ticket.customerId().value());
      ps.setString(3, ticket.purpose().name());
      ps.setLong(4, ticket.issuedAt().toEpochMilli());
      ps.setLong(5, ticket.expiresAt().toEpochMilli());
      setMillis(ps, 6, ticket.consumedAt());
      setString(ps, 7, ticket.storefront());
      setString(ps, 8, ticket.issuedBy());
      setString(ps, 9, ticket.pendingPasswordHash());
      ps.setBoolean(10, ticket.revoked());
      return ps.executeUpdate();
    }
  }

  private PasswordResetException saveFailure(String operation, SQLException e) {
    String what =
        statements.isDuplicateKey(e)
            ? "a ticket with this token hash exists already"
            : "could not save a ticket";
    return Sql.failure(operation, what, e);
  }

  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    try {
      return Sql.autoCommit(dataSource, connection -> select(connection, tokenHash, true));
    } catch (SQLException e) {
      throw Sql.failure("JdbcTicketStore.findByTokenHash on " + table, "could not read", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A ticket whose expiry is not after {@code consumedAt} is not consumed (empty).
   */
  @Override
  public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    Objects.requireNonNull(consumedAt, "consumedAt must not be null");
    long at = consumedAt.toEpochMilli();
    try {
      return Sql.autoCommit(
          dataSource,
          connection -> {
            if (statements.consume() == Statements.Consume.ONE_STATEMENT) {
              try (PreparedStatement ps = connection.prepareStatement(consumeSql)) {
                bindClaim(ps, tokenHash, at);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.of(read(rs, true)) : Optional.<Ticket>empty();
                }
              }
            }
            // Read, then claim: the claim alone decides who consumes it; what was read is exact
            // because nothing read but consumed_at (and revoked with it) ever changes in a saved
            // ticket.
            Optional<Ticket> found = select(connection, tokenHash, true);
            if (found.isEmpty()
                || found.get().consumedAt() != null
                || !found.get().expiresAt().isAfter(consumedAt)) {
              return Optional.<Ticket>empty();
            }
            try (PreparedStatement ps = connection.prepareStatement(consumeSql)) {
              bindClaim(ps, tokenHash, at);
              return ps.executeUpdate() == 1 ? found : Optional.<Ticket>empty();
            }
          });
    } catch (SQLException e) {
      throw Sql.failure("JdbcTicketStore.consume on " + table, "could not consume a ticket", e);
    }
  }

  private static void bindClaim(PreparedStatement ps, TokenHash tokenHash, long at)
      throws SQLException {
    ps.setLong(1, at);
    bindKey(ps, 2, tokenHash);
    ps.setLong(3, at);
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
    String sql = statements.ticketRevoke(table, list.size());
    try {
      return Sql.autoCommit(
          dataSource, connection -> revoke(connection, sql, customerId, list, revokedAt));
    } catch (SQLException e) {
      throw Sql.failure("JdbcTicketStore.revoke on " + table, "could not revoke tickets", e);
    }
  }

  private static int revoke(
      Connection connection,
      String sql,
      CustomerId customerId,
      List<TicketPurpose> purposes,
      Instant revokedAt)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, revokedAt.toEpochMilli());
      ps.setString(2, customerId.value());
      for (int i = 0; i < purposes.size(); i++) {
        ps.setString(3 + i, purposes.get(i).name());
      }
      return ps.executeUpdate();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one conditional {@code UPDATE} of the {@code failed_attempts} column, in auto-commit
   * (run again if the database picks it as a deadlock's victim, which undoes it whole): {@code SET
   * consumed_at = CASE WHEN failed_attempts + 1 >= limit THEN now ...}, {@code revoked} likewise,
   * {@code failed_attempts = failed_attempts + 1 WHERE customer_id = ? AND purpose = ? AND
   * consumed_at IS NULL AND expires_at > now}. The database's row lock orders concurrent calls on
   * any number of nodes, and each re-checks the condition on the row as the previous one left it,
   * so every call counts once, the one reaching the limit revokes the ticket, and the calls after
   * it (and a {@link #consume} after it) find no ticket. The new count comes back from the same
   * statement ({@code RETURNING} on PostgreSQL, {@code FINAL TABLE} on H2) or, on MariaDB and
   * MySQL, from {@code LAST_INSERT_ID(failed_attempts + 1)}, read on the same connection. If the
   * customer has more than one such ticket (two codes issued at the same instant), each is counted;
   * the answer is the highest count (on MariaDB and MySQL: the last row's).
   *
   * @throws PasswordResetException also if the table has no {@code failed_attempts} column (created
   *     before it existed): the message gives the {@code ALTER TABLE} statement that adds it
   */
  @Override
  public int recordFailedAttempt(
      CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
    TicketStore.checkFailedAttempt(customerId, purpose, limit, now);
    long at = now.toEpochMilli();
    try {
      // A deadlock's victim (InnoDB's next-key locks, beside a code being issued for the same
      // customer) was rolled back whole, nothing counted: count it again.
      int count =
          Sql.retryingDeadlocks(
              statements,
              MAX_ATTEMPTS,
              () ->
                  Sql.autoCommit(dataSource, c -> countAttempt(c, customerId, purpose, limit, at)));
      return Math.min(count, limit);
    } catch (SQLException e) {
      if (statements.isUndefinedColumn(e)) {
        throw Sql.failure(
            "JdbcTicketStore.recordFailedAttempt on " + table,
            "the table has no failed_attempts column (it was created before reset codes);"
                + " add it once with: "
                + Statements.ticketAddFailedAttempts(table),
            e);
      }
      throw Sql.failure(
          "JdbcTicketStore.recordFailedAttempt on " + table, "could not count a wrong try", e);
    }
  }

  /** Runs the counting {@code UPDATE}; the highest new count, or 0 if it matched no ticket. */
  private int countAttempt(
      Connection connection, CustomerId customerId, TicketPurpose purpose, int limit, long at)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(attemptSql)) {
      ps.setInt(1, limit);
      ps.setLong(2, at);
      ps.setInt(3, limit);
      ps.setString(4, customerId.value());
      ps.setString(5, purpose.name());
      ps.setLong(6, at);
      if (statements.attempt() == Statements.Attempt.RETURNING) {
        int highest = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            highest = Math.max(highest, rs.getInt(1));
          }
        }
        return highest;
      }
      if (ps.executeUpdate() == 0) {
        return 0;
      }
    }
    // The count this connection's UPDATE left: set by it, since it matched a row.
    try (PreparedStatement ps = connection.prepareStatement(Statements.LAST_INSERT_ID);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return (int) rs.getLong(1);
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

  private Optional<Ticket> select(Connection connection, TokenHash tokenHash, boolean asStored)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(selectSql)) {
      bindKey(ps, 1, tokenHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs, !asStored)) : Optional.empty();
      }
    }
  }

  /**
   * Reads a row of {@link Statements#TICKET_COLUMNS}.
   *
   * @param outstanding read it as it was before its consumption (consumed at null), as {@link
   *     #consume} answers
   */
  private Ticket read(ResultSet rs, boolean outstanding) throws SQLException {
    String purpose = rs.getString(3);
    TicketPurpose parsed;
    try {
      parsed = TicketPurpose.valueOf(purpose);
    } catch (IllegalArgumentException e) {
      throw new PasswordResetException(
          "JdbcTicketStore on " + table + ": unknown purpose '" + purpose + "' in the table", e);
    }
    @Nullable Instant consumedAt = null;
    boolean revoked = false;
    if (!outstanding) {
      long consumed = rs.getLong(6);
      consumedAt = rs.wasNull() ? null : Instant.ofEpochMilli(consumed);
      revoked = consumedAt != null && rs.getBoolean(10);
    }
    return new Ticket(
        readKey(rs, 1),
        CustomerId.of(rs.getString(2)),
        parsed,
        Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)),
        consumedAt,
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        revoked);
  }

  /** The key column holds the hash as 64 lower-case hex characters. */
  private static void bindKey(PreparedStatement ps, int index, TokenHash tokenHash)
      throws SQLException {
    ps.setString(index, tokenHash.hex());
  }

  private static TokenHash readKey(ResultSet rs, int column) throws SQLException {
    return TokenHash.ofHex(rs.getString(column));
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
     * Builds the store, after checking that the data source connects to the dialect's database (one
     * connection, opened and closed).
     *
     * @return the store
     * @throws IllegalArgumentException if the data source connects to another database than the
     *     dialect's (the message names both)
     * @throws PasswordResetException if no connection can be opened
     */
    public JdbcTicketStore build() {
      dialect.check(dataSource, "JdbcTicketStore");
      return new JdbcTicketStore(this);
    }
  }
}

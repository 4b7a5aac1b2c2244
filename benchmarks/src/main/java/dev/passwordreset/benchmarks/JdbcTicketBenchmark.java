package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcSchema;
import dev.passwordreset.jdbc.JdbcTicketStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * Benchmark 4 (JDBC): issue + consume of one link, our {@link JdbcTicketStore} against Spring
 * Security's {@link JdbcOneTimeTokenService}, on the same database through the same connection pool
 * (H2's, 10 connections): embedded H2, and PostgreSQL (the server at {@code bench.postgres.url} if
 * set, else an embedded one started for the trial). {@code floor} is the least a store of hashed
 * links does: one auto-commit {@code INSERT} of a 64-character hash and one conditional auto-commit
 * {@code UPDATE}. {@link BenchmarkMain} warms each up for many iterations and checks, from the
 * iteration scores, that the last warm-up iteration is within a few percent of the first measured
 * one (the JIT is done), reporting the figure beside it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcTicketBenchmark {

  /** {@code h2} or {@code postgresql}. */
  @Param({"h2"})
  public String db = "h2";

  private static final String SPRING_TABLE_H2 =
      "CREATE TABLE IF NOT EXISTS one_time_tokens (token_value VARCHAR(36) NOT NULL PRIMARY KEY,"
          + " username VARCHAR_IGNORECASE(50) NOT NULL, expires_at TIMESTAMP NOT NULL)";
  private static final String SPRING_TABLE_PG =
      "CREATE TABLE IF NOT EXISTS one_time_tokens (token_value VARCHAR(36) NOT NULL PRIMARY KEY,"
          + " username VARCHAR(50) NOT NULL, expires_at TIMESTAMP NOT NULL)";

  private final Tokens tokens = new Tokens(new SecureRandom());
  private final AtomicInteger threadIds = new AtomicInteger();
  private @Nullable JdbcConnectionPool pool;
  private @Nullable JdbcTicketStore ours;
  private @Nullable JdbcOneTimeTokenService spring;
  private @Nullable EmbeddedPostgres embedded;

  private static final String FLOOR_TABLE =
      "CREATE TABLE IF NOT EXISTS floor_ticket (token_hash CHAR(64) NOT NULL PRIMARY KEY,"
          + " consumed_at BIGINT)";
  private static final String FLOOR_INSERT = "INSERT INTO floor_ticket (token_hash) VALUES (?)";
  private static final String FLOOR_UPDATE =
      "UPDATE floor_ticket SET consumed_at = ? WHERE token_hash = ? AND consumed_at IS NULL";

  /** Connects, creates both tables. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JdbcConnectionPool p;
    Dialect dialect;
    if (db.equals("postgresql")) {
      String url = System.getProperty("bench.postgres.url");
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      if (url == null) {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        embedded = server;
        url = server.getJdbcUrl("postgres", "postgres");
        pg.setUser("postgres");
      } else {
        pg.setUser(System.getProperty("bench.postgres.user", "postgres"));
        pg.setPassword(System.getProperty("bench.postgres.password", ""));
      }
      pg.setUrl(url);
      p = JdbcConnectionPool.create(pg);
      dialect = Dialect.POSTGRESQL;
    } else {
      p = JdbcConnectionPool.create("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", "");
      dialect = Dialect.H2;
    }
    p.setMaxConnections(10);
    pool = p;
    JdbcSchema.create(p, dialect);
    execute(p, dialect == Dialect.H2 ? SPRING_TABLE_H2 : SPRING_TABLE_PG);
    execute(p, FLOOR_TABLE);
    ours = JdbcTicketStore.create(p, dialect);
    JdbcOneTimeTokenService s = new JdbcOneTimeTokenService(new JdbcTemplate(p));
    spring = s;
  }

  /** Empty tables at the start of every iteration, for both. */
  @Setup(Level.Iteration)
  public void emptyTables() throws SQLException {
    DataSource p = pool();
    execute(p, "DELETE FROM " + JdbcSchema.DEFAULT_TICKET_TABLE);
    execute(p, "DELETE FROM one_time_tokens");
    execute(p, "DELETE FROM floor_ticket");
  }

  /** Stops Spring's cleanup scheduler and closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (spring != null) {
      spring.destroy();
    }
    if (pool != null) {
      pool.dispose();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  /** Per-thread customer names: each link is for another customer. */
  @State(Scope.Thread)
  public static class Names {
    int prefix;
    int n;

    /** Takes a distinct prefix per thread. */
    @Setup(Level.Trial)
    public void setUp(JdbcTicketBenchmark b) {
      prefix = b.threadIds.incrementAndGet();
    }

    String next() {
      return "c" + prefix + "-" + (n++);
    }
  }

  /** Ours: insert a link's hash, then consume it atomically. */
  @Benchmark
  public Ticket oursJdbc(Names names) {
    JdbcTicketStore store = ours;
    if (store == null) {
      throw new IllegalStateException("not set up");
    }
    String token = tokens.newToken();
    Instant now = Instant.now();
    store.save(
        new Ticket(
            Tokens.hash(token),
            new CustomerId(names.next()),
            TicketPurpose.SELF_SERVICE_RESET,
            now,
            now.plus(TicketBenchmark.LIFETIME),
            null,
            null,
            null,
            null));
    return store.consume(Tokens.hash(token), now).orElseThrow();
  }

  /** Spring Security: generate a token (stored in clear), then consume it. */
  @Benchmark
  public OneTimeToken springJdbc(Names names) {
    JdbcOneTimeTokenService s = spring;
    if (s == null) {
      throw new IllegalStateException("not set up");
    }
    OneTimeToken token =
        s.generate(new GenerateOneTimeTokenRequest(names.next(), TicketBenchmark.LIFETIME));
    OneTimeToken used = s.consume(new OneTimeTokenAuthenticationToken(token.getTokenValue()));
    if (used == null) {
      throw new IllegalStateException("the token was not consumed");
    }
    return used;
  }

  /** The floor: one INSERT of the hash, one conditional UPDATE, each in its own auto-commit. */
  @Benchmark
  public int floor() throws SQLException {
    String hash = Tokens.hash(tokens.newToken()).hex();
    try (Connection c = pool().getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(FLOOR_INSERT)) {
        ps.setString(1, hash);
        ps.executeUpdate();
      }
    }
    try (Connection c = pool().getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(FLOOR_UPDATE)) {
        ps.setLong(1, System.currentTimeMillis());
        ps.setString(2, hash);
        int updated = ps.executeUpdate();
        if (updated != 1) {
          throw new IllegalStateException("the row was not updated");
        }
        return updated;
      }
    }
  }

  private DataSource pool() {
    DataSource p = pool;
    if (p == null) {
      throw new IllegalStateException("not set up");
    }
    return p;
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

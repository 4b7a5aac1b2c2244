package dev.passwordreset.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The schema scripts shipped in this jar, and a helper to run them. The scripts are idempotent
 * ({@code CREATE ... IF NOT EXISTS}), so running them at every start is safe. They create the
 * tables under their default names ({@code password_reset_ticket}, {@code password_reset_throttle},
 * {@code password_reset_settings}, {@code password_reset_secrets}, and the reference {@code
 * customer_account}); a host that renames a table creates it from a copy of the script and passes
 * the name to the store's builder. On PostgreSQL, H2 and MariaDB the script also adds the ticket
 * table's {@code failed_attempts} column to a table created before it existed ({@code ADD COLUMN IF
 * NOT EXISTS}); MySQL has no such statement, so there it is added once by hand.
 *
 * <p>Resource paths: {@code dev/passwordreset/jdbc/schema-postgresql.sql}, {@code schema-h2.sql},
 * {@code schema-mariadb.sql}, {@code schema-mysql.sql}, and {@code customer-schema-} with the same
 * suffixes. The MariaDB and MySQL scripts create InnoDB tables whose text compares byte for byte
 * ({@code utf8mb4_bin}), as on PostgreSQL.
 *
 * <p>Thread-safe (stateless).
 */
public final class JdbcSchema {

  /** Default table of {@link JdbcTicketStore}. */
  public static final String DEFAULT_TICKET_TABLE = "password_reset_ticket";

  /** Default table of {@link JdbcThrottleStore}. */
  public static final String DEFAULT_THROTTLE_TABLE = "password_reset_throttle";

  /** Default table of {@link JdbcSettingsStore}. */
  public static final String DEFAULT_SETTINGS_TABLE = "password_reset_settings";

  /** Default table of {@link JdbcSettingsStore}'s secrets ({@link JdbcSettingsStore#secret}). */
  public static final String DEFAULT_SECRET_TABLE = "password_reset_secrets";

  /** Table of the reference customer schema, and default of {@link JdbcCustomerStore}. */
  public static final String DEFAULT_CUSTOMER_TABLE = "customer_account";

  /** The class-path folder of the scripts. */
  private static final String RESOURCE_FOLDER =
      JdbcSchema.class.getPackageName().replace('.', '/') + "/";

  private JdbcSchema() {}

  /**
   * Creates the library's tables (tickets, throttle counters, settings, secrets) and their indexes
   * if they do not exist yet, and adds columns that later versions added to an existing ticket
   * table where the database can do so idempotently (all but MySQL).
   *
   * @param dataSource where
   * @param dialect which script
   * @throws NullPointerException if an argument is null
   * @throws dev.passwordreset.api.PasswordResetException if a statement fails (the message holds
   *     the SQLState)
   */
  public static void create(DataSource dataSource, Dialect dialect) {
    run(dataSource, script(dialect), "JdbcSchema.create");
  }

  /**
   * Creates the reference customer table {@code customer_account} used by {@link
   * JdbcCustomerStore}'s defaults, if it does not exist yet. Hosts with their own customer table do
   * not need it.
   *
   * @param dataSource where
   * @param dialect which script
   * @throws NullPointerException if an argument is null
   * @throws dev.passwordreset.api.PasswordResetException if a statement fails
   */
  public static void createReferenceCustomerTable(DataSource dataSource, Dialect dialect) {
    run(dataSource, customerScript(dialect), "JdbcSchema.createReferenceCustomerTable");
  }

  /**
   * Where the library's schema script for a dialect is on the class path, for tools that run a
   * script by its location (such as Spring Boot's script database initializer).
   *
   * @param dialect the dialect
   * @return the resource name, e.g. {@code dev/passwordreset/jdbc/schema-postgresql.sql} (no
   *     leading slash)
   * @throws NullPointerException if {@code dialect} is null
   */
  public static String scriptResource(Dialect dialect) {
    Objects.requireNonNull(dialect, "dialect must not be null");
    return RESOURCE_FOLDER + "schema-" + dialect.scriptSuffix() + ".sql";
  }

  /**
   * The text of the library's schema script for a dialect.
   *
   * @param dialect the dialect
   * @return the script, as shipped
   * @throws NullPointerException if {@code dialect} is null
   */
  public static String script(Dialect dialect) {
    Objects.requireNonNull(dialect, "dialect must not be null");
    return resource(scriptResource(dialect));
  }

  /**
   * The text of the reference customer table's schema script for a dialect.
   *
   * @param dialect the dialect
   * @return the script, as shipped
   * @throws NullPointerException if {@code dialect} is null
   */
  public static String customerScript(Dialect dialect) {
    Objects.requireNonNull(dialect, "dialect must not be null");
    return resource(RESOURCE_FOLDER + "customer-schema-" + dialect.scriptSuffix() + ".sql");
  }

  private static void run(DataSource dataSource, String script, String operation) {
    Objects.requireNonNull(dataSource, "dataSource must not be null");
    List<String> statements = statements(script);
    try {
      Sql.autoCommit(
          dataSource,
          connection -> {
            try (Statement statement = connection.createStatement()) {
              for (String sql : statements) {
                statement.execute(sql);
              }
            }
            return null;
          });
    } catch (SQLException e) {
      throw Sql.failure(operation, "could not create the schema", e);
    }
  }

  /** Splits a script into statements: drops {@code --} comments, splits at {@code ;}. */
  static List<String> statements(String script) {
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      int comment = line.indexOf("--");
      text.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String part : text.toString().split(";")) {
      String sql = part.strip();
      if (!sql.isEmpty()) {
        statements.add(sql);
      }
    }
    return statements;
  }

  private static String resource(String name) {
    try (InputStream in = JdbcSchema.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("schema script missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read schema script " + name, e);
    }
  }
}

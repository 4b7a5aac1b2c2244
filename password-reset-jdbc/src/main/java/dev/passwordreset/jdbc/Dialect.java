package dev.passwordreset.jdbc;

import dev.passwordreset.api.PasswordResetException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The databases the JDBC stores are written and tested for. Each dialect has its own statements,
 * written out per database (PostgreSQL's {@code ON CONFLICT} and {@code RETURNING}, H2's {@code OLD
 * TABLE (UPDATE ...)}, MariaDB's {@code INSERT ... RETURNING}, MySQL's {@code
 * LAST_INSERT_ID(expr)}), its own schema scripts, and its own error codes for a duplicate key and a
 * deadlock. A store built with a dialect that is not the database's is refused when it is built.
 */
public enum Dialect {
  /** PostgreSQL 12 or later (tested on 14). */
  POSTGRESQL("postgresql", "PostgreSQL"),
  /** H2 2.x (tested on 2.4), embedded or server. */
  H2("h2", "H2"),
  /**
   * MariaDB 10.5 or later (tested on Debian's 10.11), with InnoDB tables, through MariaDB
   * Connector/J (or MySQL Connector/J).
   */
  MARIADB("mariadb", "MariaDB"),
  /** MySQL 8.0.19 or later, with InnoDB tables, through MySQL Connector/J. */
  MYSQL("mysql", "MySQL");

  private final String scriptSuffix;
  private final String productName;

  Dialect(String scriptSuffix, String productName) {
    this.scriptSuffix = scriptSuffix;
    this.productName = productName;
  }

  /** The database's name as people write it, e.g. {@code MariaDB}. */
  String productName() {
    return productName;
  }

  /** The suffix of this dialect's schema scripts, e.g. {@code postgresql}. */
  String scriptSuffix() {
    return scriptSuffix;
  }

  /**
   * Detects the dialect from the database product a data source connects to. Opens (and closes) one
   * connection.
   *
   * @param dataSource the data source
   * @return the dialect
   * @throws NullPointerException if {@code dataSource} is null
   * @throws IllegalArgumentException if the database is none of PostgreSQL, H2, MariaDB or MySQL
   * @throws PasswordResetException if no connection can be opened
   */
  public static Dialect detect(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource must not be null");
    return detect(dataSource, "Dialect.detect");
  }

  private static Dialect detect(DataSource dataSource, String operation) {
    String product;
    String version;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      product = metaData.getDatabaseProductName();
      version = metaData.getDatabaseProductVersion();
    } catch (SQLException e) {
      throw Sql.failure(operation, "could not read the database product name", e);
    }
    // MySQL Connector/J calls a MariaDB server "MySQL"; its version says what it is
    // (e.g. 5.5.5-10.11.6-MariaDB).
    if (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")) {
      return MARIADB;
    }
    return fromProductName(product);
  }

  /**
   * Checks that a data source connects to this dialect's database, so that a store built with the
   * wrong dialect fails at once with a clear message rather than at its first call with a syntax
   * error. Opens (and closes) one connection.
   *
   * @param dataSource the data source
   * @param store the store being built, for the message
   * @throws IllegalArgumentException if the database is another one (the message names both)
   * @throws PasswordResetException if no connection can be opened
   */
  void check(DataSource dataSource, String store) {
    Dialect actual;
    try {
      actual = detect(dataSource, store + ".build");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          store
              + ": dialect is "
              + this
              + " but the data source connects to another database: "
              + e.getMessage(),
          e);
    }
    if (actual != this) {
      throw new IllegalArgumentException(
          store
              + ": dialect is "
              + this
              + " ("
              + productName
              + ") but the data source connects to "
              + actual.productName
              + "; build the store with Dialect."
              + actual
              + " or Dialect.detect(dataSource)");
    }
  }

  /**
   * The dialect of a JDBC database product name, as {@link
   * java.sql.DatabaseMetaData#getDatabaseProductName()} reports it.
   *
   * <p>MySQL Connector/J reports a MariaDB server as {@code MySQL}; {@link #detect(DataSource)}
   * tells them apart by the server's version.
   *
   * @param productName e.g. {@code PostgreSQL}, {@code H2}, {@code MariaDB} or {@code MySQL}
   * @return the dialect
   * @throws IllegalArgumentException if the product is none of those
   */
  public static Dialect fromProductName(String productName) {
    Objects.requireNonNull(productName, "productName must not be null");
    String lower = productName.toLowerCase(Locale.ROOT);
    if (lower.contains("postgres")) {
      return POSTGRESQL;
    }
    if (lower.equals("h2")) {
      return H2;
    }
    if (lower.contains("mariadb")) {
      return MARIADB;
    }
    if (lower.contains("mysql")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "productName must be PostgreSQL, H2, MariaDB or MySQL (the databases the JDBC stores are"
            + " written for), was "
            + productName);
  }
}

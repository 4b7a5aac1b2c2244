package dev.passwordreset.jdbc;

import dev.passwordreset.api.PasswordResetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The databases the JDBC stores are written and tested for. The dialect picks the statements that
 * are atomic on that database (PostgreSQL's {@code ON CONFLICT} and {@code RETURNING}; on H2 short
 * transactions with row locks) and the schema script.
 */
public enum Dialect {
  /** PostgreSQL 12 or later (tested on 14). */
  POSTGRESQL("postgresql"),
  /** H2 2.x (tested on 2.4), embedded or server. */
  H2("h2");

  private final String scriptSuffix;

  Dialect(String scriptSuffix) {
    this.scriptSuffix = scriptSuffix;
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
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   * @throws PasswordResetException if no connection can be opened
   */
  public static Dialect detect(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource must not be null");
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw Sql.failure("Dialect.detect", "could not read the database product name", e);
    }
    return fromProductName(product);
  }

  /**
   * The dialect of a JDBC database product name, as {@link
   * java.sql.DatabaseMetaData#getDatabaseProductName()} reports it.
   *
   * @param productName e.g. {@code PostgreSQL} or {@code H2}
   * @return the dialect
   * @throws IllegalArgumentException if the product is neither PostgreSQL nor H2
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
    throw new IllegalArgumentException(
        "productName must be PostgreSQL or H2 (the databases the JDBC stores are tested on), was "
            + productName);
  }
}

package dev.passwordreset.spring;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcSchema;
import dev.passwordreset.spring.PasswordResetProperties.SchemaInitialization;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the database's dialect and, as {@code password-reset.jdbc.initialize-schema} says,
 * creates the library's tables with the scripts shipped in {@code password-reset-jdbc} (they only
 * create what is missing). The JDBC stores are created after it.
 *
 * <p>Thread-safe once constructed.
 */
public final class JdbcSchemaInitializer {
  private static final Logger log = LoggerFactory.getLogger(JdbcSchemaInitializer.class);

  private final Dialect dialect;

  /**
   * Detects the dialect and creates the tables if asked to.
   *
   * @param dataSource the database
   * @param mode when to create the tables
   * @throws PasswordResetConfigurationException if the database is neither PostgreSQL nor H2
   * @throws PasswordResetException if the database cannot be reached or a statement fails
   */
  public JdbcSchemaInitializer(DataSource dataSource, SchemaInitialization mode) {
    Objects.requireNonNull(dataSource, "dataSource must not be null");
    Objects.requireNonNull(mode, "mode must not be null");
    try {
      this.dialect = Dialect.detect(dataSource);
    } catch (IllegalArgumentException e) {
      throw new PasswordResetConfigurationException(
          null,
          "the JDBC stores support PostgreSQL and H2 only: " + e.getMessage(),
          "Use a supported database, define your own TicketStore, SettingsStore and ThrottleStore"
              + " beans, or set password-reset.jdbc.enabled=false to keep them in memory.",
          e);
    }
    boolean create =
        switch (mode) {
          case ALWAYS -> true;
          case NEVER -> false;
          case EMBEDDED -> embedded(dataSource, dialect);
        };
    if (create) {
      JdbcSchema.create(dataSource, dialect);
      log.info("password-reset tables checked or created ({})", dialect);
    }
  }

  /**
   * The detected dialect.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /** H2 in memory or in a local file; a PostgreSQL server never counts as embedded. */
  private static boolean embedded(DataSource dataSource, Dialect dialect) {
    if (dialect != Dialect.H2) {
      return false;
    }
    try (Connection connection = dataSource.getConnection()) {
      String url = connection.getMetaData().getURL().toLowerCase(Locale.ROOT);
      return !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    } catch (SQLException e) {
      throw new PasswordResetException(
          "cannot read the database URL (SQLState " + e.getSQLState() + ")", e);
    }
  }
}

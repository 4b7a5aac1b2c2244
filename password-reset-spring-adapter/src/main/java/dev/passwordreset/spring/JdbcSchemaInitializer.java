package dev.passwordreset.spring;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcSchema;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Detects the database's dialect and creates the library's tables with the schema script of that
 * dialect shipped in {@code password-reset-jdbc}, through Spring Boot's script initializer, as
 * {@code password-reset.jdbc.initialize-schema} says: Boot's {@link DatabaseInitializationMode},
 * where {@code embedded} means what Boot's {@code EmbeddedDatabaseConnection} calls embedded (the
 * same as for {@code spring.sql.init.mode}). The scripts only create what is missing. The JDBC
 * stores are created after it.
 *
 * <p>Like Boot's own initializers (e.g. Spring Session JDBC's), it is a database initializer in the
 * sense of {@code @DependsOnDatabaseInitialization}: it runs after Flyway or Liquibase, and beans
 * that depend on database initialization run after it. Thread-safe once constructed.
 */
public class JdbcSchemaInitializer extends DataSourceScriptDatabaseInitializer {

  private final Dialect dialect;

  /**
   * Detects the dialect; the tables are created when Spring initializes the bean.
   *
   * @param dataSource the database
   * @param mode when to create the tables
   * @throws PasswordResetConfigurationException if the database is not one the JDBC stores support
   * @throws PasswordResetException if the database cannot be reached
   */
  public JdbcSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode) {
    this(dataSource, detect(dataSource), mode);
  }

  private JdbcSchemaInitializer(
      DataSource dataSource, Dialect dialect, DatabaseInitializationMode mode) {
    super(dataSource, settings(dialect, mode));
    this.dialect = dialect;
  }

  /**
   * What Boot's initializer is given: the dialect's script, in the given mode.
   *
   * @param dialect the dialect whose script creates the tables
   * @param mode when to run it
   * @return the settings
   */
  static DatabaseInitializationSettings settings(Dialect dialect, DatabaseInitializationMode mode) {
    Objects.requireNonNull(mode, "mode must not be null");
    DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
    settings.setSchemaLocations(List.of("classpath:" + JdbcSchema.scriptResource(dialect)));
    settings.setMode(mode);
    return settings;
  }

  /**
   * The detected dialect.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  private static Dialect detect(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource must not be null");
    try {
      return Dialect.detect(dataSource);
    } catch (IllegalArgumentException e) {
      throw new PasswordResetConfigurationException(
          null,
          "the JDBC stores support PostgreSQL, MariaDB, MySQL and H2 only: " + e.getMessage(),
          "Use a supported database, define your own TicketStore, SettingsStore and ThrottleStore"
              + " beans, or set password-reset.jdbc.enabled=false to keep them in memory.",
          e);
    }
  }
}

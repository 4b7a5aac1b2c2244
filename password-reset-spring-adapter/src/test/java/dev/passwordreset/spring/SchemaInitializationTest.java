package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcTicketStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.FilteredClassLoader;

/**
 * {@code password-reset.jdbc.initialize-schema}: Spring Boot's database initialization modes and
 * its idea of an embedded database (H2 in memory is one; H2 in a file, like any server, is not).
 */
class SchemaInitializationTest {

  @TempDir Path folder;

  @Test
  void embeddedDatabaseGetsTheTablesByDefault() throws SQLException {
    JdbcDataSource dataSource = AutoConfigurationTest.h2("schema-default");
    TestApp.runner()
        .withBean(DataSource.class, () -> dataSource)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(PasswordResetService.class);
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JdbcTicketStore.class);
              assertThat(context.getBean(JdbcSchemaInitializer.class).dialect())
                  .isEqualTo(Dialect.H2);
            });
    assertThat(hasTicketTable(dataSource)).isTrue();
  }

  @Test
  void nonEmbeddedDatabaseGetsNoTablesByDefault() throws Exception {
    DataSource dataSource = fileDatabase("default");

    boolean ran = initializer(dataSource, DatabaseInitializationMode.EMBEDDED).initializeDatabase();

    assertThat(ran).isFalse();
    assertThat(hasTicketTable(dataSource)).isFalse();
  }

  @Test
  void nonEmbeddedDatabaseGetsTheTablesWithAlways() throws Exception {
    DataSource dataSource = fileDatabase("always");
    TestApp.runner()
        .withBean(DataSource.class, () -> dataSource)
        .withPropertyValues("password-reset.jdbc.initialize-schema=always")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JdbcTicketStore.class));

    assertThat(hasTicketTable(dataSource)).isTrue();
  }

  @Test
  void neverCreatesNoTablesEvenInAnEmbeddedDatabase() throws Exception {
    JdbcDataSource dataSource = AutoConfigurationTest.h2("schema-never");

    boolean ran = initializer(dataSource, DatabaseInitializationMode.NEVER).initializeDatabase();

    assertThat(ran).isFalse();
    assertThat(hasTicketTable(dataSource)).isFalse();
  }

  @Test
  void neverBindsFromTheProperty() {
    TestApp.runner()
        .withPropertyValues("password-reset.jdbc.initialize-schema=never")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(PasswordResetProperties.class)
                            .getJdbc()
                            .getInitializeSchema())
                    .isEqualTo(DatabaseInitializationMode.NEVER));
  }

  @Test
  void withoutSpringBootsJdbcSupportTheStoresStayInMemory() {
    TestApp.runner()
        .withClassLoader(new FilteredClassLoader(DataSourceScriptDatabaseInitializer.class))
        .withBean(DataSource.class, () -> AutoConfigurationTest.h2("schema-no-boot-jdbc"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(JdbcSchemaInitializer.class);
              assertThat(context.getBean(TicketStore.class))
                  .isInstanceOf(InMemoryTicketStore.class);
            });
  }

  private DataSource fileDatabase(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + folder.resolve(name).toAbsolutePath());
    return dataSource;
  }

  private static JdbcSchemaInitializer initializer(
      DataSource dataSource, DatabaseInitializationMode mode) {
    return new JdbcSchemaInitializer(dataSource, mode);
  }

  private static boolean hasTicketTable(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        ResultSet tables =
            connection.getMetaData().getTables(null, null, "PASSWORD_RESET_TICKET", null)) {
      return tables.next();
    }
  }
}

package dev.passwordreset.spring;

import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.jdbc.JdbcSettingsStore;
import dev.passwordreset.jdbc.JdbcThrottleStore;
import dev.passwordreset.jdbc.JdbcTicketStore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store configurations, imported by {@link PasswordResetAutoConfiguration} in this order: the
 * JDBC ones first, so the in-memory defaults only fill what is still missing. (Not nested in the
 * auto-configuration itself: Spring processes member classes before imports, in no promised order.)
 */
final class StoreConfigurations {
  // The JDBC stores are marked @DependsOnDatabaseInitialization, so a host whose schema comes from
  // Flyway, Liquibase or spring.sql.init gets them (and the engine, which reads the settings table
  // when built) only after its migrations ran. The schema initializer is itself one of Boot's
  // database initializers (so it is not marked: it would depend on itself).
  private static final Logger log = LoggerFactory.getLogger(StoreConfigurations.class);

  private StoreConfigurations() {}

  /**
   * The JDBC stores when {@code password-reset-jdbc}, Spring Boot's JDBC support ({@code
   * spring-boot-jdbc}, in {@code spring-boot-starter-jdbc}) and a {@link DataSource} are there:
   * links, throttle counters and saved settings then survive restarts and are shared by every node.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "dev.passwordreset.jdbc.JdbcTicketStore",
        "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer"
      })
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(
      prefix = "password-reset.jdbc",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Jdbc {

    @Bean
    @ConditionalOnMissingBean
    JdbcSchemaInitializer passwordResetJdbcSchema(
        DataSource dataSource, PasswordResetProperties properties) {
      return new JdbcSchemaInitializer(dataSource, properties.getJdbc().getInitializeSchema());
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnMissingBean
    TicketStore passwordResetTicketStore(DataSource dataSource, JdbcSchemaInitializer schema) {
      return JdbcTicketStore.create(dataSource, schema.dialect());
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnMissingBean
    SettingsStore passwordResetSettingsStore(DataSource dataSource, JdbcSchemaInitializer schema) {
      return JdbcSettingsStore.create(dataSource, schema.dialect());
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnMissingBean
    ThrottleStore passwordResetThrottleStore(DataSource dataSource, JdbcSchemaInitializer schema) {
      return JdbcThrottleStore.create(dataSource, schema.dialect());
    }
  }

  /** Defaults that keep everything in this node's memory: fine for one node and for tests. */
  @Configuration(proxyBeanMethods = false)
  static class InMemory {

    @Bean
    @ConditionalOnMissingBean
    TicketStore passwordResetTicketStore() {
      log.warn(
          "password-reset keeps its links in memory: they are lost on restart and not shared"
              + " between nodes. Add password-reset-jdbc and a DataSource, or define a TicketStore"
              + " bean, for production.");
      return new InMemoryTicketStore();
    }

    @Bean
    @ConditionalOnMissingBean
    SettingsStore passwordResetSettingsStore() {
      return new InMemorySettingsStore();
    }

    @Bean
    @ConditionalOnMissingBean
    ThrottleStore passwordResetThrottleStore() {
      return new InMemoryThrottleStore();
    }
  }
}

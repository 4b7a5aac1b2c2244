package dev.passwordreset.examples.storefront;

import com.icegreen.greenmail.util.GreenMail;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.mail.JakartaMailNotifier;
import dev.passwordreset.core.mail.SmtpSecurity;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcSchema;
import dev.passwordreset.jdbc.JdbcSettingsStore;
import dev.passwordreset.jdbc.JdbcThrottleStore;
import dev.passwordreset.jdbc.JdbcTicketStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TEMPORARY: beans that the Spring adapter will create itself once its JDBC-store and
 * JavaMailSender bridges are merged (then this class is deleted, and {@code spring.mail.*} points
 * at the embedded SMTP server instead).
 */
@Configuration(proxyBeanMethods = false)
public class InterimAdapterGaps {

  /** Created by Spring. */
  public InterimAdapterGaps() {}

  /**
   * The library's tables, created at start-up (idempotent).
   *
   * @param dataSource the database
   * @return the dialect
   */
  @Bean
  public Dialect passwordResetDialect(DataSource dataSource) {
    JdbcSchema.create(dataSource, Dialect.H2);
    return Dialect.H2;
  }

  /**
   * Links in the database.
   *
   * @param dataSource the database
   * @param dialect the dialect
   * @return the store
   */
  @Bean
  public TicketStore passwordResetTicketStore(DataSource dataSource, Dialect dialect) {
    return JdbcTicketStore.create(dataSource, dialect);
  }

  /**
   * Throttle counters in the database.
   *
   * @param dataSource the database
   * @param dialect the dialect
   * @return the store
   */
  @Bean
  public ThrottleStore passwordResetThrottleStore(DataSource dataSource, Dialect dialect) {
    return JdbcThrottleStore.create(dataSource, dialect);
  }

  /**
   * Saved settings in the database.
   *
   * @param dataSource the database
   * @param dialect the dialect
   * @return the store
   */
  @Bean
  public SettingsStore passwordResetSettingsStore(DataSource dataSource, Dialect dialect) {
    return JdbcSettingsStore.create(dataSource, dialect);
  }

  /**
   * Mail to the embedded SMTP server, written by core's templates.
   *
   * @param smtp the embedded server
   * @param clock the clock (for the expiry time in the emails)
   * @return the notifier
   */
  @Bean
  public Notifier passwordResetNotifier(GreenMail smtp, Clock clock) {
    return JakartaMailNotifier.builder()
        .host("127.0.0.1")
        .port(smtp.getSmtp().getPort())
        .security(SmtpSecurity.NONE)
        .from("no-reply@corner-shop.example", "Corner Shop")
        .clock(clock)
        .build();
  }
}

package dev.passwordreset.examples.storefront;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.jdbc.JdbcCustomerStore;
import dev.passwordreset.spring.PasswordResetEngineCustomizer;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The host's part of the wiring: what the Spring adapter asks of an application. Everything else
 * (the engine, hashing, policy, events) comes from the adapter's auto-configuration and the {@code
 * password-reset.*} properties in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

  /** Created by Spring. */
  public DemoConfiguration() {}

  /**
   * The application's clock; tests replace it with one they can move forward.
   *
   * @return the system clock
   */
  @Bean
  public Clock clock() {
    return Clock.systemDefaultZone();
  }

  /**
   * Hands the application's clock to the engine (link lifetimes, temporary passwords).
   *
   * @param clock the clock
   * @return the customizer
   */
  @Bean
  public PasswordResetEngineCustomizer demoClock(Clock clock) {
    return builder -> builder.clock(clock);
  }

  /**
   * The host's customers: the library's reference JDBC store over the demo's {@code
   * customer_account} table (created and seeded by {@link DemoData}).
   *
   * @param dataSource the embedded H2 database
   * @param data the seeded tables
   * @return the store
   */
  @Bean
  public CustomerStore customerStore(DataSource dataSource, DemoData data) {
    return JdbcCustomerStore.builder(dataSource)
        .tableName(data.customerTable())
        .defaultLocale(Locale.ENGLISH)
        .build();
  }

  /**
   * The SMTP server embedded in the demo (GreenMail), on a loopback port. It accepts every email
   * and keeps it for the mailbox page; nothing leaves the machine.
   *
   * @param port {@code demo.smtp.port}
   * @return the started server
   */
  @Bean(destroyMethod = "stop")
  public GreenMail demoSmtpServer(@Value("${demo.smtp.port}") int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }
}

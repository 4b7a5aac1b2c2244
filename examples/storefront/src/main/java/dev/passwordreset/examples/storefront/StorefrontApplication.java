package dev.passwordreset.examples.storefront;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The demo: a public shop ({@code /shop}), a password-protected B2B store ({@code /b2b}), a back
 * office ({@code /backoffice}) and a mailbox ({@code /mailbox}), on an embedded H2 database and an
 * embedded SMTP server. Start it with {@code mvn -q -pl examples/storefront -am spring-boot:run}.
 */
// Users are the library's customers and the demo's agents: no generated default user.
@SpringBootApplication(
    excludeName =
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
public class StorefrontApplication {
  private static final Logger log = LoggerFactory.getLogger(StorefrontApplication.class);

  private final DemoUrls urls;

  StorefrontApplication(DemoUrls urls) {
    this.urls = urls;
  }

  /**
   * Starts the demo.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(StorefrontApplication.class, args);
  }

  @EventListener(ApplicationReadyEvent.class)
  void printUrls() {
    log.info(
        """

        ==============================================================
          Demo storefront: {}/shop
          B2B store:       {}/b2b
          Back office:     {}/backoffice
          Mailbox:         {}/mailbox
        ==============================================================""",
        urls.base(),
        urls.base(),
        urls.base(),
        urls.base());
  }
}

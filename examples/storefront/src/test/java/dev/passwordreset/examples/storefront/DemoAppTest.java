package dev.passwordreset.examples.storefront;

import dev.passwordreset.examples.storefront.security.AgentDirectory;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo application on a free loopback port (and its SMTP server on another), with cheap Argon2
 * parameters and a clock the tests move forward. Every test class extends this one, so they all
 * share one application.
 *
 * <p>The port is chosen before start-up, rather than with Spring's {@code RANDOM_PORT}, because the
 * emailed links must carry it: {@code password-reset.link-template} is read when the engine is
 * built.
 *
 * <p>The module's {@code SecretWatchExtension} (JUnit auto-detection) fails a test when a token, or
 * a password it knows, reaches a log line: every demo password is registered before each test, and
 * {@link BrowserTest} registers what is typed into password fields and the links read from mail.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "password-reset.hashing.memory-kib=64",
      "password-reset.hashing.iterations=1",
      "spring.thymeleaf.cache=true",
      // So that the SecretWatchExtension sees every line the library could ever write.
      "logging.level.dev.passwordreset=DEBUG"
    })
@Import(BrowserTestConfiguration.class)
abstract class DemoAppTest {
  private static final int PORT = freePort();
  private static final int SMTP_PORT = freePort();
  static final String BASE = "http://127.0.0.1:" + PORT;

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("demo.smtp.port", () -> SMTP_PORT);
    registry.add("demo.base-url", () -> BASE);
  }

  @Autowired ShiftableClock clock;

  @BeforeEach
  void demoPasswordsAreSecrets() {
    DemoData.CUSTOMERS.forEach(c -> SecretWatchExtension.secret(c.password()));
    AgentDirectory.AGENTS.forEach(a -> SecretWatchExtension.secret(a.password()));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.passwordreset.examples.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "password-reset.hashing.memory-kib=64",
      "password-reset.hashing.iterations=1",
      "spring.thymeleaf.cache=true"
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

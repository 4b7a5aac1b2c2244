package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.testkit.MutableClock;
import dev.passwordreset.testkit.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The testkit's fakes as a host's test suite uses them with the real engine (the README's example).
 */
class FakesWithTheEngineTest {

  private static final RequestContext CLIENT = RequestContext.of("203.0.113.7");

  @Test
  void recordedTokenWorksUntilTheMutableClockPassesTheLinkLifetime() {
    RecordingNotifier mail = new RecordingNotifier();
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    customers.add(
        new CustomerAccount(CustomerId.of("c1"), "Jane@Example.com", "Jane", Locale.ENGLISH, true));
    try (PasswordResetEngine engine =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(new InMemoryTicketStore())
            .notifier(mail)
            .clock(clock)
            .hasher(Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).build())
            .linkTemplate("https://shop.example/reset?token={token}")
            .build()) {

      engine.requestReset("jane@example.com", CLIENT);
      mail.awaitNotificationTo(
          "jane@example.com", NotificationType.RESET_LINK, Duration.ofSeconds(20));
      String token = mail.lastTokenSentTo("JANE@example.com");

      assertThat(engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);

      clock.advance(Duration.ofMinutes(30));

      assertThat(engine.checkToken(token, CLIENT))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.EXPIRED));
    }
  }
}

package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.support.Mailbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Time comes only from the engine's clock: with the stores a host gets by {@code new}, an engine on
 * a fixed clock a year in the past or a year ahead works exactly as on the system clock.
 */
class EngineTimeTest {

  @ParameterizedTest(name = "clock {0} days from the system clock")
  @ValueSource(ints = {-365, 365})
  void aResetCompletesOnAFixedClockFarFromTheSystemClock(int days) {
    Instant fixed = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(days));
    Clock clock = Clock.fixed(fixed, ZoneOffset.UTC);
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    customers.add(
        new CustomerAccount(CustomerId.of("c1"), "ann@example.com", "Ann", Locale.ENGLISH, true));
    Mailbox mail = new Mailbox();
    try (PasswordResetEngine engine =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(new InMemoryTicketStore())
            .notifier(mail)
            .hasher(Argon2PasswordHasher.builder().memoryKiB(64).iterations(1).build())
            .clock(clock)
            .linkTemplate("https://shop.example/reset?token={token}")
            .build()) {
      RequestContext client = RequestContext.of("192.0.2.1");
      engine.requestReset("ann@example.com", client);
      Notification link = mail.await("ann@example.com", NotificationType.RESET_LINK);
      String token = Mailbox.token(link);

      assertThat(link.linkExpiresAt()).isEqualTo(fixed.plus(Duration.ofMinutes(30)));
      assertThat(engine.checkToken(token, client)).isInstanceOf(TokenCheck.Valid.class);
      assertThat(engine.completeReset(token, "New-Passw0rd!".toCharArray(), client))
          .isInstanceOf(ResetOutcome.Completed.class);
      assertThat(engine.checkLogin("ann@example.com", "New-Passw0rd!".toCharArray(), client))
          .isInstanceOf(LoginCheck.Valid.class);
      assertThat(engine.checkToken(token, client))
          .isEqualTo(new TokenCheck.Invalid(dev.passwordreset.api.InvalidReason.USED));
    }
  }
}

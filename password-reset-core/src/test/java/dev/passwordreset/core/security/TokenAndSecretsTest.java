package dev.passwordreset.core.security;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Link tokens (OWASP cheat sheet, ASVS 5.0 6.5.1-6.5.4) and what records show of secrets. */
class TokenAndSecretsTest {

  /** Counts how many random bytes the engine draws. */
  private static final class CountingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    final AtomicInteger bytes = new AtomicInteger();

    @Override
    public void nextBytes(byte[] out) {
      bytes.addAndGet(out.length);
      super.nextBytes(out);
    }
  }

  @Test
  void aLinkTokenIs256BitsFromTheSecureRandomAndOnlyItsSha256IsStored() {
    CountingRandom random = new CountingRandom();
    try (Fixture fx = new Fixture(b -> b.secureRandom(random))) {
      CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!x");
      Set<String> tokens = new HashSet<>();
      for (int i = 0; i < 50; i++) {
        fx.engine.sendResetEmail(ann.id(), AgentContext.of("a"));
        String token = Mailbox.token(fx.mail.last("ann@example.com").orElseThrow());
        tokens.add(token);
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        Ticket stored = fx.tickets.findByTokenHash(Tokens.hash(token)).orElseThrow();
        assertThat(stored.tokenHash()).isEqualTo(Tokens.hash(token));
        assertThat(stored.tokenHash().hex())
            .isEqualTo(Tokens.sha256Hex(token))
            .doesNotContain(token);
        assertThat(stored.toString())
            .doesNotContain(token)
            .doesNotContain(stored.tokenHash().hex());
      }
      assertThat(tokens).hasSize(50);
      assertThat(random.bytes.get()).isGreaterThanOrEqualTo(50 * 32);
    }
  }

  @Test
  void recordsNeverShowALinkAHashOrAPendingPassword() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", "ann@example.com", "Old-Passw0rd!x");
      assertThat(
              fx.engine.requestResetWithPassword("ann@example.com", pw("New-Passw0rd!y"), CLIENT))
          .isInstanceOf(PendingOutcome.Accepted.class);
      Notification n = fx.mail.await("ann@example.com", NotificationType.CONFIRM_PASSWORD);
      String token = Mailbox.token(n);
      Ticket ticket = fx.tickets.findByTokenHash(Tokens.hash(token)).orElseThrow();
      StoredPassword stored =
          fx.customers.findPassword(fx.customers.all().get(0).id()).orElseThrow();

      assertThat(n.toString()).doesNotContain(token).doesNotContain(n.link());
      assertThat(ticket.pendingPasswordHash()).startsWith("$argon2id$");
      assertThat(ticket.toString())
          .doesNotContain(ticket.pendingPasswordHash())
          .doesNotContain("argon2");
      assertThat(stored.toString()).doesNotContain(stored.hash()).contains("redacted");
    }
  }
}

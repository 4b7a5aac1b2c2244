package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.support.Fixture;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 12: a link that expires while its new password is being hashed does not complete.
 * The hasher here "takes time" by moving the engine's clock while it hashes.
 */
class LinkExpiryDuringHashingTest {

  /** The fixture's cheap hasher, moving the fixture's clock on every hash while armed. */
  private static final class SlowHasher implements PasswordHasher {
    volatile @Nullable Runnable onHash;

    @Override
    public String hash(char[] password) {
      Runnable r = onHash;
      if (r != null) {
        r.run();
      }
      return Fixture.FAST_HASHER.hash(password);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
      return Fixture.FAST_HASHER.verify(password, encoded);
    }

    @Override
    public boolean needsRehash(String encoded) {
      return Fixture.FAST_HASHER.needsRehash(encoded);
    }

    @Override
    public boolean supports(String encoded) {
      return Fixture.FAST_HASHER.supports(encoded);
    }
  }

  private final SlowHasher hasher = new SlowHasher();
  private final Fixture fx = new Fixture(b -> b.hasher(hasher));

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void completeResetWhenTheLinkExpiresWhileTheNewPasswordIsHashedThenExpiredAndNothingChanges() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!x");
    String token = fx.requestToken("ann@example.com");
    // One minute before the 30-minute link expires; hashing then takes two minutes.
    fx.clock.advance(Duration.ofMinutes(29));
    hasher.onHash = () -> fx.clock.advance(Duration.ofMinutes(2));

    ResetOutcome outcome = fx.engine.completeReset(token, pw("New-Passw0rd!y"), CLIENT);
    hasher.onHash = null;

    assertThat(outcome).isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.EXPIRED));
    assertThat(fx.events(ResetEventType.RESET_COMPLETED)).isEmpty();
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!x"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("New-Passw0rd!y"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
    Ticket ticket = fx.tickets.findByTokenHash(Tokens.hash(token)).orElseThrow();
    assertThat(ticket.outstanding()).as("an expired link is not marked used").isTrue();
  }

  @Test
  void completeResetWhenTheLinkIsStillValidAfterHashingThenCompletedAtTheLaterInstant() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!x");
    String token = fx.requestToken("ann@example.com");
    fx.clock.advance(Duration.ofMinutes(29));
    hasher.onHash = () -> fx.clock.advance(Duration.ofSeconds(59));

    ResetOutcome outcome = fx.engine.completeReset(token, pw("New-Passw0rd!y"), CLIENT);
    hasher.onHash = null;

    assertThat(outcome).isInstanceOf(ResetOutcome.Completed.class);
    Ticket ticket = fx.tickets.findByTokenHash(Tokens.hash(token)).orElseThrow();
    assertThat(ticket.consumedAt())
        .as("consumed at the instant after hashing, not at the start of the request")
        .isEqualTo(fx.clock.instant());
    assertThat(fx.engine.checkLogin("ann@example.com", pw("New-Passw0rd!y"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
  }
}

package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SelfServiceResetTest {

  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void forgottenPasswordStoryFromRequestToLogin() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    assertThat(fx.engine.requestReset("Ann@Example.com ", CLIENT))
        .isEqualTo(new RequestOutcome.Accepted());
    Notification mail = fx.mail.await("ann@example.com", NotificationType.RESET_LINK);
    assertThat(mail.link()).startsWith("https://shop.example/password/reset?token=");
    assertThat(mail.linkExpiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(30)));
    String token = Mailbox.token(mail);
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");

    assertThat(fx.engine.checkToken(token, CLIENT))
        .isEqualTo(
            new TokenCheck.Valid(
                mail.customerId(), TicketPurpose.SELF_SERVICE_RESET, mail.linkExpiresAt()));

    ResetOutcome weak = fx.engine.completeReset(token, pw("weak"), CLIENT);
    assertThat(weak).isInstanceOf(ResetOutcome.Rejected.class);

    ResetOutcome done = fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT);
    assertThat(done).isEqualTo(new ResetOutcome.Completed(mail.customerId(), true, null));

    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(mail.customerId()));
    fx.mail.await("ann@example.com", NotificationType.PASSWORD_CHANGED);
    assertThat(fx.awaitEvent(ResetEventType.RESET_COMPLETED).type().changesPassword()).isTrue();
    assertThat(fx.events(ResetEventType.RESET_REQUESTED)).hasSize(1);
    fx.awaitEvent(ResetEventType.NOTIFICATION_SENT);
  }

  @Test
  void checkTokenNeverConsumesTheLink() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");

    for (int i = 0; i < 5; i++) {
      assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    }
    assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
  }

  @Test
  void completeResetWhenLinkExpiredThenInvalidExpired() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");

    fx.clock.advance(Duration.ofMinutes(30).minusSeconds(1));
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    fx.clock.advance(Duration.ofSeconds(2));

    assertThat(fx.engine.checkToken(token, CLIENT))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.EXPIRED));
    assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.EXPIRED));
  }

  @Test
  void completeResetWhenLinkAlreadyUsedThenInvalidUsed() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");
    fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT);

    assertThat(fx.engine.completeReset(token, pw("Other-S3cret!"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void completeResetWhenTokenUnknownOrMalformedThenInvalidUnknown() {
    String unknown = Tokens.create().newToken();
    for (String token : new String[] {unknown, "", "x".repeat(10_000), "not base64 !!", "%00"}) {
      assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
          .as("token of length %d", token.length())
          .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN));
      assertThat(fx.engine.checkToken(token, CLIENT.withStorefront(null)))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.UNKNOWN));
    }
  }

  @Test
  void secondRequestRevokesTheFirstLink() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String first = fx.requestToken("ann@example.com");
    String second = fx.requestToken("ann@example.com");

    assertThat(fx.engine.checkToken(first, CLIENT))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
    assertThat(fx.engine.checkToken(second, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void completedResetRevokesEveryOtherLinkOfTheCustomer() {
    var ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String selfService = fx.requestToken("ann@example.com");
    fx.engine.sendResetEmail(ann.id(), dev.passwordreset.api.AgentContext.of("agent-7"));
    String agentToken =
        Mailbox.token(
            fx.mail.await(
                n ->
                    n.type() == NotificationType.RESET_LINK
                        && !Mailbox.token(n).equals(selfService),
                1));

    assertThat(fx.engine.completeReset(agentToken, pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.engine.checkToken(selfService, CLIENT))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
  }

  @Test
  void signInAfterResetFollowsTheSetting() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.updateSettings(
        fx.engine.settings().withSignInAfterReset(false),
        dev.passwordreset.api.AgentContext.of("admin"));
    String token = fx.requestToken("ann@example.com");

    assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
        .isInstanceOfSatisfying(
            ResetOutcome.Completed.class, c -> assertThat(c.signIn()).isFalse());
  }

  @Test
  void purgeExpiredDeletesOnlyExpiredLinks() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.customer("c2", "bob@example.com", "Old-Passw0rd!");
    String annToken = fx.requestToken("ann@example.com");
    fx.clock.advance(Duration.ofMinutes(20));
    String bobToken = fx.requestToken("bob@example.com");
    fx.clock.advance(Duration.ofMinutes(15));

    assertThat(fx.engine.purgeExpired()).isEqualTo(1);
    assertThat(fx.engine.checkToken(annToken, CLIENT))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.UNKNOWN));
    assertThat(fx.engine.checkToken(bobToken, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void policyFailureLeavesTheLinkValidAndListsEveryBrokenRuleInTheCustomersLanguage() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");

    ResetOutcome en = fx.engine.completeReset(token, pw("lowercase only"), CLIENT);
    ResetOutcome fr =
        fx.engine.completeReset(
            token, pw("lowercase only"), CLIENT.withLocale(java.util.Locale.FRENCH));

    assertThat(((ResetOutcome.Rejected) en).violations())
        .containsExactly(
            new dev.passwordreset.api.PolicyViolation(
                "uppercase", "Add at least one capital letter (A-Z)."),
            new dev.passwordreset.api.PolicyViolation("digit", "Add at least one digit (0-9)."));
    assertThat(((ResetOutcome.Rejected) fr).violations())
        .containsExactly(
            new dev.passwordreset.api.PolicyViolation(
                "uppercase", "Ajoutez au moins une lettre majuscule (A-Z)."),
            new dev.passwordreset.api.PolicyViolation(
                "digit", "Ajoutez au moins un chiffre (0-9)."));
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    assertThat(fx.awaitEvent(ResetEventType.PASSWORD_REJECTED).detail("rules"))
        .isEqualTo("uppercase,digit");
  }

  @Test
  void aLinkWhoseEmailCouldNotBeDeliveredNoLongerWorks() {
    FailingNotifier mailboxFull =
        new FailingNotifier(() -> new NotificationException("mailbox full", true, null));
    try (Fixture f = new Fixture(b -> b.notifier(mailboxFull))) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      CustomerAccount bob = f.customer("c2", "bob@example.com", "Old-Passw0rd!");

      f.engine.requestReset("ann@example.com", CLIENT);
      f.engine.requestReset("bob@example.com", CLIENT.withStorefront("b2b"));

      ResetEvent annFailed =
          f.awaitEvent(
              e -> e.type() == ResetEventType.DELIVERY_FAILED && ann.id().equals(e.customerId()));
      assertThat(annFailed.details())
          .containsEntry("type", "RESET_LINK")
          .containsEntry("attempts", "1")
          .containsEntry("permanent", "true")
          .containsEntry("reason", "mailbox full");
      assertThat(annFailed.storefront()).isNull();
      ResetEvent bobFailed =
          f.awaitEvent(
              e -> e.type() == ResetEventType.DELIVERY_FAILED && bob.id().equals(e.customerId()));
      assertThat(bobFailed.storefront()).isEqualTo("b2b");
      assertThat(mailboxFull.tried()).hasSize(2);
      for (Notification n : mailboxFull.tried()) {
        assertThat(f.engine.checkToken(Mailbox.token(n), CLIENT))
            .as(n.link())
            .isEqualTo(new TokenCheck.Invalid(InvalidReason.USED));
      }
    }
  }

  @Test
  void aStoreFailingBeforeTheEmailIsReportedAndTheCallerStillGetsItsAnswer() {
    InMemoryCustomerStore healthy = new InMemoryCustomerStore();
    CustomerStore down =
        new CustomerStore() {
          @Override
          public Optional<CustomerAccount> findByEmail(String normalizedEmail) {
            throw new PasswordResetException("database down");
          }

          @Override
          public Optional<CustomerAccount> findById(CustomerId id) {
            return healthy.findById(id);
          }

          @Override
          public Optional<StoredPassword> findPassword(CustomerId id) {
            return healthy.findPassword(id);
          }

          @Override
          public boolean updatePassword(CustomerId id, StoredPassword password) {
            return healthy.updatePassword(id, password);
          }
        };
    try (Fixture f = new Fixture(b -> b.customerStore(down))) {
      assertThat(f.engine.requestReset("ann@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());

      ResetEvent failed = f.awaitEvent(ResetEventType.DELIVERY_FAILED);
      assertThat(failed.detail("reason")).isEqualTo("store-failure: PasswordResetException");
      assertThat(failed.customerId()).isNull();
    }
  }

  @Test
  void afterCloseRequestsAreStillAnsweredButTheirMailIsDroppedAndReported() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");
    assertThat(fx.events(ResetEventType.DELIVERY_QUEUE_FULL)).isEmpty();

    fx.engine.close();

    assertThat(fx.engine.requestReset("ann@example.com", CLIENT))
        .isEqualTo(new RequestOutcome.Accepted());
    assertThat(fx.engine.requestResetWithPassword("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new PendingOutcome.Accepted());
    assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.events(ResetEventType.DELIVERY_QUEUE_FULL))
        .extracting(ResetEvent::customerId, ResetEvent::clientAddress)
        .containsExactly(
            tuple(null, "203.0.113.7"),
            tuple(null, "203.0.113.7"),
            tuple(CustomerId.of("c1"), "203.0.113.7"));
    assertThat(fx.mail.all()).hasSize(1);
  }

  @Test
  void aCompletionThatLosesTheRaceForItsLinkChangesNothing() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    RacedTicketStore raced = new RacedTicketStore(new InMemoryTicketStore(Duration.ofHours(1)));
    try (Fixture f = new Fixture(b -> b.clock(clock).ticketStore(raced))) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      String token = f.requestToken("ann@example.com");
      raced.armed = true;

      assertThat(f.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));

      assertThat(f.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(f.events(ResetEventType.RESET_COMPLETED)).isEmpty();
    }
  }

  /** Lets another completion consume a link between its lookup and the engine's consume. */
  private static final class RacedTicketStore implements TicketStore {
    private final TicketStore store;
    volatile boolean armed;

    RacedTicketStore(TicketStore store) {
      this.store = store;
    }

    @Override
    public void save(Ticket ticket) {
      store.save(ticket);
    }

    @Override
    public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
      return raced(tokenHash, store.findByTokenHash(tokenHash));
    }

    @Override
    public Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
      return raced(tokenHash, store.findByTokenHash(tokenHash, now));
    }

    private Optional<Ticket> raced(TokenHash tokenHash, Optional<Ticket> found) {
      if (armed) {
        store.consume(tokenHash, found.orElseThrow().issuedAt());
      }
      return found;
    }

    @Override
    public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
      return store.consume(tokenHash, consumedAt);
    }

    @Override
    public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
      return store.revoke(customerId, purposes, revokedAt);
    }

    @Override
    public int purgeExpired(Instant now) {
      return store.purgeExpired(now);
    }
  }

  @Test
  void aLinkOfADisabledAccountNoLongerWorks() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");

    fx.customers.update(ann.withEnabled(false));

    assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN));
    fx.customers.update(ann);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
  }
}

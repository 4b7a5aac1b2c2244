package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link TicketStore}: what the engine relies on. Extend it in a test and
 * implement {@link #createStore()}; every test then runs against your store.
 *
 * <pre>{@code
 * class MyTicketStoreTest extends TicketStoreContract {
 *   @Override
 *   protected TicketStore createStore() {
 *     database.truncate("reset_ticket");
 *     return new MyTicketStore(database.dataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>Covers save and find (every field, to the millisecond), duplicate saves, atomic consume
 * (including {@link #concurrentThreads()} threads racing for one link: exactly one wins), consume
 * refusing a ticket expired by the consumption instant (at, after and one millisecond before its
 * expiry), revoke by purpose and for all purposes, and purge at the exact expiry boundary and in
 * bulk.
 */
public abstract class TicketStoreContract {

  /** A fixed point in time, with milliseconds, from which the tests count. */
  protected static final Instant NOW = Instant.parse("2030-05-17T09:30:15.123Z");

  private static final SecureRandom RANDOM = new SecureRandom();

  private @Nullable TicketStore store;

  /** Subclasses only. */
  protected TicketStoreContract() {}

  /**
   * Creates the store under test. Called before every test; the store must be empty (e.g. truncate
   * the table first).
   *
   * @return an empty store
   */
  protected abstract TicketStore createStore();

  /**
   * How many threads race in the concurrency tests (default 32).
   *
   * @return at least 2
   */
  protected int concurrentThreads() {
    return 32;
  }

  /**
   * How many expired tickets the bulk purge test saves (default 1200, above a typical batch of
   * 1000). A store that purges in batches can lower its batch size in the test and this number.
   *
   * @return at least 1
   */
  protected int bulkPurgeSize() {
    return 1200;
  }

  /** Creates the store under test before each test. */
  @BeforeEach
  public final void createStoreUnderTest() {
    store = createStore();
  }

  /**
   * The store of the current test.
   *
   * @return the store
   */
  protected final TicketStore store() {
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  /**
   * A new random token hash.
   *
   * @return the hash
   */
  protected static TokenHash newTokenHash() {
    byte[] bytes = new byte[TokenHash.BYTES];
    RANDOM.nextBytes(bytes);
    return TokenHash.of(bytes);
  }

  /**
   * An outstanding self-service ticket issued at {@link #NOW}, valid for 30 minutes.
   *
   * @param customer whose
   * @return the ticket
   */
  protected static Ticket ticket(String customer) {
    return ticket(customer, TicketPurpose.SELF_SERVICE_RESET, NOW.plus(Duration.ofMinutes(30)));
  }

  /**
   * An outstanding ticket issued at {@link #NOW}.
   *
   * @param customer whose
   * @param purpose what for
   * @param expiresAt when it expires
   * @return the ticket
   */
  protected static Ticket ticket(String customer, TicketPurpose purpose, Instant expiresAt) {
    return new Ticket(
        newTokenHash(),
        CustomerId.of(customer),
        purpose,
        NOW,
        expiresAt,
        null,
        null,
        null,
        purpose == TicketPurpose.PENDING_PASSWORD
            ? "$argon2id$v=19$m=19456,t=2,p=1$pending"
            : null);
  }

  private static Ticket fullTicket() {
    return new Ticket(
        newTokenHash(),
        CustomerId.of("cust-ünï-42"),
        TicketPurpose.AGENT_RESET,
        NOW,
        NOW.plus(Duration.ofHours(24)),
        null,
        "b2b",
        "agent.smith",
        null);
  }

  private Ticket saved(Ticket ticket) {
    store().save(ticket);
    return ticket;
  }

  private Ticket find(Ticket ticket) {
    Optional<Ticket> found = store().findByTokenHash(ticket.tokenHash());
    assertThat(found).as("ticket %s", ticket).isPresent();
    return found.orElseThrow();
  }

  // ---------------------------------------------------------------- save and find

  /** A saved ticket is found with every field as it was saved. */
  @Test
  public void saveThenFindByTokenHashReturnsEveryField() {
    Ticket ticket = saved(fullTicket());

    assertThat(store().findByTokenHash(ticket.tokenHash())).contains(ticket);
  }

  /** A set-then-confirm ticket keeps its pending password hash. */
  @Test
  public void saveThenFindKeepsThePendingPasswordHash() {
    Ticket ticket =
        saved(ticket("c1", TicketPurpose.PENDING_PASSWORD, NOW.plus(Duration.ofMinutes(30))));

    assertThat(find(ticket).pendingPasswordHash()).isEqualTo(ticket.pendingPasswordHash());
    assertThat(find(ticket)).isEqualTo(ticket);
  }

  /** Optional fields left null come back null. */
  @Test
  public void saveThenFindKeepsNullOptionalFields() {
    Ticket ticket = saved(ticket("c1"));

    Ticket found = find(ticket);
    assertThat(found.storefront()).isNull();
    assertThat(found.issuedBy()).isNull();
    assertThat(found.pendingPasswordHash()).isNull();
    assertThat(found.consumedAt()).isNull();
  }

  /** Every purpose can be stored and read back. */
  @Test
  public void saveThenFindKeepsEveryPurpose() {
    for (TicketPurpose purpose : TicketPurpose.values()) {
      Ticket ticket = saved(ticket("c1", purpose, NOW.plusSeconds(60)));

      assertThat(find(ticket).purpose()).isEqualTo(purpose);
    }
  }

  /** Times come back exactly, to the millisecond, also far from now. */
  @Test
  public void timesRoundTripToTheMillisecond() {
    Instant issued = Instant.parse("2001-02-03T04:05:06.007Z");
    Instant expires = Instant.parse("2099-12-31T23:59:59.999Z");
    Ticket ticket =
        saved(
            new Ticket(
                newTokenHash(),
                CustomerId.of("c1"),
                TicketPurpose.ACCOUNT_SETUP,
                issued,
                expires,
                null,
                null,
                null,
                null));

    Ticket found = find(ticket);
    assertThat(found.issuedAt()).isEqualTo(issued);
    assertThat(found.expiresAt()).isEqualTo(expires);
  }

  /** An unknown token hash finds nothing. */
  @Test
  public void findByTokenHashWhenUnknownThenEmpty() {
    saved(ticket("c1"));

    assertThat(store().findByTokenHash(newTokenHash())).isEmpty();
  }

  /** Saving a second ticket with the same token hash fails and leaves the first as it was. */
  @Test
  public void saveWhenTokenHashExistsThenFailsAndKeepsTheFirst() {
    Ticket first = saved(ticket("c1"));
    Ticket second =
        new Ticket(
            first.tokenHash(),
            CustomerId.of("intruder"),
            TicketPurpose.AGENT_RESET,
            NOW,
            NOW.plus(Duration.ofDays(3)),
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> store().save(second)).isInstanceOf(PasswordResetException.class);
    assertThat(find(first)).isEqualTo(first);
  }

  // ---------------------------------------------------------------- consume

  /** Consuming an outstanding ticket returns it as it was before: outstanding, all fields. */
  @Test
  public void consumeWhenOutstandingThenReturnsTheTicketAsItWasBefore() {
    Ticket ticket = saved(fullTicket());

    Optional<Ticket> consumed = store().consume(ticket.tokenHash(), NOW.plusSeconds(5));

    assertThat(consumed).contains(ticket);
    assertThat(consumed.orElseThrow().outstanding()).isTrue();
  }

  /** A second consume of the same ticket gets nothing. */
  @Test
  public void consumeWhenAlreadyConsumedThenEmpty() {
    Ticket ticket = saved(ticket("c1"));
    store().consume(ticket.tokenHash(), NOW.plusSeconds(5));

    assertThat(store().consume(ticket.tokenHash(), NOW.plusSeconds(6))).isEmpty();
  }

  /** Consuming an unknown token hash gets nothing and creates nothing. */
  @Test
  public void consumeWhenUnknownThenEmpty() {
    TokenHash unknown = newTokenHash();

    assertThat(store().consume(unknown, NOW)).isEmpty();
    assertThat(store().findByTokenHash(unknown)).isEmpty();
  }

  /** A consumed ticket stays findable, marked with the consume time, until it is purged. */
  @Test
  public void consumedTicketIsStillFoundWithItsConsumeTimeUntilPurged() {
    Ticket ticket = saved(ticket("c1"));
    Instant at = NOW.plusMillis(4321);

    store().consume(ticket.tokenHash(), at);

    assertThat(store().findByTokenHash(ticket.tokenHash())).contains(ticket.consumed(at));
  }

  /**
   * Consumption checks expiry at the consumption instant (issue 14, item 12): a ticket whose expiry
   * is not after {@code consumedAt} is not consumed, and stays as it was (still findable, still
   * outstanding), so the engine can answer "expired". Here: exactly at its expiry.
   */
  @Test
  public void consumeAtExactlyExpiresAtThenEmptyAndTheTicketUnchanged() {
    Ticket ticket = saved(ticket("c1", TicketPurpose.SELF_SERVICE_RESET, NOW.plusSeconds(60)));

    assertThat(store().consume(ticket.tokenHash(), NOW.plusSeconds(60))).isEmpty();
    assertThat(store().findByTokenHash(ticket.tokenHash())).contains(ticket);
  }

  /** As above, a minute past its expiry (within any retention a store may keep it for). */
  @Test
  public void consumeAfterExpiresAtThenEmptyAndTheTicketUnchanged() {
    Ticket ticket = saved(ticket("c1", TicketPurpose.SELF_SERVICE_RESET, NOW.plusSeconds(60)));

    assertThat(store().consume(ticket.tokenHash(), NOW.plusSeconds(120))).isEmpty();
    assertThat(store().findByTokenHash(ticket.tokenHash())).contains(ticket);
  }

  /** One millisecond before its expiry a ticket is still consumed. */
  @Test
  public void consumeOneMillisecondBeforeExpiresAtConsumes() {
    Ticket ticket = saved(ticket("c1", TicketPurpose.SELF_SERVICE_RESET, NOW.plusSeconds(60)));
    Instant at = NOW.plusSeconds(60).minusMillis(1);

    assertThat(store().consume(ticket.tokenHash(), at)).contains(ticket);
    assertThat(store().findByTokenHash(ticket.tokenHash())).contains(ticket.consumed(at));
  }

  /**
   * Time comes from the engine: a ticket issued by an engine whose clock is far in the past or far
   * ahead of the system clock is found, consumed and revoked exactly as the engine's instants say,
   * whatever the store's own machine thinks the time is. Here: decades in the past.
   */
  @Test
  public void ticketsFollowAnEngineClockFarInThePast() {
    ticketsFollowTheEnginesClock(Instant.parse("1995-03-01T08:00:00Z"));
  }

  /** As {@link #ticketsFollowAnEngineClockFarInThePast()}, with a clock centuries ahead. */
  @Test
  public void ticketsFollowAnEngineClockFarAhead() {
    ticketsFollowTheEnginesClock(Instant.parse("2301-11-30T23:29:59.999Z"));
  }

  private void ticketsFollowTheEnginesClock(Instant engineNow) {
    Ticket first = saved(ticketIssuedAt(engineNow, "c1", Duration.ofMinutes(30)));
    Ticket second = saved(ticketIssuedAt(engineNow, "c1", Duration.ofMinutes(30)));
    Instant later = engineNow.plus(Duration.ofMinutes(29));

    assertThat(store().findByTokenHash(first.tokenHash(), later)).contains(first);
    assertThat(store().findByTokenHash(first.tokenHash())).contains(first);
    assertThat(store().consume(first.tokenHash(), later)).contains(first);
    assertThat(store().findByTokenHash(first.tokenHash(), later)).contains(first.consumed(later));
    assertThat(store().revokeAll(CustomerId.of("c1"), later)).isOne();
    assertThat(store().findByTokenHash(second.tokenHash(), later)).contains(second.revoked(later));
    assertThat(store().purgeExpired(engineNow.plus(Duration.ofMinutes(30)))).isEqualTo(2);
    assertThat(store().findByTokenHash(first.tokenHash(), later)).isEmpty();
  }

  private static Ticket ticketIssuedAt(Instant issuedAt, String customer, Duration lifetime) {
    return new Ticket(
        newTokenHash(),
        CustomerId.of(customer),
        TicketPurpose.SELF_SERVICE_RESET,
        issuedAt,
        issuedAt.plus(lifetime),
        null,
        null,
        null,
        null);
  }

  /** Consuming one ticket leaves the customer's other tickets outstanding. */
  @Test
  public void consumeTouchesOnlyThatTicket() {
    Ticket one = saved(ticket("c1"));
    Ticket other = saved(ticket("c1"));

    store().consume(one.tokenHash(), NOW.plusSeconds(1));

    assertThat(find(other).outstanding()).isTrue();
  }

  /**
   * Of many threads consuming one link at once, exactly one gets the ticket.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentConsumesOfOneTicketHaveExactlyOneWinner() throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      Ticket ticket = saved(ticket("c" + round));

      List<Optional<Ticket>> results =
          Concurrently.run(
              concurrentThreads(), () -> store().consume(ticket.tokenHash(), NOW.plusSeconds(1)));

      assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
      assertThat(results).filteredOn(Optional::isPresent).first().isEqualTo(Optional.of(ticket));
      assertThat(find(ticket).outstanding()).isFalse();
    }
  }

  /**
   * Many threads saving distinct tickets at once all succeed.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentSavesOfDistinctTicketsAllSucceed() throws InterruptedException {
    List<Ticket> tickets =
        Concurrently.run(
            concurrentThreads(),
            () -> {
              Ticket ticket = ticket("c1");
              store().save(ticket);
              return ticket;
            });

    for (Ticket ticket : tickets) {
      assertThat(store().findByTokenHash(ticket.tokenHash())).contains(ticket);
    }
  }

  // ---------------------------------------------------------------- revoke

  /** Revoking by purpose marks exactly that customer's outstanding tickets of those purposes. */
  @Test
  public void revokeRevokesOnlyTheGivenPurposesOfThatCustomer() {
    Instant later = NOW.plusSeconds(90);
    Ticket selfService = saved(ticket("c1"));
    Ticket pending = saved(ticket("c1", TicketPurpose.PENDING_PASSWORD, later));
    Ticket agent = saved(ticket("c1", TicketPurpose.AGENT_RESET, later));
    Ticket otherCustomer = saved(ticket("c2"));
    Instant revokedAt = NOW.plusSeconds(30);

    int revoked =
        store()
            .revoke(
                CustomerId.of("c1"),
                EnumSet.of(TicketPurpose.SELF_SERVICE_RESET, TicketPurpose.PENDING_PASSWORD),
                revokedAt);

    assertThat(revoked).isEqualTo(2);
    // Revoked, not used: the engine answers REPLACED for such a link, not USED (issue 18).
    assertThat(find(selfService)).isEqualTo(selfService.revoked(revokedAt));
    assertThat(find(pending)).isEqualTo(pending.revoked(revokedAt));
    assertThat(find(selfService).revoked()).isTrue();
    assertThat(find(agent)).isEqualTo(agent);
    assertThat(find(otherCustomer)).isEqualTo(otherCustomer);
  }

  /** A revoked ticket can no longer be consumed. */
  @Test
  public void consumeWhenRevokedThenEmpty() {
    Ticket ticket = saved(ticket("c1"));
    store().revokeAll(CustomerId.of("c1"), NOW.plusSeconds(1));

    assertThat(store().consume(ticket.tokenHash(), NOW.plusSeconds(2))).isEmpty();
  }

  /** Revoking all revokes every purpose, and counts only tickets that were outstanding. */
  @Test
  public void revokeAllRevokesEveryOutstandingTicketOfTheCustomer() {
    Instant later = NOW.plus(Duration.ofHours(1));
    for (TicketPurpose purpose : TicketPurpose.values()) {
      saved(ticket("c1", purpose, later));
    }
    Ticket used = saved(ticket("c1"));
    Instant usedAt = NOW.plusSeconds(1);
    store().consume(used.tokenHash(), usedAt);
    Ticket otherCustomer = saved(ticket("c2"));

    int revoked = store().revokeAll(CustomerId.of("c1"), NOW.plusSeconds(2));

    assertThat(revoked).isEqualTo(TicketPurpose.values().length);
    assertThat(find(used).consumedAt())
        .as("an already used ticket keeps its time")
        .isEqualTo(usedAt);
    assertThat(find(used).revoked()).as("an already used ticket stays used").isFalse();
    assertThat(find(otherCustomer).outstanding()).isTrue();
    assertThat(store().revokeAll(CustomerId.of("c1"), NOW.plusSeconds(3))).isZero();
  }

  /** Revoking with no purposes revokes nothing. */
  @Test
  public void revokeWithNoPurposesRevokesNothing() {
    Ticket ticket = saved(ticket("c1"));

    assertThat(store().revoke(CustomerId.of("c1"), Set.of(), NOW.plusSeconds(1))).isZero();
    assertThat(find(ticket).outstanding()).isTrue();
  }

  /** Revoking for a customer without tickets revokes nothing. */
  @Test
  public void revokeWhenCustomerHasNoTicketsThenZero() {
    saved(ticket("c1"));

    assertThat(store().revokeAll(CustomerId.of("nobody"), NOW)).isZero();
  }

  // ---------------------------------------------------------------- purge

  /** A ticket is purged at exactly its expiry. */
  @Test
  public void purgeAtExactlyExpiresAtDeletesTheTicket() {
    Ticket ticket = saved(ticket("c1"));

    assertThat(store().purgeExpired(ticket.expiresAt())).isEqualTo(1);
    assertThat(store().findByTokenHash(ticket.tokenHash())).isEmpty();
  }

  /** A ticket is kept one millisecond before its expiry. */
  @Test
  public void purgeOneMillisecondBeforeExpiresAtKeepsTheTicket() {
    Ticket ticket = saved(ticket("c1"));

    assertThat(store().purgeExpired(ticket.expiresAt().minusMillis(1))).isZero();
    assertThat(find(ticket)).isEqualTo(ticket);
  }

  /** Purge deletes expired tickets whether used or not, keeps live ones, and counts. */
  @Test
  public void purgeDeletesUsedAndOutstandingExpiredTicketsAndKeepsLiveOnes() {
    Ticket expiredOutstanding = saved(ticket("c1", TicketPurpose.AGENT_RESET, NOW.plusSeconds(10)));
    Ticket expiredUsed = saved(ticket("c2", TicketPurpose.REMINDER, NOW.plusSeconds(20)));
    store().consume(expiredUsed.tokenHash(), NOW.plusSeconds(1));
    Ticket live = saved(ticket("c1", TicketPurpose.ACCOUNT_SETUP, NOW.plusSeconds(31)));
    Ticket usedLive = saved(ticket("c3", TicketPurpose.AGENT_RESET, NOW.plusSeconds(40)));
    store().consume(usedLive.tokenHash(), NOW.plusSeconds(2));

    int purged = store().purgeExpired(NOW.plusSeconds(30));

    assertThat(purged).isEqualTo(2);
    assertThat(store().findByTokenHash(expiredOutstanding.tokenHash())).isEmpty();
    assertThat(store().findByTokenHash(expiredUsed.tokenHash())).isEmpty();
    assertThat(find(live)).isEqualTo(live);
    assertThat(find(usedLive).outstanding()).isFalse();
  }

  /** A large backlog of expired tickets is purged completely in one call. */
  @Test
  public void purgeDeletesAWholeBacklogOfExpiredTickets() {
    int count = bulkPurgeSize();
    for (int i = 0; i < count; i++) {
      saved(ticket("c" + (i % 17), TicketPurpose.SELF_SERVICE_RESET, NOW.plusMillis(1 + i)));
    }
    Ticket live =
        saved(ticket("c1", TicketPurpose.SELF_SERVICE_RESET, NOW.plus(Duration.ofDays(1))));

    assertThat(store().purgeExpired(NOW.plus(Duration.ofHours(1)))).isEqualTo(count);
    assertThat(find(live)).isEqualTo(live);
    assertThat(store().purgeExpired(NOW.plus(Duration.ofHours(1)))).isZero();
  }

  /** Purging an empty store deletes nothing. */
  @Test
  public void purgeWhenNothingExpiredThenZero() {
    assertThat(store().purgeExpired(NOW)).isZero();
  }
}

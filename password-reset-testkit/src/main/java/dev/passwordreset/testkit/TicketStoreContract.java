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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
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
 * expiry), revoke by purpose and for all purposes, purge at the exact expiry boundary and in bulk,
 * and the wrong-try counter of reset codes ({@link TicketStore#recordFailedAttempt}): counts 1 to
 * the limit, the try reaching it revokes the code, nothing counted for a missing, used, revoked or
 * expired ticket nor for another customer's or purpose's, bad arguments refused, and its races:
 * {@link #concurrentAttempts()} wrong tries at once count exactly, and a consume racing the killing
 * try never wins beside it. A store that does not count wrong tries (and so cannot keep reset
 * codes) overrides {@link #countsFailedAttempts()}.
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

  /**
   * How many wrong tries race against one code in {@link
   * #concurrentWrongTriesCountExactlyAndKillTheCodeAtTheLimit()} (default 50; the limit is 5).
   *
   * @return more than {@value #ATTEMPT_LIMIT}
   */
  protected int concurrentAttempts() {
    return 50;
  }

  /**
   * Whether the store counts wrong tries of reset codes ({@link TicketStore#recordFailedAttempt}).
   * Default {@code true}: the engine's reset by code needs it. A store that does not (it then keeps
   * the SPI's default, which throws {@link UnsupportedOperationException}) returns {@code false}:
   * the counter's tests are then skipped, and one checks that it throws.
   *
   * @return whether the store implements {@code recordFailedAttempt}
   */
  protected boolean countsFailedAttempts() {
    return true;
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

  // ---------------------------------------------------------------- wrong tries of a code

  /** The limit of wrong tries the counter's tests use. */
  protected static final int ATTEMPT_LIMIT = 5;

  /**
   * An outstanding reset code issued at {@link #NOW}, valid for 15 minutes.
   *
   * @param customer whose
   * @return the ticket
   */
  protected static Ticket code(String customer) {
    return ticket(customer, TicketPurpose.RESET_CODE, NOW.plus(Duration.ofMinutes(15)));
  }

  private int wrongTry(String customer, Instant at) {
    return store()
        .recordFailedAttempt(CustomerId.of(customer), TicketPurpose.RESET_CODE, ATTEMPT_LIMIT, at);
  }

  private void assumeCounts() {
    Assumptions.assumeTrue(
        countsFailedAttempts(), "the store does not count wrong tries (countsFailedAttempts)");
  }

  /**
   * A store does what {@link #countsFailedAttempts()} declares: it counts a wrong try, or says it
   * cannot with the SPI's exception. (One test for both, so that no store's run reports a skip.)
   */
  @Test
  public void recordFailedAttemptCountsOrIsRefusedAsDeclared() {
    saved(code("c1"));

    if (countsFailedAttempts()) {
      assertThat(wrongTry("c1", NOW.plusSeconds(1))).isEqualTo(1);
    } else {
      assertThatThrownBy(() -> wrongTry("c1", NOW.plusSeconds(1)))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  /**
   * Each wrong try below the limit counts one more, from 1, and changes nothing else: the code
   * stays outstanding, exactly as saved.
   */
  @Test
  public void recordFailedAttemptCountsFromOneUpAndLeavesTheCodeOutstanding() {
    assumeCounts();
    Ticket code = saved(code("c1"));

    for (int i = 1; i < ATTEMPT_LIMIT; i++) {
      assertThat(wrongTry("c1", NOW.plusSeconds(i))).as("try %d", i).isEqualTo(i);
      assertThat(find(code)).as("after try %d", i).isEqualTo(code);
    }
  }

  /**
   * The try that reaches the limit answers the limit and revokes the code at its instant, in the
   * same step: it is found revoked ({@code consumedAt} = that instant, {@code revoked}), cannot be
   * consumed, and later tries find nothing to count.
   */
  @Test
  public void recordFailedAttemptReachingTheLimitRevokesTheCode() {
    assumeCounts();
    Ticket code = saved(code("c1"));
    for (int i = 1; i < ATTEMPT_LIMIT; i++) {
      wrongTry("c1", NOW.plusSeconds(i));
    }
    Instant killedAt = NOW.plusSeconds(10).plusMillis(7);

    assertThat(wrongTry("c1", killedAt)).isEqualTo(ATTEMPT_LIMIT);

    Ticket found = find(code);
    assertThat(found).isEqualTo(code.revoked(killedAt));
    assertThat(found.consumedAt()).isEqualTo(killedAt);
    assertThat(found.revoked()).isTrue();
    assertThat(store().consume(code.tokenHash(), killedAt.plusSeconds(1))).isEmpty();
    assertThat(wrongTry("c1", killedAt.plusSeconds(2))).isZero();
    assertThat(find(code)).as("a try after the kill changes nothing").isEqualTo(found);
  }

  /** With a limit of 1 the first wrong try kills the code. */
  @Test
  public void recordFailedAttemptWithALimitOfOneRevokesAtTheFirstTry() {
    assumeCounts();
    Ticket code = saved(code("c1"));
    Instant at = NOW.plusSeconds(3);

    assertThat(store().recordFailedAttempt(CustomerId.of("c1"), TicketPurpose.RESET_CODE, 1, at))
        .isEqualTo(1);
    assertThat(find(code)).isEqualTo(code.revoked(at));
  }

  /** Wrong tries below the limit do not keep the right code from being used. */
  @Test
  public void consumeAfterWrongTriesBelowTheLimitStillConsumes() {
    assumeCounts();
    Ticket code = saved(code("c1"));
    for (int i = 1; i < ATTEMPT_LIMIT; i++) {
      wrongTry("c1", NOW.plusSeconds(i));
    }
    Instant at = NOW.plusSeconds(30);

    assertThat(store().consume(code.tokenHash(), at)).contains(code);
    assertThat(find(code)).isEqualTo(code.consumed(at));
    assertThat(wrongTry("c1", at.plusSeconds(1))).as("a used code counts nothing").isZero();
  }

  /**
   * The count belongs to the code: a new code for the same customer, after the old one was killed,
   * starts again from 1.
   */
  @Test
  public void recordFailedAttemptCountsPerCodeAndANewCodeStartsAtOne() {
    assumeCounts();
    saved(code("c1"));
    for (int i = 1; i <= ATTEMPT_LIMIT; i++) {
      wrongTry("c1", NOW.plusSeconds(i));
    }
    Ticket next = saved(code("c1"));

    assertThat(wrongTry("c1", NOW.plusSeconds(20))).isEqualTo(1);
    assertThat(find(next).outstanding()).isTrue();
  }

  /** A customer without any ticket: nothing is counted. */
  @Test
  public void recordFailedAttemptWithoutATicketThenZero() {
    assumeCounts();

    assertThat(wrongTry("nobody", NOW.plusSeconds(1))).isZero();
    assertThat(wrongTry("nobody", NOW.plusSeconds(2))).isZero();
  }

  /** A used code counts nothing, and stays as it was. */
  @Test
  public void recordFailedAttemptOnAUsedCodeThenZero() {
    assumeCounts();
    Ticket code = saved(code("c1"));
    Instant usedAt = NOW.plusSeconds(1);
    store().consume(code.tokenHash(), usedAt);

    assertThat(wrongTry("c1", NOW.plusSeconds(2))).isZero();
    assertThat(find(code)).isEqualTo(code.consumed(usedAt));
  }

  /** A revoked code (replaced by a newer one, or a password change) counts nothing. */
  @Test
  public void recordFailedAttemptOnARevokedCodeThenZero() {
    assumeCounts();
    Ticket code = saved(code("c1"));
    Instant revokedAt = NOW.plusSeconds(1);
    store().revokeAll(CustomerId.of("c1"), revokedAt);

    assertThat(wrongTry("c1", NOW.plusSeconds(2))).isZero();
    assertThat(find(code)).isEqualTo(code.revoked(revokedAt));
  }

  /**
   * An expired code counts nothing, judged by the instant passed: at exactly its expiry and after
   * it, nothing (and it stays outstanding); one millisecond before, the try counts.
   */
  @Test
  public void recordFailedAttemptOnAnExpiredCodeThenZero() {
    assumeCounts();
    Instant expiry = NOW.plusSeconds(60);
    Ticket code = saved(ticket("c1", TicketPurpose.RESET_CODE, expiry));

    assertThat(wrongTry("c1", expiry)).as("at its expiry").isZero();
    assertThat(wrongTry("c1", expiry.plusSeconds(30))).as("after its expiry").isZero();
    assertThat(find(code)).isEqualTo(code);
    assertThat(wrongTry("c1", expiry.minusMillis(1))).as("just before its expiry").isEqualTo(1);
  }

  /** Another customer's code is neither counted nor touched. */
  @Test
  public void recordFailedAttemptCountsOnlyThatCustomersCode() {
    assumeCounts();
    Ticket theirs = saved(code("c2"));

    assertThat(wrongTry("c1", NOW.plusSeconds(1))).isZero();
    assertThat(find(theirs)).isEqualTo(theirs);
    assertThat(wrongTry("c2", NOW.plusSeconds(2))).as("c2's first try").isEqualTo(1);
  }

  /**
   * Only tickets of the purpose asked for are counted: a customer's outstanding link is not a code,
   * and the links' and codes' counts are separate.
   */
  @Test
  public void recordFailedAttemptCountsOnlyTicketsOfThatPurpose() {
    assumeCounts();
    Ticket link = saved(ticket("c1"));

    assertThat(wrongTry("c1", NOW.plusSeconds(1))).as("no code, only a link").isZero();
    assertThat(find(link)).isEqualTo(link);

    Ticket code = saved(code("c1"));
    for (int i = 1; i <= ATTEMPT_LIMIT; i++) {
      wrongTry("c1", NOW.plusSeconds(1 + i));
    }
    assertThat(find(code).revoked()).isTrue();
    assertThat(find(link)).as("the link survives its customer's dead code").isEqualTo(link);
    assertThat(
            store()
                .recordFailedAttempt(
                    CustomerId.of("c1"),
                    TicketPurpose.SELF_SERVICE_RESET,
                    ATTEMPT_LIMIT,
                    NOW.plusSeconds(20)))
        .as("the link's own count starts at 1")
        .isEqualTo(1);
  }

  /** A limit below 1 is refused, naming it, and counts nothing. */
  @Test
  public void recordFailedAttemptWithALimitBelowOneThrowsIllegalArgument() {
    assumeCounts();
    Ticket code = saved(code("c1"));
    CustomerId c1 = CustomerId.of("c1");

    for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(
              () -> store().recordFailedAttempt(c1, TicketPurpose.RESET_CODE, limit, NOW))
          .as("limit %d", limit)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limit");
    }
    assertThat(find(code)).isEqualTo(code);
    assertThat(wrongTry("c1", NOW.plusSeconds(1))).as("nothing was counted").isEqualTo(1);
  }

  /** Null arguments are refused with a {@link NullPointerException}, and count nothing. */
  @Test
  public void recordFailedAttemptWithANullArgumentThrowsNullPointer() {
    assumeCounts();
    saved(code("c1"));
    CustomerId c1 = CustomerId.of("c1");
    TicketPurpose purpose = TicketPurpose.RESET_CODE;

    assertThatThrownBy(() -> store().recordFailedAttempt(null, purpose, ATTEMPT_LIMIT, NOW))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().recordFailedAttempt(c1, null, ATTEMPT_LIMIT, NOW))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().recordFailedAttempt(c1, purpose, ATTEMPT_LIMIT, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(wrongTry("c1", NOW.plusSeconds(1))).as("nothing was counted").isEqualTo(1);
  }

  /**
   * The race the counter exists for: {@link #concurrentAttempts()} wrong tries at once (as from
   * several nodes) against one code with a limit of {@value #ATTEMPT_LIMIT}. Exactly {@value
   * #ATTEMPT_LIMIT} of them count, answering 1 to {@value #ATTEMPT_LIMIT} once each; every other
   * one answers 0; the code ends revoked. Three rounds, each with a new code.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentWrongTriesCountExactlyAndKillTheCodeAtTheLimit()
      throws InterruptedException {
    assumeCounts();
    for (int round = 0; round < 3; round++) {
      String customer = "racer" + round;
      Ticket code = saved(code(customer));
      Instant at = NOW.plusSeconds(1 + round);

      List<Integer> answers = Concurrently.run(concurrentAttempts(), () -> wrongTry(customer, at));

      List<Integer> counted = new ArrayList<>(answers);
      counted.removeIf(n -> n == 0);
      Collections.sort(counted);
      assertThat(counted)
          .as("round %d: the tries that counted", round)
          .containsExactly(1, 2, 3, 4, 5);
      assertThat(answers)
          .as("round %d: the tries after the kill", round)
          .filteredOn(n -> n == 0)
          .hasSize(concurrentAttempts() - ATTEMPT_LIMIT);
      assertThat(find(code))
          .as("round %d: revoked by the fifth", round)
          .isEqualTo(code.revoked(at));
      assertThat(store().consume(code.tokenHash(), at)).isEmpty();
    }
  }

  /**
   * A consume racing the try that would kill the code (it has {@value #ATTEMPT_LIMIT} - 1 wrong
   * tries already): never both win. Either one consume gets the code and every try answers 0 (the
   * code was used first), or one try answers {@value #ATTEMPT_LIMIT} and every consume gets nothing
   * (the code was killed first); the stored ticket says which. Several consumes and several tries
   * race in each of ten rounds.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void consumeRacingTheKillingTryNeverBothWin() throws InterruptedException {
    assumeCounts();
    int perSide = Math.max(1, concurrentThreads() / 4);
    for (int round = 0; round < 10; round++) {
      String customer = "duel" + round;
      Ticket code = saved(code(customer));
      for (int i = 1; i < ATTEMPT_LIMIT; i++) {
        wrongTry(customer, NOW.plusMillis(i));
      }
      Instant at = NOW.plusSeconds(1 + round);
      AtomicInteger next = new AtomicInteger();

      List<Object> answers =
          Concurrently.run(
              2 * perSide,
              () ->
                  next.getAndIncrement() % 2 == 0
                      ? store().consume(code.tokenHash(), at)
                      : (Object) wrongTry(customer, at));

      long consumed =
          answers.stream()
              .filter(a -> a instanceof Optional && ((Optional<?>) a).isPresent())
              .count();
      long killed = answers.stream().filter(a -> Integer.valueOf(ATTEMPT_LIMIT).equals(a)).count();
      assertThat(answers)
          .as("round %d: tries that neither killed nor found nothing", round)
          .filteredOn(a -> a instanceof Integer)
          .allMatch(a -> (Integer) a == 0 || (Integer) a == ATTEMPT_LIMIT);
      assertThat(consumed + killed)
          .as("round %d: exactly one of a consume and the killing try wins: %s", round, answers)
          .isEqualTo(1);
      Ticket found = find(code);
      if (consumed == 1) {
        assertThat(found).as("round %d", round).isEqualTo(code.consumed(at));
      } else {
        assertThat(found).as("round %d", round).isEqualTo(code.revoked(at));
      }
    }
  }
}

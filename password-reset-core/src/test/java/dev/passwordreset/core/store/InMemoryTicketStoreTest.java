package dev.passwordreset.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.testkit.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InMemoryTicketStoreTest {

  private static final Instant NOW = Instant.parse("2030-05-17T09:30:15.123Z");
  private static final Instant IN_30_MINUTES = NOW.plus(Duration.ofMinutes(30));
  private static final String PENDING_HASH = "$argon2id$v=19$m=19456,t=2,p=1$pending";

  private final Random random = new Random(7);
  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryTicketStore store = new InMemoryTicketStore(Duration.ofHours(1));

  private TokenHash newTokenHash() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return TokenHash.of(bytes);
  }

  private static Ticket ticket(
      TokenHash tokenHash,
      CustomerId customer,
      TicketPurpose purpose,
      Instant expiresAt,
      @Nullable String storefront,
      @Nullable String issuedBy) {
    return new Ticket(
        tokenHash,
        customer,
        purpose,
        NOW,
        expiresAt,
        null,
        storefront,
        issuedBy,
        purpose == TicketPurpose.PENDING_PASSWORD ? PENDING_HASH : null);
  }

  private Ticket ticket(String customer, TicketPurpose purpose, Instant expiresAt) {
    return ticket(newTokenHash(), CustomerId.of(customer), purpose, expiresAt, null, null);
  }

  private Ticket saved(Ticket ticket) {
    store.save(ticket);
    return ticket;
  }

  private Ticket saved(String customer, Instant expiresAt) {
    return saved(ticket(customer, TicketPurpose.SELF_SERVICE_RESET, expiresAt));
  }

  // ---------------------------------------------------------------- save and find

  @ParameterizedTest(name = "storefront={0} issuedBy={1} purpose={2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-,   -,           SELF_SERVICE_RESET",
        "b2b, -,           SELF_SERVICE_RESET",
        "-,   agent.smith, AGENT_RESET",
        "-,   -,           PENDING_PASSWORD",
        "b2b, agent.smith, AGENT_RESET",
        "b2b, -,           PENDING_PASSWORD"
      })
  void everyCombinationOfOptionalFieldsRoundTrips(
      @Nullable String storefront, @Nullable String issuedBy, TicketPurpose purpose) {
    Ticket ticket =
        saved(
            ticket(
                newTokenHash(), CustomerId.of("c1"), purpose, IN_30_MINUTES, storefront, issuedBy));

    assertThat(store.findByTokenHash(ticket.tokenHash())).contains(ticket);
    assertThat(store.consume(ticket.tokenHash(), NOW.plusSeconds(1))).contains(ticket);
    assertThat(store.findByTokenHash(ticket.tokenHash()))
        .contains(ticket.consumed(NOW.plusSeconds(1)));
  }

  @Test
  void aTicketSavedAsUsedIsFoundUsedAndCannotBeConsumed() {
    Ticket used = ticket("c1", TicketPurpose.REMINDER, IN_30_MINUTES).consumed(NOW.plusMillis(5));
    store.save(used);

    assertThat(store.findByTokenHash(used.tokenHash())).contains(used);
    assertThat(store.consume(used.tokenHash(), NOW.plusSeconds(1))).isEmpty();
  }

  @Test
  void malformedTokenHashesFindNothing() {
    Ticket ticket = saved("c1", IN_30_MINUTES);

    // Malformed text never reaches a store: the boundary refuses it, naming the problem.
    String hex = ticket.tokenHash().hex();
    assertThatThrownBy(() -> TokenHash.ofHex(hex.toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenHash.ofHex(hex.substring(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenHash.ofHex(hex + "0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findByTokenHash(TokenHash.ofHex(hex))).contains(ticket);
  }

  @Test
  void tokenHashesWhoseKeysHashAlikeAreStillTellApart() {
    // The same four 16-digit blocks in another order: equal hash codes, different token hashes.
    String blockA = "0123456789abcdef";
    String blockB = "fedcba9876543210";
    String blockC = "00000000000000ff";
    String blockD = "1111111111111111";
    Ticket first =
        saved(
            ticket(
                TokenHash.ofHex(blockA + blockB + blockC + blockD),
                CustomerId.of("c1"),
                TicketPurpose.SELF_SERVICE_RESET,
                IN_30_MINUTES,
                null,
                null));
    TokenHash swapped = TokenHash.ofHex(blockB + blockA + blockC + blockD);

    assertThat(store.findByTokenHash(swapped)).isEmpty();
    assertThat(store.consume(swapped, NOW)).isEmpty();

    Ticket second =
        saved(
            ticket(
                swapped,
                CustomerId.of("c2"),
                TicketPurpose.AGENT_RESET,
                IN_30_MINUTES,
                null,
                "agent"));

    assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
    assertThat(store.findByTokenHash(second.tokenHash())).contains(second);
  }

  @Test
  void savingASecondTicketWithTheSameTokenHashFailsAndKeepsTheFirst() {
    Ticket first = saved("c1", IN_30_MINUTES);
    Ticket second =
        ticket(
            first.tokenHash(),
            CustomerId.of("intruder"),
            TicketPurpose.AGENT_RESET,
            NOW.plus(Duration.ofDays(3)),
            null,
            null);

    assertThatThrownBy(() -> store.save(second))
        .isInstanceOf(PasswordResetException.class)
        .hasMessage("a ticket with this token hash exists already");

    assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
    assertThat(store.revokeAll(CustomerId.of("intruder"), NOW)).isZero();
    assertThat(store.revokeAll(CustomerId.of("c1"), NOW)).isOne();
  }

  @Test
  void aTicketWithTheTokenHashOfAForgottenOneCanBeSaved() {
    Ticket old = saved("c1", NOW.plusSeconds(10));
    clock.advance(Duration.ofHours(1).plusSeconds(10));
    Ticket reused =
        new Ticket(
            old.tokenHash(),
            CustomerId.of("c2"),
            TicketPurpose.ACCOUNT_SETUP,
            clock.instant(),
            NOW.plus(Duration.ofDays(1)),
            null,
            null,
            null,
            null);

    store.save(reused);

    assertThat(store.findByTokenHash(old.tokenHash(), clock.instant())).contains(reused);
    assertThat(store.revokeAll(CustomerId.of("c1"), clock.instant())).isZero();
    assertThat(store.size()).isOne();
  }

  // ---------------------------------------------------------------- retention

  @Test
  void anExpiredTicketIsKeptForTheRetentionAndForgottenExactlyAtItsEnd() {
    Ticket ticket = saved("c1", IN_30_MINUTES);
    Ticket used = saved("c2", IN_30_MINUTES);
    store.consume(used.tokenHash(), NOW.plusSeconds(1));

    clock.set(IN_30_MINUTES.plus(Duration.ofHours(1)).minusMillis(1));
    assertThat(store.findByTokenHash(ticket.tokenHash(), clock.instant())).contains(ticket);
    assertThat(store.size()).isEqualTo(2);

    clock.set(IN_30_MINUTES.plus(Duration.ofHours(1)));
    assertThat(store.findByTokenHash(ticket.tokenHash(), clock.instant())).isEmpty();
    assertThat(store.consume(ticket.tokenHash(), clock.instant())).isEmpty();
    assertThat(store.findByTokenHash(used.tokenHash())).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void aForgottenTicketIsNeitherConsumedNorRevoked() {
    Ticket ticket = saved("c1", IN_30_MINUTES);
    clock.set(IN_30_MINUTES.plus(Duration.ofHours(1)));

    assertThat(store.revokeAll(CustomerId.of("c1"), clock.instant())).isZero();
    assertThat(store.consume(ticket.tokenHash(), clock.instant())).isEmpty();
  }

  @Test
  void sizeCountsOutstandingUsedAndExpiredTicketsUntilTheyAreForgotten() {
    saved("c1", NOW.plusSeconds(10));
    saved("c1", NOW.plus(Duration.ofHours(3)));
    Ticket used = saved("c2", NOW.plus(Duration.ofHours(3)));
    store.consume(used.tokenHash(), NOW);

    clock.advance(Duration.ofHours(1));
    store.findByTokenHash(used.tokenHash(), clock.instant());
    assertThat(store.size()).isEqualTo(3);

    clock.advance(Duration.ofSeconds(10));
    store.findByTokenHash(used.tokenHash(), clock.instant());
    assertThat(store.size()).isEqualTo(2);
  }

  /** The constructor that took a clock still compiles, and the clock no longer decides anything. */
  @Test
  @SuppressWarnings("removal")
  void theDeprecatedClockIsIgnored() {
    InMemoryTicketStore old =
        new InMemoryTicketStore(
            java.time.Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ZERO);
    Ticket ticket = ticket("c1", TicketPurpose.SELF_SERVICE_RESET, IN_30_MINUTES);
    old.save(ticket);

    assertThat(old.findByTokenHash(ticket.tokenHash(), IN_30_MINUTES.minusMillis(1)))
        .contains(ticket);
    assertThat(old.findByTokenHash(ticket.tokenHash(), IN_30_MINUTES)).isEmpty();
  }

  @Test
  void aNegativeRetentionIsRejected() {
    assertThatThrownBy(() -> new InMemoryTicketStore(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must not be negative, was PT-0.001S");
  }

  // ---------------------------------------------------------------- revoke

  @Test
  void revokeMarksOnlyTheGivenPurposesOfThatCustomerAndCountsThem() {
    Ticket selfService = saved("c1", IN_30_MINUTES);
    Ticket pending = saved(ticket("c1", TicketPurpose.PENDING_PASSWORD, IN_30_MINUTES));
    Ticket agent = saved(ticket("c1", TicketPurpose.AGENT_RESET, IN_30_MINUTES));
    Ticket other = saved("c2", IN_30_MINUTES);
    Instant at = NOW.plusSeconds(30);

    int revoked =
        store.revoke(
            CustomerId.of("c1"),
            EnumSet.of(TicketPurpose.SELF_SERVICE_RESET, TicketPurpose.PENDING_PASSWORD),
            at);

    assertThat(revoked).isEqualTo(2);
    assertThat(store.findByTokenHash(selfService.tokenHash())).contains(selfService.revoked(at));
    assertThat(store.findByTokenHash(pending.tokenHash())).contains(pending.revoked(at));
    assertThat(store.findByTokenHash(agent.tokenHash())).contains(agent);
    assertThat(store.findByTokenHash(other.tokenHash())).contains(other);
    assertThat(store.revoke(CustomerId.of("c1"), Set.of(), at)).isZero();
    assertThat(store.revokeAll(CustomerId.of("c1"), at)).isOne();
    assertThat(store.revokeAll(CustomerId.of("c1"), at)).isZero();
    assertThat(store.revokeAll(CustomerId.of("nobody"), at)).isZero();
  }

  /**
   * A customer's tickets stay revocable whichever of them is removed first (the store indexes them
   * by customer).
   */
  @ParameterizedTest(name = "{0} tickets, remove #{1}")
  @CsvSource({"1, 0", "2, 0", "2, 1", "3, 0", "3, 1", "3, 2", "4, 0", "4, 2", "4, 3"})
  void revokeStillFindsTheOtherTicketsAfterOneIsPurged(int count, int removed) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tickets.add(saved("c1", i == removed ? NOW.plusSeconds(10) : IN_30_MINUTES));
    }

    assertThat(store.purgeExpired(NOW.plusSeconds(10))).isOne();

    assertThat(store.revokeAll(CustomerId.of("c1"), NOW)).isEqualTo(count - 1);
    for (int i = 0; i < count; i++) {
      if (i == removed) {
        assertThat(store.findByTokenHash(tickets.get(i).tokenHash())).isEmpty();
      } else {
        assertThat(store.findByTokenHash(tickets.get(i).tokenHash()))
            .contains(tickets.get(i).revoked(NOW));
      }
    }
  }

  @Test
  void revokeStillFindsTheOtherTicketsAfterSeveralAreRemovedInTurn() {
    int[] expiresInSeconds = {20, 50, 30, 50, 10};
    List<Ticket> tickets = new ArrayList<>();
    for (int seconds : expiresInSeconds) {
      tickets.add(saved("c1", NOW.plusSeconds(seconds)));
    }
    Ticket refused =
        ticket(
            tickets.get(2).tokenHash(),
            CustomerId.of("c1"),
            TicketPurpose.REMINDER,
            IN_30_MINUTES,
            null,
            null);
    assertThatThrownBy(() -> store.save(refused)).isInstanceOf(PasswordResetException.class);

    assertThat(store.purgeExpired(NOW.plusSeconds(10))).isOne(); // the last one
    clock.set(NOW.plusSeconds(20).plus(Duration.ofHours(1)));
    assertThat(store.findByTokenHash(tickets.get(0).tokenHash(), clock.instant()))
        .isEmpty(); // the first, forgotten
    assertThat(store.purgeExpired(NOW.plusSeconds(30))).isOne(); // the middle one

    assertThat(store.revokeAll(CustomerId.of("c1"), NOW)).isEqualTo(2);
    for (int i : new int[] {1, 3}) {
      assertThat(store.findByTokenHash(tickets.get(i).tokenHash()))
          .contains(tickets.get(i).revoked(NOW));
    }
  }

  // ---------------------------------------------------------------- purge

  @Test
  void purgeDeletesExactlyAtTheExpiryWhetherUsedOrNotAndCountsIt() {
    Ticket outstanding = saved("c1", NOW.plusSeconds(10));
    Ticket used = saved("c2", NOW.plusSeconds(20));
    store.consume(used.tokenHash(), NOW.plusSeconds(1));
    Ticket live = saved("c1", NOW.plusSeconds(21));

    assertThat(store.purgeExpired(NOW.plusSeconds(10).minusMillis(1))).isZero();
    assertThat(store.purgeExpired(NOW.plusSeconds(20))).isEqualTo(2);

    assertThat(store.findByTokenHash(outstanding.tokenHash())).isEmpty();
    assertThat(store.findByTokenHash(used.tokenHash())).isEmpty();
    assertThat(store.findByTokenHash(live.tokenHash())).contains(live);
    assertThat(store.size()).isOne();
  }

  @Test
  void purgeDoesNotCountTicketsThatWereAlreadyForgotten() {
    saved("c1", NOW.plusSeconds(10));
    saved("c1", NOW.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofHours(1).plusSeconds(10));

    assertThat(store.purgeExpired(clock.instant())).isZero();
    assertThat(store.purgeExpired(NOW.plus(Duration.ofHours(2)))).isOne();
  }

  @Test
  void concurrentPurgesCountEveryExpiredTicketOnce() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        int count = 2_000;
        for (int i = 0; i < count; i++) {
          saved("c1", NOW.plusMillis(1 + i));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Integer>> purges = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          purges.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.purgeExpired(NOW.plusSeconds(10));
                  }));
        }
        int total = 0;
        for (Future<Integer> purge : purges) {
          total += purge.get();
        }

        assertThat(total).as("round %d", round).isEqualTo(count);
        assertThat(store.size()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- races made deterministic

  /**
   * A lookup that finds a forgotten ticket removes it; if a new ticket with the same token hash is
   * saved meanwhile, the new one stays. The store has no clock to hook, so the two race for real:
   * one thread looks up forgotten tickets while another saves their successors, many times over.
   */
  @Test
  void aLookupOfAForgottenTicketDoesNotRemoveANewOneSavedMeanwhile() throws Exception {
    int rounds = 20_000;
    Instant late = NOW.plusSeconds(2);
    List<InMemoryTicketStore> stores = new ArrayList<>();
    List<Ticket> fresh = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      InMemoryTicketStore racy = new InMemoryTicketStore(Duration.ZERO);
      TokenHash tokenHash = newTokenHash();
      racy.save(
          ticket(
              tokenHash,
              CustomerId.of("c1"),
              TicketPurpose.SELF_SERVICE_RESET,
              NOW.plusSeconds(1),
              null,
              null));
      stores.add(racy);
      fresh.add(
          new Ticket(
              tokenHash,
              CustomerId.of("c2"),
              TicketPurpose.AGENT_RESET,
              late,
              NOW.plusSeconds(60),
              null,
              null,
              "agent",
              null));
    }
    CountDownLatch start = new CountDownLatch(1);
    Thread lookups =
        new Thread(
            () -> {
              awaitQuietly(start);
              for (int i = 0; i < rounds; i++) {
                stores.get(i).findByTokenHash(fresh.get(i).tokenHash(), late);
              }
            });
    Thread saves =
        new Thread(
            () -> {
              awaitQuietly(start);
              for (int i = 0; i < rounds; i++) {
                stores.get(i).save(fresh.get(i));
              }
            });
    lookups.start();
    saves.start();
    start.countDown();
    lookups.join(60_000);
    saves.join(60_000);

    assertThat(lookups.isAlive() || saves.isAlive()).as("both threads finished").isFalse();
    for (int i = 0; i < rounds; i++) {
      assertThat(stores.get(i).findByTokenHash(fresh.get(i).tokenHash(), late))
          .contains(fresh.get(i));
      assertThat(stores.get(i).revokeAll(CustomerId.of("c2"), late)).isOne();
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void everyTicketIsFoundAndConsumedOnceWhileOtherThreadsGrowTheTables() throws Exception {
    // Lookups read the table without its lock; growing it must never hide a ticket for good, and
    // a ticket must be consumed exactly once whoever races for it.
    int perThread = 20_000;
    int threads = 4;
    List<List<Ticket>> saved = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<Ticket> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(ticket("c" + t + "-" + (i % 50), TicketPurpose.SELF_SERVICE_RESET, IN_30_MINUTES));
      }
      saved.add(mine);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads * 2);
    try {
      CyclicBarrier start = new CyclicBarrier(threads * 2);
      List<Future<Integer>> savers = new ArrayList<>();
      List<Future<Integer>> consumers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Ticket> mine = saved.get(t);
        savers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (Ticket ticket : mine) {
                    store.save(ticket);
                  }
                  return mine.size();
                }));
        // Each consumer races for the tickets of another saver, each ticket until it is won.
        List<Ticket> theirs = saved.get((t + 1) % threads);
        consumers.add(
            pool.submit(
                () -> {
                  start.await();
                  int won = 0;
                  for (Ticket ticket : theirs) {
                    while (store.consume(ticket.tokenHash(), NOW.plusSeconds(1)).isEmpty()) {
                      Thread.onSpinWait();
                    }
                    won++;
                  }
                  return won;
                }));
      }
      for (Future<Integer> f : savers) {
        assertThat(f.get()).isEqualTo(perThread);
      }
      for (Future<Integer> f : consumers) {
        assertThat(f.get()).isEqualTo(perThread);
      }
    } finally {
      pool.shutdownNow();
    }
    for (List<Ticket> mine : saved) {
      for (Ticket ticket : mine) {
        assertThat(store.consume(ticket.tokenHash(), NOW.plusSeconds(2))).isEmpty();
        assertThat(store.findByTokenHash(ticket.tokenHash()))
            .contains(ticket.consumed(NOW.plusSeconds(1)));
      }
    }
    assertThat(store.size()).isEqualTo((long) threads * perThread);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- memory

  @Test
  void aPurgedTicketIsNotKeptInMemory() {
    WeakReference<CustomerId> customer = saveForUnreferencedCustomer(store, NOW.plusSeconds(10));

    store.purgeExpired(NOW.plusSeconds(10));

    assertThat(reclaimed(customer)).isTrue();
  }

  @Test
  void aTicketForgottenOnLookupIsNotKeptInMemory() {
    List<TokenHash> tokenHashes = new ArrayList<>();
    WeakReference<CustomerId> customer =
        saveForUnreferencedCustomer(store, NOW.plusSeconds(10), tokenHashes);
    clock.advance(Duration.ofHours(1).plusSeconds(10));

    assertThat(store.findByTokenHash(tokenHashes.get(0), clock.instant())).isEmpty();

    assertThat(reclaimed(customer)).isTrue();
  }

  @Test
  void aRefusedDuplicateIsNotKeptInMemory() {
    Ticket first = saved("c1", IN_30_MINUTES);

    WeakReference<CustomerId> intruder = tryToSaveDuplicate(first.tokenHash());

    assertThat(reclaimed(intruder)).isTrue();
    assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
  }

  @Test
  void aForgottenTicketIsReclaimedByTheFirstSaveIssuedAMinuteAfterTheFirstOne() {
    InMemoryTicketStore noRetention = new InMemoryTicketStore(Duration.ZERO);
    WeakReference<CustomerId> customer =
        saveForUnreferencedCustomer(noRetention, NOW.plusSeconds(1));
    clock.set(NOW.plus(Duration.ofMinutes(1)));

    noRetention.save(
        new Ticket(
            newTokenHash(),
            CustomerId.of("c1"),
            TicketPurpose.SELF_SERVICE_RESET,
            clock.instant(),
            IN_30_MINUTES,
            null,
            null,
            null,
            null));

    assertThat(reclaimed(customer)).isTrue();
  }

  private WeakReference<CustomerId> saveForUnreferencedCustomer(
      InMemoryTicketStore target, Instant expiresAt) {
    return saveForUnreferencedCustomer(target, expiresAt, new ArrayList<>());
  }

  /** Saves a ticket for a customer only the store refers to (the caller keeps a weak reference). */
  private WeakReference<CustomerId> saveForUnreferencedCustomer(
      InMemoryTicketStore target, Instant expiresAt, List<TokenHash> tokenHashes) {
    CustomerId customer = new CustomerId("weakly-held");
    Ticket ticket =
        ticket(newTokenHash(), customer, TicketPurpose.SELF_SERVICE_RESET, expiresAt, null, null);
    target.save(ticket);
    tokenHashes.add(ticket.tokenHash());
    return new WeakReference<>(customer);
  }

  private WeakReference<CustomerId> tryToSaveDuplicate(TokenHash tokenHash) {
    CustomerId intruder = new CustomerId("intruder");
    Ticket duplicate =
        ticket(tokenHash, intruder, TicketPurpose.SELF_SERVICE_RESET, IN_30_MINUTES, null, null);
    try {
      store.save(duplicate);
      throw new AssertionError("the duplicate was saved");
    } catch (PasswordResetException expected) {
      // refused, as it should be
    }
    return new WeakReference<>(intruder);
  }

  /** Whether the garbage collector reclaims the referent (a few full collections at most). */
  private static boolean reclaimed(WeakReference<?> reference) {
    assumeFalse(
        ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC"),
        "System.gc() is disabled in this JVM");
    for (int i = 0; i < 10 && reference.get() != null; i++) {
      System.gc();
    }
    return reference.get() == null;
  }
}

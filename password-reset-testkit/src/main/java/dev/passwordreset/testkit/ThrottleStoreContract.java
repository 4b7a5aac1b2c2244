package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.ThrottleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ThrottleStore}: counters that count exactly under concurrency, per key,
 * and are forgotten at their expiry; reserve-then-refund ({@code tryAcquire}, {@code release}) that
 * never lets racing callers past a limit; and {@code delete}. Extend it in a test and implement
 * {@link #createStore()}.
 */
public abstract class ThrottleStoreContract {

  /** A fixed point in time, with milliseconds. */
  protected static final Instant NOW = Instant.parse("2030-05-17T09:30:15.123Z");

  private static final Instant WINDOW_END = NOW.plus(Duration.ofMinutes(15));

  private @Nullable ThrottleStore store;

  /** Subclasses only. */
  protected ThrottleStoreContract() {}

  /**
   * Creates the store under test. Called before every test; the store must hold no counters.
   *
   * @return an empty store
   */
  protected abstract ThrottleStore createStore();

  /**
   * How many threads race in the concurrency test (default 16).
   *
   * @return at least 2
   */
  protected int concurrentThreads() {
    return 16;
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
  protected final ThrottleStore store() {
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  /** A new counter starts at one and counts up by one. */
  @Test
  public void incrementAndGetCountsFromOne() {
    assertThat(store().incrementAndGet("acct:1", WINDOW_END)).isEqualTo(1);
    assertThat(store().incrementAndGet("acct:1", WINDOW_END)).isEqualTo(2);
    assertThat(store().incrementAndGet("acct:1", WINDOW_END)).isEqualTo(3);
  }

  /** An absent counter reads zero. */
  @Test
  public void getWhenAbsentThenZero() {
    assertThat(store().get("never-counted")).isZero();
  }

  /** Reading a counter returns its count and does not change it. */
  @Test
  public void getReturnsTheCountWithoutIncrementing() {
    store().incrementAndGet("acct:1", WINDOW_END);
    store().incrementAndGet("acct:1", WINDOW_END);

    assertThat(store().get("acct:1")).isEqualTo(2);
    assertThat(store().get("acct:1")).isEqualTo(2);
  }

  /** Counters of different keys are independent. */
  @Test
  public void countersAreIndependentPerKey() {
    store().incrementAndGet("acct:1", WINDOW_END);
    store().incrementAndGet("acct:1", WINDOW_END);
    store().incrementAndGet("addr:1", WINDOW_END);

    assertThat(store().get("acct:1")).isEqualTo(2);
    assertThat(store().get("addr:1")).isEqualTo(1);
    assertThat(store().get("acct:2")).isZero();
  }

  /** A key of 128 characters is accepted. */
  @Test
  public void keysOfUpTo128CharactersAreCounted() {
    String key = "k".repeat(128);

    assertThat(store().incrementAndGet(key, WINDOW_END)).isEqualTo(1);
    assertThat(store().get(key)).isEqualTo(1);
  }

  /**
   * Concurrent increments are atomic: every caller sees a distinct count and none is lost.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentIncrementsAreAtomic() throws InterruptedException {
    int perThread = 25;
    int threads = concurrentThreads();

    List<List<Long>> results =
        Concurrently.run(
            threads,
            () -> {
              List<Long> seen = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                seen.add(store().incrementAndGet("hot", WINDOW_END));
              }
              return seen;
            });

    List<Long> all = results.stream().flatMap(List::stream).toList();
    long total = (long) threads * perThread;
    assertThat(all)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(store().get("hot")).isEqualTo(total);
  }

  /**
   * Many first increments of one new key at once still count exactly.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentFirstIncrementsOfANewKeyCountExactly() throws InterruptedException {
    List<Long> results =
        Concurrently.run(concurrentThreads(), () -> store().incrementAndGet("fresh", WINDOW_END));

    assertThat(results)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(1, concurrentThreads()).boxed().toList());
  }

  /** A counter is forgotten at exactly its expiry. */
  @Test
  public void purgeAtExactlyExpiresAtForgetsTheCounter() {
    store().incrementAndGet("acct:1", WINDOW_END);

    assertThat(store().purgeExpired(WINDOW_END)).isEqualTo(1);
    assertThat(store().get("acct:1")).isZero();
  }

  /** A counter is kept one millisecond before its expiry. */
  @Test
  public void purgeOneMillisecondBeforeExpiresAtKeepsTheCounter() {
    store().incrementAndGet("acct:1", WINDOW_END);

    assertThat(store().purgeExpired(WINDOW_END.minusMillis(1))).isZero();
    assertThat(store().get("acct:1")).isEqualTo(1);
  }

  /** Purge forgets only expired counters, counts them, and a forgotten key starts again at one. */
  @Test
  public void purgeForgetsOnlyExpiredCountersAndAForgottenKeyStartsAgain() {
    store().incrementAndGet("old:1", NOW.plusSeconds(10));
    store().incrementAndGet("old:2", NOW.plusSeconds(20));
    store().incrementAndGet("old:2", NOW.plusSeconds(20));
    store().incrementAndGet("live", NOW.plusSeconds(60));

    assertThat(store().purgeExpired(NOW.plusSeconds(30))).isEqualTo(2);
    assertThat(store().get("live")).isEqualTo(1);
    assertThat(store().incrementAndGet("old:2", NOW.plusSeconds(90))).isEqualTo(1);
  }

  /** Taking a unit succeeds up to the limit, and not beyond it. */
  @Test
  public void tryAcquireTakesUpToTheLimitAndNoMore() {
    assertThat(store().tryAcquire("acct:1", 3, NOW, WINDOW_END)).isTrue();
    assertThat(store().tryAcquire("acct:1", 3, NOW, WINDOW_END)).isTrue();
    assertThat(store().tryAcquire("acct:1", 3, NOW, WINDOW_END)).isTrue();
    assertThat(store().tryAcquire("acct:1", 3, NOW, WINDOW_END)).isFalse();

    assertThat(store().get("acct:1", NOW)).isEqualTo(3);
  }

  /** A limit of zero or less takes nothing and creates no counter. */
  @Test
  public void tryAcquireWithNoRoomTakesNothing() {
    assertThat(store().tryAcquire("acct:1", 0, NOW, WINDOW_END)).isFalse();

    assertThat(store().get("acct:1", NOW)).isZero();
  }

  /** The limit is judged against the count, whoever counted it. */
  @Test
  public void tryAcquireCountsWhatIncrementsCounted() {
    store().incrementAndGet("acct:1", NOW, WINDOW_END);
    store().incrementAndGet("acct:1", NOW, WINDOW_END);

    assertThat(store().tryAcquire("acct:1", 2, NOW, WINDOW_END)).isFalse();
    assertThat(store().tryAcquire("acct:1", 3, NOW, WINDOW_END)).isTrue();
    assertThat(store().get("acct:1", NOW)).isEqualTo(3);
  }

  /** A unit given back makes room for one more, and only one. */
  @Test
  public void releaseGivesOneUnitBack() {
    store().tryAcquire("acct:1", 2, NOW, WINDOW_END);
    store().tryAcquire("acct:1", 2, NOW, WINDOW_END);

    store().release("acct:1", NOW);

    assertThat(store().get("acct:1", NOW)).isEqualTo(1);
    assertThat(store().tryAcquire("acct:1", 2, NOW, WINDOW_END)).isTrue();
    assertThat(store().tryAcquire("acct:1", 2, NOW, WINDOW_END)).isFalse();
  }

  /** Giving back never goes below zero, and an absent counter stays absent. */
  @Test
  public void releaseNeverGoesBelowZero() {
    store().release("never-counted", NOW);
    store().tryAcquire("acct:1", 5, NOW, WINDOW_END);
    store().release("acct:1", NOW);
    store().release("acct:1", NOW);

    assertThat(store().get("never-counted", NOW)).isZero();
    assertThat(store().get("acct:1", NOW)).isZero();
    assertThat(store().tryAcquire("acct:1", 1, NOW, WINDOW_END)).isTrue();
    assertThat(store().get("acct:1", NOW)).isEqualTo(1);
  }

  /** Deleting forgets one counter at once, before its expiry; the key then starts again. */
  @Test
  public void deleteForgetsOneCounterAtOnce() {
    store().tryAcquire("acct:1", 100, NOW, WINDOW_END);
    store().tryAcquire("acct:1", 100, NOW, WINDOW_END);
    store().incrementAndGet("acct:2", NOW, WINDOW_END);

    store().delete("acct:1");
    store().delete("never-counted");

    assertThat(store().get("acct:1", NOW)).isZero();
    assertThat(store().get("acct:2", NOW)).isEqualTo(1);
    assertThat(store().tryAcquire("acct:1", 1, NOW, WINDOW_END)).isTrue();
    assertThat(store().get("acct:1", NOW)).isEqualTo(1);
  }

  /** A unit taken with a later expiry keeps the counter until then. */
  @Test
  public void tryAcquireMovesTheExpiryLater() {
    store().tryAcquire("acct:1", 10, NOW, NOW.plusSeconds(10));
    store().tryAcquire("acct:1", 10, NOW.plusSeconds(5), NOW.plusSeconds(60));

    assertThat(store().purgeExpired(NOW.plusSeconds(30))).isZero();
    assertThat(store().get("acct:1", NOW.plusSeconds(30))).isEqualTo(2);
  }

  /**
   * However many callers race for the last units, exactly the limit is taken, on a new key and on a
   * counted one.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentTryAcquireTakesExactlyTheLimit() throws InterruptedException {
    int limit = 10;
    int perThread = 5;
    store().incrementAndGet("half", NOW, WINDOW_END);
    for (String key : List.of("fresh", "half")) {
      List<Integer> taken =
          Concurrently.run(
              concurrentThreads(),
              () -> {
                int mine = 0;
                for (int i = 0; i < perThread; i++) {
                  if (store().tryAcquire(key, limit, NOW, WINDOW_END)) {
                    mine++;
                  }
                }
                return mine;
              });

      int expected = key.equals("fresh") ? limit : limit - 1;
      assertThat(taken.stream().mapToInt(Integer::intValue).sum()).as(key).isEqualTo(expected);
      assertThat(store().get(key, NOW)).as(key).isEqualTo(limit);
    }
  }

  /**
   * Reserve-then-refund under a race: units held at once never exceed the limit, and every unit
   * given back can be taken again.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentReserveThenRefundNeverHoldsMoreThanTheLimit() throws InterruptedException {
    int limit = 3;
    int rounds = 20;
    AtomicInteger held = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<Integer> taken =
        Concurrently.run(
            concurrentThreads(),
            () -> {
              int mine = 0;
              for (int i = 0; i < rounds; i++) {
                if (store().tryAcquire("pool", limit, NOW, WINDOW_END)) {
                  mine++;
                  peak.accumulateAndGet(held.incrementAndGet(), Math::max);
                  held.decrementAndGet();
                  store().release("pool", NOW);
                }
              }
              return mine;
            });

    assertThat(peak.get()).isBetween(1, limit);
    assertThat(taken.stream().mapToInt(Integer::intValue).sum()).isPositive();
    assertThat(store().get("pool", NOW)).isZero();
    assertThat(store().tryAcquire("pool", limit, NOW, WINDOW_END)).isTrue();
  }
}

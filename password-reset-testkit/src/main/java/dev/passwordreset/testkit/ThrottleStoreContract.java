package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.ThrottleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ThrottleStore}: counters that count exactly under concurrency, per key,
 * and are forgotten at their expiry. Extend it in a test and implement {@link #createStore()}.
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
}

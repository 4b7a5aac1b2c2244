package dev.passwordreset.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryThrottleStoreTest {

  private static final Instant NOW = Instant.parse("2030-05-17T09:30:15.123Z");

  private final InMemoryThrottleStore store = new InMemoryThrottleStore();

  @Test
  void aCounterIsForgottenAtItsExpiryByTheEnginesInstants() {
    store.incrementAndGet("k", NOW, NOW.plusSeconds(10));
    store.incrementAndGet("k", NOW, NOW.plusSeconds(10));

    assertThat(store.get("k", NOW.plusSeconds(10).minusMillis(1))).isEqualTo(2);

    assertThat(store.get("k", NOW.plusSeconds(10))).isZero();
    assertThat(store.incrementAndGet("k", NOW.plusSeconds(10), NOW.plusSeconds(20))).isEqualTo(1);
  }

  /** The constructor that took a clock still compiles, and the clock no longer decides anything. */
  @Test
  @SuppressWarnings("removal")
  void theDeprecatedClockIsIgnored() {
    InMemoryThrottleStore old =
        new InMemoryThrottleStore(java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
    old.incrementAndGet("k", NOW, NOW.plusSeconds(10));

    assertThat(old.get("k", NOW.plusSeconds(9))).isEqualTo(1);
    assertThat(old.get("k", NOW.plusSeconds(10))).isZero();
  }

  @Test
  void laterIncrementsDoNotExtendTheFirstExpiry() {
    store.incrementAndGet("k", NOW, NOW.plusSeconds(10));
    store.incrementAndGet("k", NOW.plusSeconds(5), NOW.plusSeconds(60));

    assertThat(store.get("k", NOW.plusSeconds(10))).isZero();
  }

  @Test
  void sizeCountsOnlyLiveCounters() {
    store.incrementAndGet("short", NOW, NOW.plusSeconds(10));
    store.incrementAndGet("long", NOW, NOW.plusSeconds(60));
    store.incrementAndGet("long", NOW, NOW.plusSeconds(60));

    assertThat(store.size()).isEqualTo(2);

    store.get("long", NOW.plusSeconds(10));

    assertThat(store.size()).isEqualTo(1);
  }

  /** Whatever the system clock says: a counter lives as long as the engine's instants say. */
  @Test
  void countersFollowTheEnginesTimeFarFromTheSystemClock() {
    for (Instant engineNow :
        new Instant[] {
          Instant.parse("1990-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z")
        }) {
      InMemoryThrottleStore own = new InMemoryThrottleStore();
      own.incrementAndGet("k", engineNow, engineNow.plus(Duration.ofMinutes(15)));
      own.incrementAndGet("k", engineNow.plusSeconds(1), engineNow.plus(Duration.ofMinutes(15)));

      assertThat(own.get("k", engineNow.plus(Duration.ofMinutes(14)))).isEqualTo(2);
      assertThat(own.get("k", engineNow.plus(Duration.ofMinutes(15)))).isZero();
    }
  }

  @Test
  void callsWithoutAnInstantDecideByTheLatestOneGiven() {
    store.incrementAndGet("k", NOW, NOW.plusSeconds(10));
    store.incrementAndGet("k", NOW.plusSeconds(10));

    assertThat(store.get("k")).isEqualTo(2);

    store.purgeExpired(NOW.plusSeconds(5));
    assertThat(store.get("k")).isEqualTo(2);
    store.get("other", NOW.plusSeconds(10));
    assertThat(store.get("k")).isZero();
  }

  @Test
  void purgeAtExactlyTheExpiryForgetsTheCounterAndCountsIt() {
    store.incrementAndGet("k", NOW.plusSeconds(10));

    assertThat(store.purgeExpired(NOW.plusSeconds(10).minusMillis(1))).isZero();
    assertThat(store.get("k")).isEqualTo(1);

    assertThat(store.purgeExpired(NOW.plusSeconds(10))).isEqualTo(1);
    assertThat(store.get("k")).isZero();
    assertThat(store.size()).isZero();
  }

  @Test
  void purgeForgetsOnlyExpiredCountersAndCountsThem() {
    store.incrementAndGet("old:1", NOW.plusSeconds(10));
    store.incrementAndGet("old:2", NOW.plusSeconds(20));
    store.incrementAndGet("old:2", NOW.plusSeconds(20));
    store.incrementAndGet("live", NOW.plusSeconds(60));

    assertThat(store.purgeExpired(NOW.plusSeconds(30))).isEqualTo(2);

    assertThat(store.get("live")).isEqualTo(1);
    assertThat(store.get("old:2")).isZero();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.purgeExpired(NOW.plusSeconds(30))).isZero();
  }

  @Test
  void addressRotationIsBoundedAndNeverEvictsACounterThatProtectsAnAccount() {
    InMemoryThrottleStore bounded = new InMemoryThrottleStore(100);
    String account = "a:" + "f".repeat(64);
    bounded.tryAcquire(account, 100, NOW, NOW.plus(Duration.ofDays(365)));
    bounded.tryAcquire(account, 100, NOW, NOW.plus(Duration.ofDays(365)));

    // A client rotating through 10 000 addresses (and as many unknown emails).
    for (int i = 0; i < 10_000; i++) {
      bounded.tryAcquire("c:" + i + ":1", 10, NOW, NOW.plus(Duration.ofMinutes(15)));
      bounded.incrementAndGet("u:" + i, NOW, NOW.plus(Duration.ofMinutes(15)));
    }

    assertThat(bounded.size()).isEqualTo(101);
    assertThat(bounded.get(account, NOW)).isEqualTo(2);
    // Oldest first: the newest client counters are the ones kept.
    assertThat(bounded.get("u:9999", NOW)).isEqualTo(1);
    assertThat(bounded.get("c:9950:1", NOW)).isEqualTo(1);
    assertThat(bounded.get("c:0:1", NOW)).isZero();
  }

  @Test
  void theBoundHoldsUnderConcurrentRotation() throws Exception {
    InMemoryThrottleStore bounded = new InMemoryThrottleStore(500);
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 5_000; i++) {
                  bounded.tryAcquire(
                      "c:" + id + "-" + i, 10, NOW, NOW.plus(Duration.ofMinutes(15)));
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(bounded.size()).isBetween(1L, 500L);
  }

  @Test
  void purgeAlsoForgetsEvictableCountersAndTheirPlaceInLine() {
    InMemoryThrottleStore bounded = new InMemoryThrottleStore(2);
    bounded.incrementAndGet("c:old", NOW, NOW.plusSeconds(10));
    assertThat(bounded.purgeExpired(NOW.plusSeconds(10))).isEqualTo(1);

    bounded.incrementAndGet("c:new1", NOW.plusSeconds(10), NOW.plusSeconds(60));
    bounded.incrementAndGet("c:new2", NOW.plusSeconds(10), NOW.plusSeconds(60));

    assertThat(bounded.get("c:new1", NOW.plusSeconds(11))).isEqualTo(1);
    assertThat(bounded.get("c:new2", NOW.plusSeconds(11))).isEqualTo(1);
  }

  @Test
  void aBoundBelowOneIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InMemoryThrottleStore(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEvictableCounters");
  }
}

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
}

package dev.passwordreset.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryThrottleStoreTest {

  private static final Instant NOW = Instant.parse("2030-05-17T09:30:15.123Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryThrottleStore store = new InMemoryThrottleStore(clock);

  @Test
  void aCounterIsForgottenAtItsExpiryOnTheStoresClock() {
    store.incrementAndGet("k", NOW.plusSeconds(10));
    store.incrementAndGet("k", NOW.plusSeconds(10));

    clock.advance(Duration.ofSeconds(10).minusMillis(1));
    assertThat(store.get("k")).isEqualTo(2);

    clock.advance(Duration.ofMillis(1));
    assertThat(store.get("k")).isZero();
    assertThat(store.incrementAndGet("k", NOW.plusSeconds(20))).isEqualTo(1);
  }

  @Test
  void laterIncrementsDoNotExtendTheFirstExpiry() {
    store.incrementAndGet("k", NOW.plusSeconds(10));
    clock.advance(Duration.ofSeconds(5));
    store.incrementAndGet("k", NOW.plusSeconds(60));

    clock.advance(Duration.ofSeconds(5));

    assertThat(store.get("k")).isZero();
  }

  @Test
  void sizeCountsOnlyLiveCounters() {
    store.incrementAndGet("short", NOW.plusSeconds(10));
    store.incrementAndGet("long", NOW.plusSeconds(60));
    store.incrementAndGet("long", NOW.plusSeconds(60));

    assertThat(store.size()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(10));

    assertThat(store.size()).isEqualTo(1);
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

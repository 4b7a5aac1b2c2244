package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00.250Z");

  @Test
  void standsStillUntilMoved() {
    MutableClock clock = new MutableClock(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceMovesForwardAndBackward() {
    MutableClock clock = new MutableClock(START);

    assertThat(clock.advance(Duration.ofMinutes(30))).isEqualTo(START.plusSeconds(1800));
    assertThat(clock.advance(Duration.ofMillis(-1)))
        .isEqualTo(START.plusSeconds(1800).minusMillis(1));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(1800).minusMillis(1));
  }

  @Test
  void setJumpsToTheInstant() {
    MutableClock clock = new MutableClock(START);
    Instant later = Instant.parse("2031-06-01T12:00:00Z");

    clock.set(later);

    assertThat(clock.instant()).isEqualTo(later);
  }

  @Test
  void withZoneSharesTheTimeOfTheOriginal() {
    MutableClock clock = new MutableClock(START);
    MutableClock zurich = clock.withZone(ZoneId.of("Europe/Zurich"));

    clock.advance(Duration.ofHours(1));
    zurich.advance(Duration.ofSeconds(1));

    assertThat(zurich.getZone()).isEqualTo(ZoneId.of("Europe/Zurich"));
    assertThat(zurich.instant()).isEqualTo(START.plusSeconds(3601));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(3601));
  }

  @Test
  void concurrentAdvancesAreAllApplied() throws InterruptedException {
    MutableClock clock = new MutableClock(START);

    Concurrently.run(16, () -> clock.advance(Duration.ofMillis(1)));

    assertThat(clock.instant()).isEqualTo(START.plusMillis(16));
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    MutableClock clock = new MutableClock(START);

    assertThatThrownBy(() -> clock.advance(null)).hasMessageContaining("duration");
    assertThatThrownBy(() -> clock.set(null)).hasMessageContaining("instant");
    assertThatThrownBy(() -> new MutableClock(null)).hasMessageContaining("start");
  }
}

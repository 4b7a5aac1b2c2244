package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  /** 10:00:00 UTC, the start of a 15-minute window aligned on the epoch. */
  private static final Instant WINDOW_START = Instant.parse("2030-05-17T10:00:00Z");

  private static final ThrottleLimit TWO_PER_15_MINUTES =
      ThrottleLimit.of(2, Duration.ofMinutes(15));

  private final InMemoryThrottleStore store = new InMemoryThrottleStore();
  private final Throttle throttle = new Throttle("request", TWO_PER_15_MINUTES, store);

  @Test
  void hitBeyondTheLimitAnswersTheExactTimeUntilTheWindowEnds() {
    Instant now = WINDOW_START.plusSeconds(100).plusMillis(250);

    assertThat(throttle.hit("a@example.com", now)).isEmpty();
    assertThat(throttle.hit("a@example.com", now)).isEmpty();

    assertThat(throttle.hit("a@example.com", now))
        .contains(Duration.ofMinutes(15).minusSeconds(100).minusMillis(250));
  }

  @Test
  void checkAnswersTheExactTimeUntilTheWindowEndsOnceTheLimitIsUsedUp() {
    Instant now = WINDOW_START.plusSeconds(60);
    throttle.hit("a@example.com", now);

    assertThat(throttle.check("a@example.com", now)).isEmpty();

    throttle.hit("a@example.com", now);

    assertThat(throttle.check("a@example.com", now.plusSeconds(1)))
        .contains(Duration.ofMinutes(15).minusSeconds(61));
  }

  @Test
  void aNewWindowStartsAfresh() {
    Instant last = WINDOW_START.plus(Duration.ofMinutes(15)).minusMillis(1);
    throttle.hit("a@example.com", last);
    throttle.hit("a@example.com", last);

    assertThat(throttle.hit("a@example.com", last)).contains(Duration.ofMillis(1));
    assertThat(throttle.hit("a@example.com", last.plusMillis(1))).isEmpty();
  }

  @Test
  void subjectsAndThrottleNamesAreCountedApart() {
    Throttle other = new Throttle("login", TWO_PER_15_MINUTES, store);
    throttle.hit("a@example.com", WINDOW_START);
    throttle.hit("a@example.com", WINDOW_START);

    assertThat(throttle.check("b@example.com", WINDOW_START)).isEmpty();
    assertThat(other.check("a@example.com", WINDOW_START)).isEmpty();
    assertThat(throttle.check("a@example.com", WINDOW_START)).isPresent();
  }

  @Test
  void limitIsTheOneGiven() {
    assertThat(throttle.limit()).isEqualTo(new ThrottleLimit(2, Duration.ofMinutes(15)));
  }

  @Test
  void limitAcceptsTheEndsOfItsRanges() {
    assertThat(ThrottleLimit.of(1, Duration.ofSeconds(1)))
        .extracting(ThrottleLimit::count, ThrottleLimit::window)
        .containsExactly(1, Duration.ofSeconds(1));
    assertThat(ThrottleLimit.of(1, Duration.ofDays(1)).window()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void limitRejectsACountBelowOne() {
    assertThatThrownBy(() -> ThrottleLimit.of(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be at least 1, was 0");
  }

  @Test
  void limitRejectsAWindowOutsideOneSecondToOneDay() {
    assertThatThrownBy(() -> ThrottleLimit.of(1, Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be between 1 second and 1 day, was PT0.999S");
    assertThatThrownBy(() -> ThrottleLimit.of(1, Duration.ofDays(1).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be between 1 second and 1 day, was PT24H0.001S");
  }
}

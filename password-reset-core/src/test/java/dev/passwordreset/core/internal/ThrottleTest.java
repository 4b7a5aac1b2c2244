package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  /** 10:00:00 UTC, the start of a 15-minute window aligned on the epoch. */
  private static final Instant WINDOW_START = Instant.parse("2030-05-17T10:00:00Z");

  private static final ThrottleLimit TWO_PER_15_MINUTES =
      ThrottleLimit.of(2, Duration.ofMinutes(15));

  private final InMemoryThrottleStore store = new InMemoryThrottleStore();
  private final Throttle throttle = new Throttle("request", TWO_PER_15_MINUTES, store);

  /** A quarter of the window: the slices the window is cut into. */
  private static final Duration SLICE = Duration.ofSeconds(225);

  @Test
  void hitBeyondTheLimitAnswersTheExactTimeUntilTheOldestHitIsOutOfReach() {
    Instant now = WINDOW_START.plusSeconds(100).plusMillis(250);

    assertThat(throttle.hit("a@example.com", now)).isEmpty();
    assertThat(throttle.hit("a@example.com", now)).isEmpty();

    // The hits' slice is in reach until four more slices have begun: a full window and the rest
    // of the slice.
    assertThat(throttle.hit("a@example.com", now))
        .contains(Duration.ofMinutes(15).plus(SLICE).minusSeconds(100).minusMillis(250));
  }

  @Test
  void checkAnswersTheSameTimeOnceTheLimitIsUsedUpWithoutCounting() {
    Instant now = WINDOW_START.plusSeconds(60);
    throttle.hit("a@example.com", now);

    assertThat(throttle.check("a@example.com", now)).isEmpty();
    assertThat(throttle.check("a@example.com", now)).isEmpty();

    throttle.hit("a@example.com", now);

    assertThat(throttle.check("a@example.com", now.plusSeconds(1)))
        .contains(Duration.ofMinutes(15).plus(SLICE).minusSeconds(61));
  }

  @Test
  void aRefusedHitIsNotCounted() {
    throttle.hit("a@example.com", WINDOW_START);
    throttle.hit("a@example.com", WINDOW_START.plus(SLICE));
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.hit("a@example.com", WINDOW_START.plus(SLICE))).isPresent();
    }

    // The first hit is out of reach: exactly one more is admitted, whatever was refused before.
    Instant later = WINDOW_START.plus(SLICE.multipliedBy(5));
    assertThat(throttle.hit("a@example.com", later)).isEmpty();
    assertThat(throttle.hit("a@example.com", later)).isPresent();
  }

  @Test
  void aWindowBoundaryDoesNotLetTheLimitThroughTwice() {
    // The old fixed windows let 2 through just before 10:15:00 and 2 more just after it.
    MutableClock clock = new MutableClock(WINDOW_START.plus(Duration.ofMinutes(15)).minusMillis(1));
    Instant last = clock.instant();
    assertThat(throttle.hit("a@example.com", last)).isEmpty();
    assertThat(throttle.hit("a@example.com", last)).isEmpty();

    assertThat(throttle.hit("a@example.com", clock.advance(Duration.ofMillis(1)))).isPresent();
    assertThat(throttle.hit("a@example.com", last.plus(Duration.ofMinutes(15)))).isPresent();
    assertThat(throttle.hit("a@example.com", last.plusMillis(1).plus(Duration.ofMinutes(15))))
        .isEmpty();
  }

  @Test
  void noIntervalOfOneWindowEverHoldsMoreThanTheLimit() {
    // One attempt about every second for an hour and a half, across six window boundaries.
    MutableClock clock = new MutableClock(WINDOW_START.minusMillis(7_777));
    List<Instant> admitted = new ArrayList<>();
    for (int i = 0; i < 5400; i++) {
      Instant now = clock.advance(Duration.ofMillis(997));
      if (throttle.hit("a@example.com", now).isEmpty()) {
        admitted.add(now);
      }
    }
    for (int i = 0; i + TWO_PER_15_MINUTES.count() < admitted.size(); i++) {
      Instant first = admitted.get(i);
      Instant third = admitted.get(i + TWO_PER_15_MINUTES.count());
      assertThat(Duration.between(first, third)).isGreaterThan(Duration.ofMinutes(15));
    }
    // The slicing costs at most a slice: well over half the exact rule's 12 (2 per 15 minutes).
    assertThat(admitted.size()).isBetween(9, 12);
  }

  @Test
  void retryAfterIsWhenTheNextHitIsAdmittedNotSooner() {
    Instant t = WINDOW_START.plusSeconds(17);
    throttle.hit("a@example.com", t);
    Instant t2 = t.plusSeconds(400);
    throttle.hit("a@example.com", t2);

    Duration retryAfter = throttle.check("a@example.com", t2).orElseThrow();

    assertThat(throttle.hit("a@example.com", t2.plus(retryAfter).minusMillis(1))).isPresent();
    assertThat(throttle.hit("a@example.com", t2.plus(retryAfter))).isEmpty();
  }

  @Test
  void aRefundGivesTheReservedHitBack() {
    throttle.hit("a@example.com", WINDOW_START);
    throttle.hit("a@example.com", WINDOW_START.plusSeconds(300));

    throttle.refund("a@example.com", WINDOW_START, WINDOW_START.plusSeconds(301));

    assertThat(throttle.hit("a@example.com", WINDOW_START.plusSeconds(302))).isEmpty();
    assertThat(throttle.hit("a@example.com", WINDOW_START.plusSeconds(302))).isPresent();
  }

  @Test
  void perClientThrottlesCountAnIpv6Slash64AsOneClient() {
    Throttle perClient =
        Throttle.perClient("client", TWO_PER_15_MINUTES, store, new ClientKeys(64));
    perClient.hit("2001:db8:1:2::1", WINDOW_START);
    perClient.hit("2001:db8:1:2:ffff:ffff:ffff:fffe", WINDOW_START);

    assertThat(perClient.hit("[2001:db8:1:2:abcd::9]", WINDOW_START)).isPresent();
    assertThat(perClient.hit("2001:db8:1:3::1", WINDOW_START)).isEmpty();
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

package dev.passwordreset.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryOptionsTest {

  private final DeliveryOptions base = DeliveryOptions.defaults();

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(base)
        .isEqualTo(
            new DeliveryOptions(
                5,
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                10_000,
                2,
                Duration.ofSeconds(10)));
  }

  @Test
  void withMethodsChangeOnlyTheirOwnValue() {
    assertThat(base.withAttempts(7))
        .isEqualTo(
            new DeliveryOptions(
                7, base.initialBackoff(), base.maxBackoff(), 10_000, 2, base.closeTimeout()));
    assertThat(base.withBackoff(Duration.ofMillis(3), Duration.ofMillis(9)))
        .isEqualTo(
            new DeliveryOptions(
                5, Duration.ofMillis(3), Duration.ofMillis(9), 10_000, 2, base.closeTimeout()));
    assertThat(base.withCapacity(17))
        .isEqualTo(
            new DeliveryOptions(
                5, base.initialBackoff(), base.maxBackoff(), 17, 2, base.closeTimeout()));
    assertThat(base.withThreads(3))
        .isEqualTo(
            new DeliveryOptions(
                5, base.initialBackoff(), base.maxBackoff(), 10_000, 3, base.closeTimeout()));
    assertThat(base.withCloseTimeout(Duration.ZERO))
        .isEqualTo(
            new DeliveryOptions(
                5, base.initialBackoff(), base.maxBackoff(), 10_000, 2, Duration.ZERO));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 20})
  void attemptsAcceptTheEndsOfTheirRange(int attempts) {
    assertThat(base.withAttempts(attempts).attempts()).isEqualTo(attempts);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 21, -1})
  void attemptsOutsideOneToTwentyAreRejectedWithTheValue(int attempts) {
    assertThatThrownBy(() -> base.withAttempts(attempts))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be between 1 and 20, was " + attempts);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1_000_000})
  void capacityAcceptsTheEndsOfItsRange(int capacity) {
    assertThat(base.withCapacity(capacity).capacity()).isEqualTo(capacity);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1_000_001})
  void capacityOutsideItsRangeIsRejectedWithTheValue(int capacity) {
    assertThatThrownBy(() -> base.withCapacity(capacity))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be between 1 and 1000000, was " + capacity);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64})
  void threadsAcceptTheEndsOfTheirRange(int threads) {
    assertThat(base.withThreads(threads).threads()).isEqualTo(threads);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65})
  void threadsOutsideOneToSixtyFourAreRejectedWithTheValue(int threads) {
    assertThatThrownBy(() -> base.withThreads(threads))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 64, was " + threads);
  }

  @Test
  void backoffAcceptsTheEndsOfItsRange() {
    assertThat(base.withBackoff(Duration.ofMillis(1), Duration.ofMillis(1)).initialBackoff())
        .isEqualTo(Duration.ofMillis(1));
    assertThat(base.withBackoff(Duration.ofHours(1), Duration.ofDays(1)).maxBackoff())
        .isEqualTo(Duration.ofDays(1));
    assertThat(base.withBackoff(Duration.ofHours(1), Duration.ofHours(1)).maxBackoff())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void initialBackoffBelowOneMillisecondOrAboveOneHourIsRejected() {
    for (Duration initial :
        new Duration[] {
          Duration.ZERO, Duration.ofNanos(999_999), Duration.ofHours(1).plusMillis(1)
        }) {
      assertThatThrownBy(() -> base.withBackoff(initial, Duration.ofDays(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("initialBackoff must be between 1 ms and 1 hour, was " + initial);
    }
  }

  @Test
  void maxBackoffBelowInitialOrAboveOneDayIsRejected() {
    assertThatThrownBy(() -> base.withBackoff(Duration.ofMillis(10), Duration.ofMillis(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBackoff must be between initialBackoff and 1 day, was PT0.009S");
    assertThatThrownBy(
            () -> base.withBackoff(Duration.ofMillis(10), Duration.ofDays(1).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxBackoff must be between initialBackoff and 1 day");
  }

  @Test
  void closeTimeoutAcceptsZeroAndTenMinutes() {
    assertThat(base.withCloseTimeout(Duration.ZERO).closeTimeout()).isZero();
    assertThat(base.withCloseTimeout(Duration.ofMinutes(10)).closeTimeout())
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void closeTimeoutNegativeOrAboveTenMinutesIsRejected() {
    for (Duration timeout :
        new Duration[] {Duration.ofNanos(-1), Duration.ofMinutes(10).plusNanos(1)}) {
      assertThatThrownBy(() -> base.withCloseTimeout(timeout))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("closeTimeout must be between 0 and 10 minutes, was " + timeout);
    }
  }

  @Test
  void nullDurationsAreRejectedByName() {
    assertThatThrownBy(() -> base.withBackoff(null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("initialBackoff must not be null");
    assertThatThrownBy(() -> base.withBackoff(Duration.ofSeconds(1), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxBackoff must not be null");
    assertThatThrownBy(() -> base.withCloseTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("closeTimeout must not be null");
  }
}

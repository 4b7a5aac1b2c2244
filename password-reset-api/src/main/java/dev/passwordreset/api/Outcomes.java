package dev.passwordreset.api;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks shared by the outcome records. */
final class Outcomes {
  private Outcomes() {}

  static void positive(@Nullable Duration retryAfter) {
    Checks.notNull(retryAfter, "retryAfter");
    if (retryAfter.isZero() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
    }
  }

  static List<PolicyViolation> violations(@Nullable List<PolicyViolation> violations) {
    Checks.notNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty");
    }
    return List.copyOf(violations);
  }
}

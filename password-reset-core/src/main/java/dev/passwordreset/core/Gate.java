package dev.passwordreset.core;

import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.core.internal.Throttle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The opening step of every self-service request: the captcha, then the per-client request throttle
 * (before anything costly, such as hashing, happens). Immutable; thread-safe.
 */
final class Gate {
  private final @Nullable HumanVerifier humanVerifier;
  private final Throttle clientRequests;
  private final Events events;

  Gate(@Nullable HumanVerifier humanVerifier, Throttle clientRequests, Events events) {
    this.humanVerifier = humanVerifier;
    this.clientRequests = clientRequests;
    this.events = events;
  }

  /**
   * Lets a request through or refuses it in the caller's own outcome type.
   *
   * @return null if the request may go on, else the refusal (an event is emitted for it)
   */
  <T> @Nullable T refusal(
      RequestContext context,
      Instant now,
      Supplier<T> captchaFailed,
      Function<Duration, T> throttled) {
    if (humanVerifier != null && !humanVerifier.verify(context.captchaResponse(), context)) {
      events.emit(ResetEventType.CAPTCHA_FAILED, null, null, context, Map.of());
      return captchaFailed.get();
    }
    Optional<Duration> retryAfter = clientRequests.hit(context.clientAddress(), now);
    if (retryAfter.isPresent()) {
      events.emit(
          ResetEventType.CLIENT_THROTTLED, null, null, context, Map.of("limit", "requests"));
      return throttled.apply(retryAfter.get());
    }
    return null;
  }
}

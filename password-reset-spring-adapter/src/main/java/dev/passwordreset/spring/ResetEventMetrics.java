package dev.passwordreset.spring;

import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts the activity feed in the counter {@value #COUNTER}, tagged with the event's {@code type}
 * in lower case (e.g. {@code reset_completed}, {@code delivery_failed}, {@code client_throttled}):
 * what happened off the caller's thread (mail delivered or failed) shows here and not in {@link
 * MeteredPasswordResetService}'s timers.
 *
 * <p>Thread-safe.
 */
public final class ResetEventMetrics implements ResetEventListener {

  /** The counter's name. */
  public static final String COUNTER = "password.reset.events";

  private final MeterRegistry registry;

  /**
   * Creates the listener.
   *
   * @param registry where the counters go
   */
  public ResetEventMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry must not be null");
  }

  /**
   * Counts one event.
   *
   * @param event what happened
   */
  @Override
  public void onEvent(ResetEvent event) {
    Counter.builder(COUNTER)
        .description("Password-reset activity events, by type")
        .tag("type", event.type().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}

package dev.passwordreset.api;

/**
 * SPI: receives the activity feed (an agent's action, a completed reset, a throttled client...).
 * The host records it, shows it in its back office, and ends the customer's other sessions when
 * {@link ResetEventType#changesPassword()}.
 *
 * <p>Called synchronously on the thread that did the work (for self-service email delivery, the
 * mail thread); it must be thread-safe and quick. An exception it throws is logged and otherwise
 * ignored: a broken feed never breaks a reset.
 */
@FunctionalInterface
public interface ResetEventListener {

  /**
   * Receives one event.
   *
   * @param event what happened
   */
  void onEvent(ResetEvent event);
}

package dev.passwordreset.spring;

import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventListener;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes each {@link ResetEvent} of the activity feed as a Spring application event, so the host
 * listens with {@code @EventListener void on(ResetEvent event)}. Events are published synchronously
 * on the thread that did the work (for self-service mail, a delivery thread); a listener that
 * throws does not break the reset (the engine logs and ignores it).
 *
 * <p>Thread-safe.
 */
public class ApplicationEventResetListener implements ResetEventListener {
  private final ApplicationEventPublisher publisher;

  /**
   * Creates the listener.
   *
   * @param publisher where to publish
   */
  public ApplicationEventResetListener(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher must not be null");
  }

  /**
   * Publishes the event as it is.
   *
   * @param event what happened; never holds a token or a password
   */
  @Override
  public void onEvent(ResetEvent event) {
    publisher.publishEvent(event);
  }
}

package dev.passwordreset.examples.storefront.backoffice;

import dev.passwordreset.api.ResetEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The platform activity feed: every {@link ResetEvent} the library emits, which the Spring adapter
 * publishes as an application event. Kept in memory (the newest {@value #CAPACITY}); a platform
 * would write them to its audit table. Events never hold a token or a password.
 *
 * <p>Thread-safe.
 */
@Component
public class ActivityLog {
  static final int CAPACITY = 1000;

  private final Deque<ResetEvent> events = new ArrayDeque<>();

  /** Created by Spring. */
  public ActivityLog() {}

  /**
   * Records an event (called by Spring, on the thread that did the work).
   *
   * @param event the event
   */
  @EventListener
  public void on(ResetEvent event) {
    synchronized (events) {
      events.addFirst(event);
      while (events.size() > CAPACITY) {
        events.removeLast();
      }
    }
  }

  /**
   * The events, newest first.
   *
   * @return a copy
   */
  public List<ResetEvent> newestFirst() {
    synchronized (events) {
      List<ResetEvent> copy = new ArrayList<>(events);
      // Stable: events of the same instant keep the order they arrived in.
      copy.sort(Comparator.comparing(ResetEvent::at).reversed());
      return copy;
    }
  }
}

package dev.passwordreset.core;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.internal.DeliveryQueue;
import dev.passwordreset.core.internal.DeliveryQueue.Outgoing;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail that leaves off the caller's thread: self-service work with its email, and every
 * "password changed" email. It reports deliveries and failures as events, and revokes the link of
 * an email that was given up, by the token hash queued with it. Thread-safe.
 */
final class Outbox implements DeliveryQueue.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final DeliveryQueue queue;
  private final Events events;
  private final TicketStore tickets;
  private final EngineClock clock;

  Outbox(
      Notifier notifier,
      DeliveryOptions options,
      @Nullable Executor executor,
      Events events,
      TicketStore tickets,
      EngineClock clock) {
    this.events = events;
    this.tickets = tickets;
    this.clock = clock;
    this.queue = new DeliveryQueue(notifier, options, executor, this);
  }

  /** Queues self-service work; a full or closed queue drops it and says so. */
  void selfService(Supplier<@Nullable Outgoing> task, RequestContext context) {
    if (!queue.submitOutgoing(task)) {
      log.warn("The self-service mail queue is full or closed; a request was dropped");
      events.emit(ResetEventType.DELIVERY_QUEUE_FULL, null, null, context, Map.of());
    }
  }

  /** Queues the "password changed" email. */
  void passwordChanged(
      CustomerAccount account, @Nullable String storefront, @Nullable RequestContext context) {
    Notification n =
        new Notification(
            NotificationType.PASSWORD_CHANGED,
            account.id(),
            account.email(),
            account.displayName(),
            account.locale(),
            null,
            null,
            storefront);
    if (!queue.submit(() -> n)) {
      log.warn("The mail queue is full or closed; a password-changed email was dropped");
      events.emit(ResetEventType.DELIVERY_QUEUE_FULL, account.id(), null, context, Map.of());
    }
  }

  /** Delivers what is queued (up to the close timeout) and stops the queue's threads. */
  @Override
  public void close() {
    queue.close();
  }

  @Override
  public void delivered(Notification n, int attempt) {
    events.emit(
        ResetEventType.NOTIFICATION_SENT,
        n.customerId(),
        null,
        null,
        n.storefront(),
        Map.of("type", n.type().name(), "attempt", Integer.toString(attempt)));
  }

  @Override
  public void failed(Outgoing out, String reason, int attempts, boolean permanent) {
    Notification n = out.notification();
    log.warn(
        "A {} email could not be delivered after {} attempt(s): {}", n.type(), attempts, reason);
    revoke(out);
    events.emit(
        ResetEventType.DELIVERY_FAILED,
        n.customerId(),
        null,
        null,
        n.storefront(),
        Map.of(
            "type",
            n.type().name(),
            "attempts",
            Integer.toString(attempts),
            "permanent",
            Boolean.toString(permanent),
            "reason",
            reason));
  }

  @Override
  public void prepareFailed(RuntimeException failure) {
    log.error("A self-service request failed before its email could be sent", failure);
    events.emit(
        ResetEventType.DELIVERY_FAILED,
        null,
        null,
        null,
        null,
        Map.of("reason", "store-failure: " + failure.getClass().getSimpleName()));
  }

  /**
   * A link whose email was given up must not stay usable: it was reported as not sent, and a mail
   * server that failed ambiguously may still have delivered it.
   */
  private void revoke(Outgoing out) {
    TokenHash hash = out.ticketHash();
    if (hash == null) {
      return;
    }
    try {
      tickets.consume(hash, clock.now());
    } catch (RuntimeException e) {
      log.warn(
          "The link of an undelivered {} email could not be revoked ({}); it expires on its own",
          out.notification().type(),
          e.getClass().getSimpleName());
    }
  }
}

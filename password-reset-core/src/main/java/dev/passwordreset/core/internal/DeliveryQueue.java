package dev.passwordreset.core.internal;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.delivery.DeliveryOptions;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs self-service work and delivers its mail off the caller's thread. Each task first prepares
 * (looks the customer up, issues the link) and then delivers the notification it returns, retrying
 * transient failures with exponential back-off and jitter; a {@link NotificationException} that is
 * {@link NotificationException#permanent() permanent} is not retried.
 *
 * <p>At most {@link DeliveryOptions#capacity()} tasks wait or retry at once; {@link #submit}
 * refuses more at once, without blocking. Thread-safe.
 */
public final class DeliveryQueue implements AutoCloseable {

  /** What the queue reports. Called on the delivery threads; must not throw. */
  public interface Listener {
    /**
     * A notification was delivered.
     *
     * @param notification what
     * @param attempt on which attempt (1 = first)
     */
    void delivered(Notification notification, int attempt);

    /**
     * A notification was given up, with the hash of the ticket its link belongs to (so the link can
     * be revoked without reading it back from the notification).
     *
     * @param outgoing what, with its ticket's token hash if it carries a link
     * @param reason the last failure, without secrets
     * @param attempts how many attempts were made
     * @param permanent whether the last failure was permanent
     */
    void failed(Outgoing outgoing, String reason, int attempts, boolean permanent);

    /**
     * Preparing a task failed (e.g. a store was down); nothing was sent.
     *
     * @param failure the failure
     */
    void prepareFailed(RuntimeException failure);
  }

  /**
   * A notification on its way, with the token hash of the ticket whose link it carries.
   *
   * @param notification what to send
   * @param ticketHash the SHA-256 of the link's token, or null if it carries no link
   */
  public record Outgoing(Notification notification, @Nullable TokenHash ticketHash) {
    /**
     * Checks the notification is there.
     *
     * @throws NullPointerException if {@code notification} is null
     */
    public Outgoing {
      Objects.requireNonNull(notification, "notification must not be null");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

  private final Notifier notifier;
  private final DeliveryOptions options;
  private final Listener listener;
  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final ScheduledExecutorService retries;
  private final Semaphore slots;
  private final AtomicInteger pending = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean closed;

  /**
   * Creates a queue.
   *
   * @param notifier delivers one notification
   * @param options attempts, back-off, capacity
   * @param executor where tasks run, or {@code null} for the queue's own daemon threads (shut down
   *     by {@link #close()}); a host executor is not shut down
   * @param listener what the queue reports
   */
  public DeliveryQueue(
      Notifier notifier, DeliveryOptions options, @Nullable Executor executor, Listener listener) {
    this.notifier = Objects.requireNonNull(notifier, "notifier must not be null");
    this.options = Objects.requireNonNull(options, "options must not be null");
    this.listener = Objects.requireNonNull(listener, "listener must not be null");
    if (executor == null) {
      this.ownedExecutor =
          Executors.newFixedThreadPool(options.threads(), daemon("password-reset-mail-"));
      this.executor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.executor = executor;
    }
    this.retries = Executors.newSingleThreadScheduledExecutor(daemon("password-reset-retry-"));
    this.slots = new Semaphore(options.capacity());
  }

  /**
   * Queues a task: prepare, then deliver what it returns (nothing if it returns {@code null}).
   *
   * @param task prepares the notification on a delivery thread
   * @return {@code false} if the queue is full or closed (nothing will run), else {@code true}
   */
  public boolean submit(Supplier<@Nullable Notification> task) {
    Objects.requireNonNull(task, "task must not be null");
    return submitOutgoing(
        () -> {
          Notification n = task.get();
          return n == null ? null : new Outgoing(n, null);
        });
  }

  /**
   * Queues a task whose notification carries its ticket's token hash, which {@link
   * Listener#failed(Outgoing, String, int, boolean)} gets back if delivery is given up.
   *
   * @param task prepares the notification on a delivery thread
   * @return {@code false} if the queue is full or closed (nothing will run), else {@code true}
   */
  public boolean submitOutgoing(Supplier<@Nullable Outgoing> task) {
    Objects.requireNonNull(task, "task must not be null");
    if (closed || !slots.tryAcquire()) {
      return false;
    }
    pending.incrementAndGet();
    try {
      executor.execute(() -> prepare(task));
      return true;
    } catch (RejectedExecutionException e) {
      release();
      return false;
    }
  }

  /**
   * Tasks queued, running or waiting for a retry.
   *
   * @return the number
   */
  public int pending() {
    return pending.get();
  }

  private void prepare(Supplier<@Nullable Outgoing> task) {
    Outgoing n;
    try {
      n = task.get();
    } catch (RuntimeException e) {
      safely(() -> listener.prepareFailed(e));
      release();
      return;
    }
    if (n == null) {
      release();
      return;
    }
    attempt(n, 1);
  }

  private void attempt(Outgoing out, int attempt) {
    Notification n = out.notification();
    try {
      notifier.send(n);
      safely(() -> listener.delivered(n, attempt));
      release();
    } catch (RuntimeException e) {
      boolean permanent = e instanceof NotificationException ne && ne.permanent();
      String reason = reason(e, n);
      if (permanent || attempt >= options.attempts()) {
        safely(() -> listener.failed(out, reason, attempt, permanent));
        release();
        return;
      }
      long delay = backoffMillis(attempt);
      log.debug(
          "Delivery of a {} notification failed on attempt {} ({}); retrying in {} ms",
          n.type(),
          attempt,
          reason,
          delay);
      try {
        retries.schedule(() -> resubmit(out, attempt + 1), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException rejected) {
        safely(() -> listener.failed(out, "shut down before retry: " + reason, attempt, false));
        release();
      }
    }
  }

  private void resubmit(Outgoing out, int attempt) {
    try {
      executor.execute(() -> attempt(out, attempt));
    } catch (RejectedExecutionException e) {
      safely(() -> listener.failed(out, "executor refused the retry", attempt - 1, false));
      release();
    }
  }

  /** Exponential back-off with "equal jitter": half the delay fixed, half random. */
  long backoffMillis(int failedAttempt) {
    long initial = options.initialBackoff().toMillis();
    long max = options.maxBackoff().toMillis();
    // No overflow: initial is at most 1 hour (3.6e6 ms < 2^22), shifted by at most 30 bits.
    long delay = Math.min(initial << Math.min(failedAttempt - 1, 30), max);
    long half = delay / 2;
    return half + ThreadLocalRandom.current().nextLong(delay - half + 1);
  }

  private void release() {
    slots.release();
    if (pending.decrementAndGet() == 0) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  /**
   * Stops taking tasks, waits up to the close timeout for queued and retrying mail, then stops the
   * queue's own threads. Tasks still pending after the timeout are abandoned and logged.
   */
  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + options.closeTimeout().toNanos();
    synchronized (drained) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    int left = pending.get();
    if (left > 0) {
      log.warn("Closing with {} self-service emails still pending; they are abandoned", left);
    }
    retries.shutdownNow();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private static String reason(RuntimeException e, Notification n) {
    String message = e.getMessage();
    String reason = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    String link = n.link();
    return link == null ? reason : reason.replace(link, "<link>");
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("A delivery listener failed", e);
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The options in force.
   *
   * @return the options
   */
  public DeliveryOptions options() {
    return options;
  }
}

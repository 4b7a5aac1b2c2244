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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p><b>Two stages.</b> Preparing (the account-dependent work) and sending run as separate tasks on
 * separate executors: the queue's own threads are {@link DeliveryOptions#threads()} preparing
 * threads and up to {@link #sendThreads(DeliveryOptions)} sending threads (started on demand,
 * stopped when idle). A send never holds a preparing thread, and sends of different emails run side
 * by side, so one slow send (the mail server taking 250 ms for a known account's email) delays
 * neither the lookup of another request nor the delivery of another email. The first attempt waits
 * a random 0 to {@value #SEND_JITTER_MILLIS} ms, so that the little account-dependent work left on
 * the preparing threads is not observable either: whether an unrelated address has an account does
 * not show in the delivery time of one's own email (measured in benchmarks: DeliveryIsolation, the
 * "9" rows of RESULTS.md). Only a burst of more slow sends than there are sending threads queues
 * sends behind each other; the per-client and per-account request limits bound such bursts. A host
 * executor runs each task's first attempt right after preparing it, on the same thread, and retries
 * as tasks of their own: isolation is then as wide as the host's executor.
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
     * @param notification what to send
     * @param ticketHash the SHA-256 of the link's token, or null if it carries no link
     * @throws NullPointerException if {@code notification} is null
     */
    public Outgoing {
      Objects.requireNonNull(notification, "notification must not be null");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

  /** The most a first attempt waits before it is sent (see {@link #sendAfterJitter}). */
  static final long SEND_JITTER_MILLIS = 50;

  /** How long an idle sending thread lives. */
  private static final long SENDER_IDLE_SECONDS = 30;

  /**
   * How many sending threads the queue's own executor may run: 8 per preparing thread, at least 16
   * and at most 64. Sends mostly wait on a mail server, so threads are cheap here, and enough of
   * them let one slow send never delay another.
   *
   * @param options the options
   * @return the number of sending threads
   */
  public static int sendThreads(DeliveryOptions options) {
    return Math.min(64, Math.max(16, options.threads() * 8));
  }

  private final Notifier notifier;
  private final DeliveryOptions options;
  private final Listener listener;
  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final Executor sender;
  private final @Nullable ExecutorService ownedSender;
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
   * @param executor where tasks run, or {@code null} for the queue's own daemon threads, a pool for
   *     each stage (shut down by {@link #close()}); a host executor is not shut down
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
      int senders = sendThreads(options);
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              senders,
              senders,
              SENDER_IDLE_SECONDS,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              daemon("password-reset-mail-send-"));
      pool.allowCoreThreadTimeOut(true);
      this.ownedSender = pool;
      this.sender = pool;
    } else {
      this.ownedExecutor = null;
      this.executor = executor;
      this.ownedSender = null;
      this.sender = executor;
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
    if (ownedSender == null) {
      attempt(n, 1); // a host executor: its threads are the host's to size (see the class comment)
    } else {
      sendAfterJitter(n);
    }
  }

  /**
   * Hands the first attempt to the sending stage after a random wait of up to {@value
   * #SEND_JITTER_MILLIS} ms: what is left of the account-dependent work (a known account's ticket
   * is issued, an unknown one's is not: tens to hundreds of microseconds on a preparing thread that
   * the next request may wait for) drowns in it. Negligible for an email, whose delivery takes
   * seconds. A queue whose timer has stopped (closed) sends at once.
   */
  private void sendAfterJitter(Outgoing out) {
    long jitter = ThreadLocalRandom.current().nextLong(SEND_JITTER_MILLIS + 1);
    try {
      retries.schedule(() -> send(out, 1), jitter, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      send(out, 1);
    }
  }

  /** Hands a send to the sending stage, so the preparing thread is free at once. */
  private void send(Outgoing out, int attempt) {
    try {
      sender.execute(() -> attempt(out, attempt));
    } catch (RejectedExecutionException e) {
      safely(() -> listener.failed(out, "executor refused the send", attempt - 1, false));
      release();
    }
  }

  private void attempt(Outgoing out, int attempt) {
    Notification n = out.notification();
    try {
      notifier.send(n);
      safely(() -> listener.delivered(n, attempt));
      release();
    } catch (RuntimeException e) {
      boolean permanent = e instanceof NotificationException ne && ne.permanent();
      String reason = reason(e, out);
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
      sender.execute(() -> attempt(out, attempt));
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
    if (ownedSender != null) {
      ownedSender.shutdownNow();
    }
  }

  /**
   * The failure's message without the link or its token, in any form a mail API may echo them (see
   * {@link Redaction}): the one text that reaches the retry log line, the final warning and the
   * {@code DELIVERY_FAILED} event.
   */
  static String reason(RuntimeException e, Outgoing out) {
    String message = e.getMessage();
    String reason = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    String link = out.notification().link();
    if (link == null) {
      return reason;
    }
    reason = Redaction.strip(reason, link, null);
    for (String token :
        Redaction.tokensIn(link, out.ticketHash() == null ? null : out.ticketHash().hex())) {
      reason = Redaction.strip(reason, null, token);
    }
    return reason;
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

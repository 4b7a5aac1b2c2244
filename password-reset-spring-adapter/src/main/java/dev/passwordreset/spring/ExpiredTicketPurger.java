package dev.passwordreset.spring;

import dev.passwordreset.api.PasswordResetService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Calls {@link PasswordResetService#purgeExpired()} on a schedule (a cron expression, or a fixed
 * delay between runs) on its own single daemon thread, from the context's start to its stop. It
 * needs no {@code @EnableScheduling} in the host. Every node may run it: purging is idempotent.
 *
 * <p>Thread-safe.
 */
public class ExpiredTicketPurger implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ExpiredTicketPurger.class);

  private final PasswordResetService service;
  private final @Nullable String cron;
  private final Duration fixedDelay;
  private @Nullable ThreadPoolTaskScheduler scheduler;
  private @Nullable ScheduledFuture<?> task;

  /**
   * Creates the purger.
   *
   * @param service the service to purge
   * @param cron a Spring cron expression, or {@code null} to use {@code fixedDelay}
   * @param fixedDelay the delay between the end of a run and the start of the next
   */
  public ExpiredTicketPurger(
      PasswordResetService service, @Nullable String cron, Duration fixedDelay) {
    this.service = Objects.requireNonNull(service, "service must not be null");
    this.cron = cron;
    this.fixedDelay = Objects.requireNonNull(fixedDelay, "fixedDelay must not be null");
  }

  /** Runs one purge; a failure is logged and the schedule goes on. */
  void purgeOnce() {
    try {
      int purged = service.purgeExpired();
      log.debug("Purged {} expired password-reset link(s)", purged);
    } catch (RuntimeException e) {
      log.warn("Purging expired password-reset links failed; the next run will try again", e);
    }
  }

  /** Starts the schedule. */
  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
    s.setPoolSize(1);
    s.setThreadNamePrefix("password-reset-purge-");
    s.setDaemon(true);
    s.initialize();
    scheduler = s;
    task =
        cron != null
            ? s.schedule(this::purgeOnce, new CronTrigger(cron))
            : s.scheduleWithFixedDelay(this::purgeOnce, fixedDelay);
  }

  /** Stops the schedule; a purge under way finishes. */
  @Override
  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  /**
   * Whether the schedule runs.
   *
   * @return {@code true} between start and stop
   */
  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}

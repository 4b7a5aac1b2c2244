package dev.passwordreset.core.hash;

import dev.passwordreset.api.PasswordResetException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs costly work (a memory-hard hash) with at most a fixed number running at once, each on one of
 * its own daemon threads ({@link #run}) or on the caller's ({@link #runHere}), so memory stays
 * bounded under load; callers beyond the bound wait in order. Counts what runs, for metrics.
 * Thread-safe.
 */
final class BoundedWork {
  private final String name;
  private final int bound;
  private final Semaphore permits;
  private final ThreadPoolExecutor workers;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  /**
   * Creates the bound.
   *
   * @param name what runs, for thread names and messages (e.g. "argon2")
   * @param bound how many may run at once; at least 1
   */
  BoundedWork(String name, int bound) {
    this.name = name;
    this.bound = bound;
    this.permits = new Semaphore(bound, true);
    AtomicInteger threadNumber = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            bound,
            bound,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t =
                  new Thread(r, "password-reset-" + name + "-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.workers.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs the work on one of the threads once a slot is free and returns its result.
   *
   * @throws PasswordResetException if the thread is interrupted while waiting for a slot
   */
  <T> T run(Supplier<T> work) {
    return withPermit(() -> onWorkerThread(work));
  }

  /**
   * Runs the work on the calling thread once a slot is free: for work that keeps no memory on the
   * thread that ran it (libsodium maps and unmaps its memory per call), so the hand-over to a
   * worker, a scheduling delay on a busy machine, buys nothing. Same bound, same counts.
   *
   * @throws PasswordResetException if the thread is interrupted while waiting for a slot
   */
  <T> T runHere(Supplier<T> work) {
    return withPermit(work);
  }

  private <T> T withPermit(Supplier<T> work) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PasswordResetException("interrupted while waiting for a free " + name + " slot", e);
    }
    try {
      peak.accumulateAndGet(active.incrementAndGet(), Math::max);
      return work.get();
    } finally {
      active.decrementAndGet();
      permits.release();
    }
  }

  int bound() {
    return bound;
  }

  int active() {
    return active.get();
  }

  int peak() {
    return peak.get();
  }

  int waiting() {
    return permits.getQueueLength();
  }

  /**
   * Runs the work on one of the threads and waits for it. The permit held by the caller guarantees
   * a free thread. Native work cannot be stopped, so an interrupt does not end the wait (as when
   * the work ran on the caller's thread); the flag is set again afterwards.
   */
  private <T> T onWorkerThread(Supplier<T> work) {
    FutureTask<T> task = new FutureTask<>(work::get);
    workers.execute(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new PasswordResetException(name + " failed", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

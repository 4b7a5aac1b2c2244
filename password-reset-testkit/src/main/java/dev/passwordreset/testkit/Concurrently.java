package dev.passwordreset.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task on many threads released at the same instant, to provoke races. */
final class Concurrently {
  private Concurrently() {}

  /**
   * Runs {@code task} on {@code threads} threads that all wait for one start signal, and returns
   * every result (in thread order). A task's exception fails the call.
   */
  static <T> List<T> run(int threads, Callable<T> task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          throw new AssertionError("a concurrent call failed: " + e.getCause(), e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs to {@code dev.passwordreset.testkit.logcapture}, which {@code logback-test.xml} keeps at
 * DEBUG and off the console (no additivity): only the captures here see its events.
 */
class LogCaptureTest {

  private static final String NAME = "dev.passwordreset.testkit.logcapture";
  private static final Logger LOG = LoggerFactory.getLogger(NAME);
  private static final Logger CHILD = LoggerFactory.getLogger(NAME + ".child");
  private static final Logger OTHER = LoggerFactory.getLogger("dev.passwordreset.testkit.other");

  @Test
  void capturesTheLoggerAndItsDescendantsInOrderWithArgumentsFilledIn() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.warn("first {}", 1);
      CHILD.debug("second {}", "two");
      OTHER.warn("not this one");

      assertThat(log.messages()).containsExactly("first 1", "second two");
      assertThat(log.events())
          .extracting(ILoggingEvent::getLevel)
          .containsExactly(Level.WARN, Level.DEBUG);
      assertThat(log.messagesAt(Level.WARN)).containsExactly("first 1");
      assertThat(log.loggerName()).isEqualTo(NAME);
    }
  }

  @Test
  void ofAClassCapturesTheLoggerNamedAfterIt() {
    try (LogCapture log = LogCapture.of(LogCaptureTest.class)) {
      LoggerFactory.getLogger(LogCaptureTest.class).info("by class");

      assertThat(log.messages()).containsExactly("by class");
      assertThat(log.loggerName()).isEqualTo(LogCaptureTest.class.getName());
    }
  }

  @Test
  void rootCapturesEveryLogger() {
    try (LogCapture log = LogCapture.root()) {
      OTHER.warn("one");
      LoggerFactory.getLogger("com.example.host.Shop").warn("two");

      assertThat(log.messages()).contains("one", "two");
      assertThat(log.loggerName()).isEqualTo("ROOT");
    }
  }

  @Test
  void linesCarryTheStackTraceOfAnEventsException() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.warn("failed", new IllegalStateException("outer", new IllegalArgumentException("inner")));

      assertThat(log.messages()).containsExactly("failed");
      assertThat(log.lines()).singleElement().asString().startsWith("failed\n");
      assertThat(log.lines())
          .singleElement()
          .asString()
          .contains("java.lang.IllegalStateException: outer")
          .contains("Caused by: java.lang.IllegalArgumentException: inner");
    }
  }

  @Test
  void eventsKeepTheThreadNameAndMessageOfTheLoggingCall() throws Exception {
    try (LogCapture log = LogCapture.of(NAME)) {
      Thread thread = new Thread(() -> LOG.info("from {}", "elsewhere"), "logging-thread-7");
      thread.start();
      thread.join();

      ILoggingEvent event = log.await(e -> true, Duration.ofSeconds(5));
      assertThat(event.getThreadName()).isEqualTo("logging-thread-7");
      assertThat(event.getFormattedMessage()).isEqualTo("from elsewhere");
    }
  }

  @Test
  void aSnapshotDoesNotChangeWithLaterEventsAndCannotBeModified() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.info("before");
      List<String> snapshot = log.messages();
      List<ILoggingEvent> events = log.events();

      LOG.info("after");

      assertThat(snapshot).containsExactly("before");
      assertThat(events).hasSize(1);
      assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> events.clear()).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void readingWhileManyThreadsAppendNeitherFailsNorLosesAnEvent() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (LogCapture log = LogCapture.of(NAME)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    LOG.debug("t{} e{}", thread, i);
                  }
                  return null;
                }));
      }
      go.countDown();
      AtomicBoolean done = new AtomicBoolean();
      int reads = 0;
      while (!done.get()) {
        done.set(writers.stream().allMatch(Future::isDone));
        // Stream, iterate and index snapshots while the writers append: what failed with
        // logback's ListAppender.
        assertThat(log.messages().stream().filter(m -> m.startsWith("t")).count()).isNotNegative();
        for (ILoggingEvent event : log.events()) {
          assertThat(event.getFormattedMessage()).startsWith("t");
        }
        List<String> lines = log.lines();
        if (!lines.isEmpty()) {
          assertThat(lines.get(lines.size() - 1)).startsWith("t");
        }
        reads++;
      }
      for (Future<?> writer : writers) {
        writer.get(30, TimeUnit.SECONDS);
      }

      assertThat(reads).isPositive();
      assertThat(log.messages()).hasSize(threads * perThread).doesNotHaveDuplicates();
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + " ";
        assertThat(log.messages().stream().filter(m -> m.startsWith(prefix)).toList())
            .as("thread %d's events, in its order", t)
            .containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, perThread)
                    .mapToObj(i -> prefix + "e" + i)
                    .toList());
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void awaitReturnsOnceAnotherThreadLogsAMatchingEvent() throws Exception {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.info("not yet");
      CountDownLatch waiting = new CountDownLatch(1);
      CompletableFuture<String> awaited =
          CompletableFuture.supplyAsync(
              () -> {
                waiting.countDown();
                return log.awaitMessage(m -> m.startsWith("done"), Duration.ofSeconds(30));
              });
      waiting.await();

      Thread writer = new Thread(() -> LOG.warn("done after {}", "work"));
      writer.start();
      writer.join();

      assertThat(awaited.get(30, TimeUnit.SECONDS)).isEqualTo("done after work");
    }
  }

  @Test
  void aWaitGoesOnThroughAClearAndSeesWhatIsCapturedAfterIt() throws Exception {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.info("one");
      LOG.info("two");
      CountDownLatch waiting = new CountDownLatch(1);
      CompletableFuture<String> awaited =
          CompletableFuture.supplyAsync(
              () -> {
                waiting.countDown();
                return log.awaitMessage(m -> m.startsWith("after"), Duration.ofSeconds(30));
              });
      waiting.await();

      log.clear();
      LOG.info("after the clear");

      assertThat(awaited.get(30, TimeUnit.SECONDS)).isEqualTo("after the clear");
      assertThat(log.messages()).containsExactly("after the clear");
    }
  }

  @Test
  void awaitReturnsTheOldestMatchIncludingEventsBeforeTheCall() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.warn("match 1");
      LOG.warn("match 2");

      assertThat(log.await(e -> e.getLevel() == Level.WARN, Duration.ZERO).getFormattedMessage())
          .isEqualTo("match 1");
      assertThat(log.awaitMessage(m -> m.endsWith("2"), Duration.ZERO)).isEqualTo("match 2");
    }
  }

  @Test
  void awaitWhenNothingMatchesInTimeThenAssertionErrorListingWhatWasCaptured() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.info("something else");

      assertThatThrownBy(() -> log.awaitMessage(m -> m.contains("never"), Duration.ofMillis(20)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no matching log event from " + NAME)
          .hasMessageContaining("something else");
    }
  }

  @Test
  void awaitOnAClosedCaptureFailsAtOnceInsteadOfWaitingForNothing() {
    LogCapture log = LogCapture.of(NAME);
    log.close();

    long start = System.nanoTime();
    assertThatThrownBy(() -> log.awaitMessage(m -> true, Duration.ofHours(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("closed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(30));
  }

  @Test
  void closeEndsAWaitOnAnotherThread() throws Exception {
    LogCapture log = LogCapture.of(NAME);
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Throwable> awaited =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              try {
                log.awaitMessage(m -> m.equals("never"), Duration.ofHours(1));
                return null;
              } catch (AssertionError e) {
                return e;
              }
            });
    waiting.await();

    log.close();

    assertThat(awaited.get(30, TimeUnit.SECONDS))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anInterruptedWaitFailsAndKeepsTheInterrupt() {
    try (LogCapture log = LogCapture.of(NAME)) {
      Thread.currentThread().interrupt();

      assertThatThrownBy(() -> log.awaitMessage(m -> false, Duration.ofHours(1)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  @Test
  void aConditionThatThrowsEndsTheWait() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.info("x");
      IllegalStateException broken = new IllegalStateException("broken condition");

      assertThatThrownBy(
              () ->
                  log.await(
                      e -> {
                        throw broken;
                      },
                      Duration.ofHours(1)))
          .isSameAs(broken);
    }
  }

  @Test
  void closeDetachesKeepsWhatWasCapturedAndIsIdempotent() {
    LogCapture log = LogCapture.of(NAME);
    LOG.info("kept");
    assertThat(log.isOpen()).isTrue();

    log.close();
    log.close();
    LOG.info("not captured");

    assertThat(log.isOpen()).isFalse();
    assertThat(log.messages()).containsExactly("kept");
    assertThat(log.toString()).contains(NAME, "closed", "1");
    assertThat(
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(NAME))
                .iteratorForAppenders()
                .hasNext())
        .as("no appender left on the logger")
        .isFalse();
  }

  @Test
  void clearForgetsWhatWasCapturedAndGoesOnCapturing() {
    try (LogCapture log = LogCapture.of(NAME)) {
      LOG.info("old");
      log.clear();
      LOG.info("new");

      assertThat(log.messages()).containsExactly("new");
    }
  }

  @Test
  void twoCapturesOfOneLoggerEachSeeEverything() {
    try (LogCapture first = LogCapture.of(NAME);
        LogCapture second = LogCapture.of(NAME)) {
      LOG.info("both");

      assertThat(first.messages()).containsExactly("both");
      assertThat(second.messages()).containsExactly("both");
    }
  }

  @Test
  void badArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> LogCapture.of((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("loggerName must not be null");
    assertThatThrownBy(() -> LogCapture.of((Class<?>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("type must not be null");
    assertThatThrownBy(() -> LogCapture.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loggerName must not be blank");
    try (LogCapture log = LogCapture.of(NAME)) {
      assertThatThrownBy(() -> log.await(null, Duration.ZERO))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("condition must not be null");
      assertThatThrownBy(() -> log.awaitMessage(m -> true, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("timeout must not be null");
      assertThatThrownBy(() -> log.await(e -> true, Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("timeout must not be negative, was PT-0.001S");
      assertThatThrownBy(() -> log.messagesAt(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("level must not be null");
    }
  }

  @Test
  void isAvailableWithLogbackAsTheBinding() {
    assertThat(LogCapture.isAvailable()).isTrue();
  }

  /**
   * A host test suite without Logback: the testkit, the api and JUnit's api alone in a class loader
   * that sees neither Logback nor SLF4J, used as compiled code uses them.
   */
  @Test
  void withoutLogbackOnTheClassPathThenAClearMessageAndTheWatchStillWorks() throws Exception {
    List<URL> path = new ArrayList<>();
    for (Class<?> type :
        List.of(
            LogCapture.class,
            WithoutLogbackProbe.class,
            dev.passwordreset.api.Notifier.class,
            org.junit.jupiter.api.extension.Extension.class)) {
      URL location = type.getProtectionDomain().getCodeSource().getLocation();
      if (!path.contains(location)) {
        path.add(location);
      }
    }
    try (URLClassLoader hostWithoutLogback =
        new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> probeType =
          Class.forName(WithoutLogbackProbe.class.getName(), true, hostWithoutLogback);
      assertThat(probeType).isNotSameAs(WithoutLogbackProbe.class);
      assertThatThrownBy(
              () -> Class.forName("ch.qos.logback.classic.Logger", false, hostWithoutLogback))
          .isInstanceOf(ClassNotFoundException.class);
      @SuppressWarnings("unchecked")
      Supplier<List<String>> probe =
          (Supplier<List<String>>) probeType.getConstructor().newInstance();

      List<String> seen = probe.get();

      assertThat(seen).hasSize(3);
      assertThat(seen.get(0)).isEqualTo("available=false");
      assertThat(seen.get(1))
          .startsWith("LogCapture needs Logback Classic as the SLF4J binding of the tests")
          .contains("add ch.qos.logback:logback-classic to the test dependencies");
      assertThat(seen.get(2))
          .startsWith("a secret was written to a log line, event, outcome or exception")
          .contains("an event with Probe-Passw0rd!");
    }
  }
}

package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.testkit.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {

  private static final String LINK = "https://shop.example/reset?token=tok-4711-secret";

  private static final Notification RESET =
      new Notification(
          NotificationType.RESET_LINK,
          CustomerId.of("c1"),
          "one@example.com",
          null,
          Locale.ENGLISH,
          LINK,
          Instant.parse("2030-05-17T10:00:00Z"),
          null);

  private static final Notification CHANGED =
      new Notification(
          NotificationType.PASSWORD_CHANGED,
          CustomerId.of("c1"),
          "one@example.com",
          null,
          Locale.ENGLISH,
          null,
          null,
          null);

  /** Fast: up to 3 attempts, 1 to 2 ms between them, 2 seconds to drain on close. */
  private static final DeliveryOptions FAST =
      new DeliveryOptions(
          3, Duration.ofMillis(1), Duration.ofMillis(2), 10, 2, Duration.ofSeconds(2));

  private static final Executor DIRECT = Runnable::run;

  /**
   * How long a test waits for what the queue's threads do: generous, since a wait ends as soon as
   * the condition holds, and a busy machine must not fail a test by chance.
   */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A close timeout no test reaches: close returns on its own long before. */
  private static final Duration NEVER = Duration.ofMinutes(2);

  private final RecordingListener listener = new RecordingListener();
  private final List<DeliveryQueue> queues = new ArrayList<>();
  // Thread-safe: the queue's threads may still log while a test reads it.
  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = LogCapture.of(DeliveryQueue.class);
  }

  @AfterEach
  void closeQueues() {
    log.close();
    for (DeliveryQueue queue : queues) {
      queue.close();
    }
  }

  private DeliveryQueue queue(
      Notifier notifier, DeliveryOptions options, @Nullable Executor executor) {
    DeliveryQueue queue = new DeliveryQueue(notifier, options, executor, listener);
    queues.add(queue);
    return queue;
  }

  // ---------------------------------------------------------------- delivery and retries

  @Test
  void submitDeliversOnTheFirstAttempt() {
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue = queue(notifier, FAST, DIRECT);

    assertThat(queue.submit(() -> RESET)).isTrue();

    assertThat(listener.events).containsExactly("delivered attempt=1");
    assertThat(notifier.sent).containsExactly(RESET);
    assertThat(queue.pending()).isZero();
    assertThat(queue.options()).isSameAs(FAST);
  }

  @Test
  void transientFailuresAreRetriedUntilDelivered() throws InterruptedException {
    ScriptedNotifier notifier =
        new ScriptedNotifier(
            new NotificationException("smtp busy", false, null),
            new IllegalStateException("connection reset"));
    DeliveryQueue queue = queue(notifier, FAST, DIRECT);

    queue.submit(() -> RESET);

    listener.awaitDone(1);
    assertThat(listener.events).containsExactly("delivered attempt=3");
    assertThat(notifier.calls).hasValue(3);
    awaitIdle(queue);
  }

  @Test
  void transientFailuresAreGivenUpAfterTheConfiguredAttempts() throws InterruptedException {
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(() -> new NotificationException("smtp busy", false, null));
    DeliveryQueue queue = queue(notifier, FAST, DIRECT);

    queue.submit(() -> RESET);

    listener.awaitDone(1);
    assertThat(listener.events)
        .containsExactly("failed attempts=3 permanent=false reason=smtp busy");
    awaitIdle(queue);
    assertThat(notifier.calls).hasValue(3);
  }

  @Test
  void oneAttemptMeansNoRetry() throws InterruptedException {
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(() -> new IllegalStateException("down"));
    DeliveryQueue queue = queue(notifier, FAST.withAttempts(1), DIRECT);

    queue.submit(() -> RESET);

    assertThat(listener.events).containsExactly("failed attempts=1 permanent=false reason=down");
    assertThat(notifier.calls).hasValue(1);
    assertThat(queue.pending()).isZero();
  }

  @Test
  void aPermanentFailureIsNotRetried() {
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(
            () -> new NotificationException("no such mailbox", true, null));
    DeliveryQueue queue = queue(notifier, FAST, DIRECT);

    queue.submit(() -> RESET);

    assertThat(listener.events)
        .containsExactly("failed attempts=1 permanent=true reason=no such mailbox");
    assertThat(notifier.calls).hasValue(1);
    assertThat(queue.pending()).isZero();
  }

  @Test
  void retriesRunOnTheQueuesDaemonRetryThreadWithTheNextAttemptNumber()
      throws InterruptedException {
    ScriptedNotifier notifier = new ScriptedNotifier(new IllegalStateException("once"));
    DeliveryQueue queue = queue(notifier, FAST, DIRECT);

    queue.submit(() -> RESET);

    listener.awaitDone(1);
    assertThat(listener.events).containsExactly("delivered attempt=2");
    Thread retry = notifier.threads.get(1);
    assertThat(retry.getName()).startsWith("password-reset-retry-");
    assertThat(retry.isDaemon()).isTrue();
  }

  @Test
  void theQueuesOwnThreadsAreDaemons() throws InterruptedException {
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue = queue(notifier, FAST, null);

    queue.submit(() -> RESET);

    listener.awaitDone(1);
    Thread worker = notifier.threads.get(0);
    assertThat(worker.getName()).startsWith("password-reset-mail-");
    assertThat(worker.isDaemon()).isTrue();
  }

  @Test
  void theReasonHidesTheLinkAndNamesTheExceptionWhenItHasNoMessage() {
    DeliveryOptions once = FAST.withAttempts(1);
    queue(
            ScriptedNotifier.alwaysFailing(
                () -> new IllegalStateException("rejected " + LINK + " as spam")),
            once,
            DIRECT)
        .submit(() -> RESET);
    queue(ScriptedNotifier.alwaysFailing(IllegalStateException::new), once, DIRECT)
        .submit(() -> RESET);
    queue(
            ScriptedNotifier.alwaysFailing(() -> new NotificationException(" ", false, null)),
            once,
            DIRECT)
        .submit(() -> RESET);
    queue(ScriptedNotifier.alwaysFailing(() -> new IllegalStateException("refused")), once, DIRECT)
        .submit(() -> CHANGED);

    assertThat(listener.events)
        .containsExactly(
            "failed attempts=1 permanent=false reason=rejected <link> as spam",
            "failed attempts=1 permanent=false reason=IllegalStateException",
            "failed attempts=1 permanent=false reason=NotificationException",
            "failed attempts=1 permanent=false reason=refused");
  }

  // ---------------------------------------------------------------- no token in any form

  /** A real token, its link and every form a mail API may echo them in. */
  private static final String TOKEN = new Tokens(new java.security.SecureRandom()).newToken();

  private static final String REAL_LINK = "https://shop.example/reset?a=1&token=" + TOKEN;

  private static List<String> echoes() {
    String percentLink =
        java.net.URLEncoder.encode(REAL_LINK, java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder everyCharEncoded = new StringBuilder();
    for (char c : TOKEN.toCharArray()) {
      everyCharEncoded.append(String.format("%%%02x", (int) c));
    }
    StringBuilder unicodeEscaped = new StringBuilder();
    for (char c : TOKEN.toCharArray()) {
      unicodeEscaped.append(String.format("\\u%04X", (int) c));
    }
    StringBuilder htmlNumeric = new StringBuilder();
    for (char c : TOKEN.toCharArray()) {
      htmlNumeric.append("&#").append((int) c).append(';');
    }
    return List.of(
        "raw link " + REAL_LINK,
        "token alone " + TOKEN,
        "percent-encoded link " + percentLink,
        "double percent-encoded " + percentLink.replace("%", "%25"),
        "json {\"url\":\"" + REAL_LINK.replace("/", "\\/") + "\"}",
        "html <a href=\"" + REAL_LINK.replace("&", "&amp;") + "\">",
        "every char percent-encoded " + everyCharEncoded,
        "json unicode escapes " + unicodeEscaped,
        "html numeric entities " + htmlNumeric,
        "soft line break " + TOKEN.substring(0, 20) + "=\r\n" + TOKEN.substring(20));
  }

  private static Notification realReset() {
    return new Notification(
        NotificationType.RESET_LINK,
        CustomerId.of("c1"),
        "one@example.com",
        null,
        Locale.ENGLISH,
        REAL_LINK,
        Instant.parse("2030-05-17T10:00:00Z"),
        null);
  }

  /** Whether a text holds the token, decoded any way a test can think of (independently). */
  private static boolean leaks(String text) {
    String decoded = text;
    for (int i = 0; i < 3; i++) {
      decoded = decoded.replace("\\/", "/").replace("&amp;", "&").replace("=\r\n", "");
      decoded = decode(decoded, "%([0-9A-Fa-f]{2})", 16);
      decoded = decode(decoded, "\\\\u([0-9A-Fa-f]{4})", 16);
      decoded = decode(decoded, "&#([0-9]+);", 10);
      decoded = decode(decoded, "&#[xX]([0-9A-Fa-f]+);", 16);
    }
    return text.contains(TOKEN) || decoded.contains(TOKEN);
  }

  private static String decode(String text, String regex, int radix) {
    return java.util.regex.Pattern.compile(regex)
        .matcher(text)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), radix))));
  }

  @Test
  void theRetryLineTheWarningReasonAndTheEventReasonNeverCarryTheTokenInAnyForm()
      throws InterruptedException {
    List<String> echoes = echoes();
    for (String echo : echoes) {
      assertThat(leaks(echo)).as("the test's own detector sees %s", echo).isTrue();
    }
    java.util.Iterator<String> next = echoes.iterator();
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(() -> new IllegalStateException("rejected: " + next.next()));
    DeliveryQueue queue = queue(notifier, FAST.withAttempts(echoes.size()), DIRECT);

    queue.submitOutgoing(() -> new DeliveryQueue.Outgoing(realReset(), Tokens.hash(TOKEN)));

    listener.awaitDone(1);
    assertThat(notifier.calls).hasValue(echoes.size());
    List<String> retryLines = log.messagesAt(Level.DEBUG);
    assertThat(retryLines).hasSize(echoes.size() - 1);
    assertThat(listener.events).hasSize(1);
    for (String line : retryLines) {
      assertThat(leaks(line)).as(line).isFalse();
    }
    for (String event : listener.events) {
      assertThat(leaks(event)).as(event).isFalse();
      assertThat(event).contains("<token>");
    }
  }

  @Test
  void redactionFindsTheTokenInEveryFormAndKeepsTheRestOfTheText() {
    for (String echo : echoes()) {
      String stripped = Redaction.strip(echo, REAL_LINK, TOKEN);
      assertThat(leaks(stripped)).as(echo).isFalse();
      assertThat(stripped).startsWith(echo.substring(0, echo.indexOf(' ')));
    }
    assertThat(Redaction.strip("rejected " + REAL_LINK + " as spam", REAL_LINK, TOKEN))
        .isEqualTo("rejected <link> as spam");
    assertThat(Redaction.tokensIn(REAL_LINK, Tokens.sha256Hex(TOKEN))).containsExactly(TOKEN);
  }

  // ---------------------------------------------------------------- two stages

  @Test
  void aSlowSendDelaysNeitherAnotherRequestsPreparationNorItsDelivery()
      throws InterruptedException {
    CountDownLatch slowSendReleased = new CountDownLatch(1);
    CountDownLatch slowSendStarted = new CountDownLatch(1);
    Queue<String> delivered = new ConcurrentLinkedQueue<>();
    Notifier notifier =
        n -> {
          if (n.email().equals("known@example.com")) {
            slowSendStarted.countDown();
            try {
              slowSendReleased.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          delivered.add(n.email());
        };
    // One preparing thread: before the two stages, the slow send held it.
    DeliveryQueue queue = queue(notifier, FAST.withThreads(1), null);
    Notification known =
        new Notification(
            NotificationType.PASSWORD_CHANGED,
            CustomerId.of("k"),
            "known@example.com",
            null,
            Locale.ENGLISH,
            null,
            null,
            null);

    queue.submit(() -> known);
    assertThat(slowSendStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    queue.submit(() -> CHANGED);

    try {
      Awaitility.await().atMost(WAIT).until(() -> delivered.contains("one@example.com"));
      assertThat(delivered).containsExactly("one@example.com");
    } finally {
      slowSendReleased.countDown();
    }
    listener.awaitDone(2);
  }

  // ---------------------------------------------------------------- preparing

  @Test
  void aTaskThatFailsIsReportedAndSendsNothing() {
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue = queue(notifier, FAST.withCapacity(1), DIRECT);
    IllegalStateException failure = new IllegalStateException("store down");

    assertThat(
            queue.submit(
                () -> {
                  throw failure;
                }))
        .isTrue();

    assertThat(listener.prepareFailures).containsExactly(failure);
    assertThat(notifier.calls).hasValue(0);
    assertThat(queue.pending()).isZero();
    assertThat(queue.submit(() -> RESET)).as("the slot was given back").isTrue();
  }

  @Test
  void aTaskThatReturnsNullSendsNothingAndGivesItsSlotBack() {
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue = queue(notifier, FAST.withCapacity(1), DIRECT);

    assertThat(queue.submit(() -> null)).isTrue();

    assertThat(notifier.calls).hasValue(0);
    assertThat(listener.events).isEmpty();
    assertThat(queue.pending()).isZero();
    assertThat(queue.submit(() -> RESET)).isTrue();
    assertThat(listener.events).containsExactly("delivered attempt=1");
  }

  @Test
  void aThrowingListenerDoesNotStopTheQueue() {
    DeliveryQueue.Listener throwing =
        new DeliveryQueue.Listener() {
          @Override
          public void delivered(Notification notification, int attempt) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void failed(
              DeliveryQueue.Outgoing outgoing, String reason, int attempts, boolean permanent) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void prepareFailed(RuntimeException failure) {
            throw new IllegalStateException("listener bug");
          }
        };
    DeliveryQueue queue =
        new DeliveryQueue(
            ScriptedNotifier.alwaysFailing(() -> new NotificationException("gone", true, null)),
            FAST.withCapacity(1),
            DIRECT,
            throwing);
    queues.add(queue);
    DeliveryQueue delivering =
        new DeliveryQueue(new ScriptedNotifier(), FAST.withCapacity(1), DIRECT, throwing);
    queues.add(delivering);

    assertThat(queue.submit(() -> RESET)).isTrue();
    assertThat(
            queue.submit(
                () -> {
                  throw new IllegalStateException("store down");
                }))
        .isTrue();
    assertThat(delivering.submit(() -> RESET)).isTrue();
    assertThat(delivering.submit(() -> RESET)).isTrue();

    assertThat(queue.pending()).isZero();
    assertThat(delivering.pending()).isZero();
  }

  // ---------------------------------------------------------------- capacity and refusal

  @Test
  void pendingCountsQueuedTasksUntilTheyAreDone() {
    ManualExecutor executor = new ManualExecutor();
    DeliveryQueue queue = queue(new ScriptedNotifier(), FAST, executor);

    queue.submit(() -> RESET);
    queue.submit(() -> RESET);

    assertThat(queue.pending()).isEqualTo(2);
    executor.runNext();
    assertThat(queue.pending()).isEqualTo(1);
    executor.runNext();
    assertThat(queue.pending()).isZero();
  }

  @Test
  void aFullQueueRefusesAtOnceAndTakesMoreWhenASlotIsFree() {
    ManualExecutor executor = new ManualExecutor();
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue =
        queue(notifier, FAST.withCapacity(2).withCloseTimeout(Duration.ZERO), executor);

    assertThat(queue.submit(() -> RESET)).isTrue();
    assertThat(queue.submit(() -> RESET)).isTrue();
    assertThat(queue.submit(() -> RESET)).isFalse();
    assertThat(executor.tasks).hasSize(2);

    executor.runNext();

    assertThat(queue.submit(() -> RESET)).isTrue();
    assertThat(queue.submit(() -> RESET)).isFalse();
    assertThat(queue.pending()).isEqualTo(2);
  }

  @Test
  void deliveredMailGivesItsSlotBack() {
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue = queue(notifier, FAST.withCapacity(1), DIRECT);

    for (int i = 0; i < 3; i++) {
      assertThat(queue.submit(() -> RESET)).isTrue();
    }

    assertThat(notifier.calls).hasValue(3);
  }

  @Test
  void failedMailGivesItsSlotBack() {
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(() -> new NotificationException("x", true, null));
    DeliveryQueue queue = queue(notifier, FAST.withCapacity(1), DIRECT);

    for (int i = 0; i < 3; i++) {
      assertThat(queue.submit(() -> RESET)).isTrue();
    }

    assertThat(notifier.calls).hasValue(3);
  }

  @Test
  void anExecutorThatRefusesMakesSubmitReturnFalseWithoutLosingTheSlot() {
    ManualExecutor executor = new ManualExecutor();
    executor.refuse = true;
    DeliveryQueue queue =
        queue(
            new ScriptedNotifier(), FAST.withCapacity(1).withCloseTimeout(Duration.ZERO), executor);

    assertThat(queue.submit(() -> RESET)).isFalse();
    assertThat(queue.pending()).isZero();

    executor.refuse = false;
    assertThat(queue.submit(() -> RESET)).isTrue();
    assertThat(queue.pending()).isEqualTo(1);
  }

  @Test
  void anExecutorThatRefusesTheRetryGivesTheMailUp() throws InterruptedException {
    AtomicInteger executions = new AtomicInteger();
    Executor onlyOnce =
        task -> {
          if (executions.incrementAndGet() > 1) {
            throw new RejectedExecutionException("saturated");
          }
          task.run();
        };
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(() -> new IllegalStateException("busy"));
    DeliveryQueue queue = queue(notifier, FAST.withCapacity(1), onlyOnce);

    queue.submit(() -> RESET);

    listener.awaitDone(1);
    assertThat(listener.events)
        .containsExactly("failed attempts=1 permanent=false reason=executor refused the retry");
    assertThat(notifier.calls).hasValue(1);
    awaitIdle(queue);
  }

  @Test
  void aClosedQueueRefusesAndRunsNothing() {
    ScriptedNotifier notifier = new ScriptedNotifier();
    DeliveryQueue queue = queue(notifier, FAST, DIRECT);
    queue.close();

    assertThat(queue.submit(() -> RESET)).isFalse();

    assertThat(notifier.calls).hasValue(0);
    assertThat(queue.pending()).isZero();
  }

  @Test
  void aNullTaskIsRejected() {
    DeliveryQueue queue = queue(new ScriptedNotifier(), FAST, DIRECT);

    assertThatThrownBy(() -> queue.submit(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task must not be null");
  }

  // ---------------------------------------------------------------- back-off

  @Test
  void backoffDoublesFromTheInitialWaitWithUpToHalfOfItAsJitter() {
    DeliveryQueue queue =
        queue(
            new ScriptedNotifier(),
            FAST.withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
            DIRECT);

    assertBackoff(queue, 1, 50, 100);
    assertBackoff(queue, 2, 100, 200);
    assertBackoff(queue, 3, 200, 400);
    assertBackoff(queue, 4, 400, 800);
    assertBackoff(queue, 5, 500, 1000);
    assertBackoff(queue, 19, 500, 1000);
    assertBackoff(queue, 40, 500, 1000);
  }

  @Test
  void backoffReachesBothEndsOfItsJitter() {
    DeliveryQueue queue =
        queue(
            new ScriptedNotifier(),
            FAST.withBackoff(Duration.ofMillis(4), Duration.ofMillis(8)),
            DIRECT);

    assertThat(samples(queue, 1)).containsOnly(2L, 3L, 4L).contains(2L, 4L);
    assertThat(samples(queue, 2)).containsOnly(4L, 5L, 6L, 7L, 8L).contains(4L, 8L);
    assertThat(samples(queue, 3)).containsOnly(4L, 5L, 6L, 7L, 8L).contains(4L, 8L);
  }

  @Test
  void backoffOfTheLongestAllowedWaitsDoesNotOverflow() {
    DeliveryQueue queue =
        queue(
            new ScriptedNotifier(),
            FAST.withBackoff(Duration.ofHours(1), Duration.ofDays(1)),
            DIRECT);
    long day = Duration.ofDays(1).toMillis();

    assertBackoff(queue, 1, Duration.ofMinutes(30).toMillis(), Duration.ofHours(1).toMillis());
    assertBackoff(queue, 20, day / 2, day);
    assertBackoff(queue, Integer.MAX_VALUE, day / 2, day);
  }

  private static void assertBackoff(DeliveryQueue queue, int failedAttempt, long min, long max) {
    assertThat(samples(queue, failedAttempt))
        .as("back-off after attempt %d", failedAttempt)
        .allSatisfy(ms -> assertThat(ms).isBetween(min, max));
  }

  private static List<Long> samples(DeliveryQueue queue, int failedAttempt) {
    List<Long> samples = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      samples.add(queue.backoffMillis(failedAttempt));
    }
    return samples;
  }

  // ---------------------------------------------------------------- close

  @Test
  void closeWaitsForQueuedMailAndReturnsAsSoonAsItIsDelivered() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedNotifier notifier = new ScriptedNotifier();
    notifier.gate = release;
    DeliveryQueue queue = queue(notifier, FAST.withCloseTimeout(NEVER), null);
    queue.submit(() -> RESET);
    notifier.awaitCalls(1);
    Thread closing = Thread.currentThread();
    Thread releaser =
        new Thread(
            () -> {
              try {
                // Deliver only once close() is waiting for the mail (its only timed wait).
                Awaitility.await("close() waits")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> closing.getState() == Thread.State.TIMED_WAITING);
              } finally {
                release.countDown();
              }
            });
    releaser.start();

    long start = System.nanoTime();
    queue.close();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(listener.events).containsExactly("delivered attempt=1");
    assertThat(queue.pending()).isZero();
    assertThat(tookMillis).as("returned long before its timeout").isLessThan(NEVER.toMillis() / 2);
    assertThat(warnings()).isEmpty();
    releaser.join();
  }

  @Test
  void closeWaitsForRetries() {
    ScriptedNotifier notifier =
        new ScriptedNotifier(new IllegalStateException("once"), new IllegalStateException("twice"));
    DeliveryQueue queue =
        queue(
            notifier,
            FAST.withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)).withCloseTimeout(NEVER),
            DIRECT);
    queue.submit(() -> RESET);

    queue.close();

    assertThat(listener.events).containsExactly("delivered attempt=3");
  }

  @Test
  void closeAbandonsWhatIsStillPendingAfterTheTimeoutLogsItAndStopsItsOwnThreads()
      throws InterruptedException {
    ScriptedNotifier notifier = new ScriptedNotifier();
    notifier.gate = new CountDownLatch(1); // never opened: only an interrupt ends the wait
    DeliveryQueue queue = queue(notifier, FAST.withCloseTimeout(Duration.ofMillis(30)), null);
    queue.submit(() -> RESET);
    notifier.awaitCalls(1);

    long start = System.nanoTime();
    queue.close();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMillis)
        .as("waited for the timeout, not for the stuck mail")
        .isBetween(25L, WAIT.toMillis());
    assertThat(warnings())
        .containsExactly("Closing with 1 self-service emails still pending; they are abandoned");
    assertThat(notifier.interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the delivery thread was interrupted")
        .isTrue();
    assertThat(queue.submit(() -> RESET)).isFalse();
  }

  @Test
  void aRetryDueAfterCloseIsGivenUpAndReported() {
    ManualExecutor executor = new ManualExecutor();
    ScriptedNotifier notifier =
        ScriptedNotifier.alwaysFailing(() -> new IllegalStateException("busy"));
    DeliveryQueue queue = queue(notifier, FAST.withCloseTimeout(Duration.ZERO), executor);
    queue.submit(() -> RESET);
    queue.close();
    assertThat(queue.pending()).isEqualTo(1);

    executor.runNext(); // the host executor still runs what it had queued

    assertThat(listener.events)
        .containsExactly("failed attempts=1 permanent=false reason=shut down before retry: busy");
    assertThat(queue.pending()).isZero();
  }

  @Test
  void closeLeavesAHostExecutorRunning() throws InterruptedException {
    ExecutorService host = Executors.newSingleThreadExecutor();
    try {
      DeliveryQueue queue = queue(new ScriptedNotifier(), FAST.withCloseTimeout(NEVER), host);
      queue.submit(() -> RESET);

      queue.close();

      assertThat(listener.events).containsExactly("delivered attempt=1");
      assertThat(host.isShutdown()).isFalse();
    } finally {
      host.shutdownNow();
      assertThat(host.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closeOnAnInterruptedThreadStopsWaitingAndKeepsTheInterrupt() throws InterruptedException {
    ScriptedNotifier notifier = new ScriptedNotifier();
    notifier.gate = new CountDownLatch(1);
    DeliveryQueue queue = queue(notifier, FAST.withCloseTimeout(NEVER), null);
    queue.submit(() -> RESET);
    notifier.awaitCalls(1);

    Thread.currentThread().interrupt();
    long start = System.nanoTime();
    queue.close();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    assertThat(tookMillis).as("stopped waiting at once").isLessThan(NEVER.toMillis() / 2);
    assertThat(warnings())
        .containsExactly("Closing with 1 self-service emails still pending; they are abandoned");
  }

  // ---------------------------------------------------------------- helpers

  private List<String> warnings() {
    return log.messagesAt(Level.WARN);
  }

  private static void awaitIdle(DeliveryQueue queue) {
    Awaitility.await("the queue is idle").atMost(WAIT).until(() -> queue.pending() == 0);
    assertThat(queue.pending()).isZero();
  }

  /** Records what the queue reports, in order. */
  private static final class RecordingListener implements DeliveryQueue.Listener {
    final Queue<String> events = new ConcurrentLinkedQueue<>();
    final Queue<RuntimeException> prepareFailures = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.Semaphore done = new java.util.concurrent.Semaphore(0);

    @Override
    public void delivered(Notification notification, int attempt) {
      assertThat(notification).isNotNull();
      events.add("delivered attempt=" + attempt);
      done.release();
    }

    @Override
    public void failed(
        DeliveryQueue.Outgoing outgoing, String reason, int attempts, boolean permanent) {
      events.add("failed attempts=" + attempts + " permanent=" + permanent + " reason=" + reason);
      done.release();
    }

    @Override
    public void prepareFailed(RuntimeException failure) {
      prepareFailures.add(failure);
      done.release();
    }

    void awaitDone(int count) throws InterruptedException {
      assertThat(done.tryAcquire(count, WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("queue reported %d outcomes", count)
          .isTrue();
    }
  }

  /** Fails with the given exceptions in turn, then delivers; records every call. */
  private static final class ScriptedNotifier implements Notifier {
    final Deque<RuntimeException> failures = new ArrayDeque<>();
    @Nullable Supplier<RuntimeException> always;
    @Nullable CountDownLatch gate;
    final CountDownLatch interrupted = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final List<Notification> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.Semaphore called = new java.util.concurrent.Semaphore(0);

    ScriptedNotifier(RuntimeException... failures) {
      this.failures.addAll(List.of(failures));
    }

    static ScriptedNotifier alwaysFailing(Supplier<RuntimeException> failure) {
      ScriptedNotifier notifier = new ScriptedNotifier();
      notifier.always = failure;
      return notifier;
    }

    @Override
    public void send(Notification notification) {
      calls.incrementAndGet();
      threads.add(Thread.currentThread());
      called.release();
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      RuntimeException failure;
      synchronized (failures) {
        failure = failures.poll();
      }
      if (failure != null) {
        throw failure;
      }
      if (always != null) {
        throw always.get();
      }
      sent.add(notification);
    }

    void awaitCalls(int count) throws InterruptedException {
      assertThat(called.tryAcquire(count, WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Holds tasks until the test runs them; can refuse new ones. */
  private static final class ManualExecutor implements Executor {
    final Deque<Runnable> tasks = new ArrayDeque<>();
    volatile boolean refuse;

    @Override
    public synchronized void execute(Runnable task) {
      if (refuse) {
        throw new RejectedExecutionException("refused");
      }
      tasks.add(task);
    }

    void runNext() {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
      }
      assertThat(task).as("a queued task").isNotNull();
      task.run();
    }
  }
}

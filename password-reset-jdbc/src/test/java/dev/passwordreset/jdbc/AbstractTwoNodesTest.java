package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.testkit.MutableClock;
import dev.passwordreset.testkit.RecordingNotifier;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines, as two application nodes, sharing one database through the JDBC stores: links,
 * throttles and the customer table are shared, each node has its own store instances. Run on
 * PostgreSQL and MariaDB by the subclasses.
 */
abstract class AbstractTwoNodesTest {

  private static final PasswordHasher FAST_HASHER =
      Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).parallelism(1).build();
  private static final String OLD_PASSWORD = "Old-Passw0rd!x";
  private static final String NEW_PASSWORD = "Fresh-Passw0rd!7";
  private static final String OTHER_PASSWORD = "Other-Passw0rd!9";
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The shared database. */
  abstract TestDatabase database();

  private final TestDatabase db = database();
  private final SwitchableDataSource dataSource = new SwitchableDataSource(db.dataSource());
  private final MutableClock clock = new MutableClock(Instant.parse("2030-03-01T10:00:00Z"));
  private final List<ResetEvent> events = new CopyOnWriteArrayList<>();
  private final Object eventArrived = new Object();
  private final AtomicInteger clients = new AtomicInteger();
  private Node a;
  private Node b;

  /**
   * One application node: its own engine, store instances and mail. The tests use {@code engine},
   * watched so that every outcome and exception it gives is checked for secrets.
   */
  private record Node(
      PasswordResetEngine real, PasswordResetService engine, RecordingNotifier mail) {}

  private Node node(DataSource ds) {
    RecordingNotifier mail = new RecordingNotifier();
    PasswordResetEngine engine =
        PasswordResetEngine.builder()
            .customerStore(JdbcCustomerStore.builder(ds).build())
            .ticketStore(JdbcTicketStore.create(ds, db.dialect()))
            .throttleStore(JdbcThrottleStore.create(ds, db.dialect()))
            .settingsStore(JdbcSettingsStore.create(ds, db.dialect()))
            .notifier(SecretWatchExtension.registeringSecrets(mail))
            .hasher(FAST_HASHER)
            .clock(clock)
            .listener(this::record)
            .linkTemplate("https://shop.example/reset?token={token}")
            .build();
    return new Node(engine, SecretWatchExtension.watch(PasswordResetService.class, engine), mail);
  }

  @BeforeEach
  void startNodes() {
    // The module's SecretWatchExtension fails the test if one of these reaches a log line.
    SecretWatchExtension.secret(OLD_PASSWORD);
    SecretWatchExtension.secret(NEW_PASSWORD);
    SecretWatchExtension.secret(OTHER_PASSWORD);
    db.deleteAll(
        JdbcSchema.DEFAULT_TICKET_TABLE,
        JdbcSchema.DEFAULT_THROTTLE_TABLE,
        JdbcSchema.DEFAULT_SETTINGS_TABLE,
        JdbcSchema.DEFAULT_SECRET_TABLE,
        JdbcSchema.DEFAULT_CUSTOMER_TABLE);
    a = node(dataSource);
    b = node(dataSource);
  }

  @AfterEach
  void stopNodes() {
    dataSource.up();
    a.real().close();
    b.real().close();
  }

  /** Keeps an event, and has the watch check it for secrets. */
  private void record(ResetEvent event) {
    events.add(event);
    SecretWatchExtension.inspect(event.toString());
    synchronized (eventArrived) {
      eventArrived.notifyAll();
    }
  }

  /** A fresh client address per call, so the per-client throttles never get in the way. */
  private RequestContext client() {
    return RequestContext.of("198.51.100." + clients.incrementAndGet());
  }

  private CustomerAccount customer(String id) {
    CustomerAccount account =
        new CustomerAccount(
            CustomerId.of(id), id + "@example.com", "Customer " + id, Locale.ENGLISH, true);
    db.execute(
        "INSERT INTO customer_account (id, email, email_normalized, display_name, locale, enabled,"
            + " password_hash) VALUES ('"
            + id
            + "', '"
            + account.email()
            + "', '"
            + account.email()
            + "', 'Customer "
            + id
            + "', 'en', TRUE, '"
            + FAST_HASHER.hash(OLD_PASSWORD.toCharArray())
            + "')");
    return account;
  }

  private String requestToken(Node node, CustomerAccount account) {
    Predicate<Notification> link =
        n -> n.email().equals(account.email()) && n.type() == NotificationType.RESET_LINK;
    int before = (int) node.mail().notifications().stream().filter(link).count();
    node.engine().requestReset(account.email(), client());
    List<Notification> links = node.mail().awaitNotifications(link, before + 1, WAIT);
    return RecordingNotifier.tokenOf(links.get(links.size() - 1).link());
  }

  /** Asks for a reset code through a node; the code the customer was sent. */
  private String requestCode(Node node, CustomerAccount account) {
    Predicate<Notification> code =
        n -> n.email().equals(account.email()) && n.type() == NotificationType.RESET_CODE;
    int before = (int) node.mail().notifications().stream().filter(code).count();
    node.engine().requestResetCode(account.email(), client());
    List<Notification> codes = node.mail().awaitNotifications(code, before + 1, WAIT);
    return Objects.requireNonNull(codes.get(codes.size() - 1).code(), "the notification's code");
  }

  /** A well-formed code of the same length that is not {@code right}: the n-th after it. */
  private static String wrongCode(String right, int n) {
    long modulus = (long) Math.pow(10, right.length());
    long wrong = (Long.parseLong(right) + 1 + n) % modulus;
    return String.format(Locale.ROOT, "%0" + right.length() + "d", wrong);
  }

  private boolean passwordIs(CustomerAccount account, String password) {
    return a.engine().checkLogin(account.email(), password.toCharArray(), client())
        instanceof LoginCheck.Valid;
  }

  @Test
  void linkConsumedThroughOneNodeIsUsedThroughTheOther() {
    CustomerAccount jane = customer("jane");
    String token = requestToken(a, jane);

    ResetOutcome completed = b.engine().completeReset(token, NEW_PASSWORD.toCharArray(), client());

    assertThat(completed).isInstanceOf(ResetOutcome.Completed.class);
    assertThat(a.engine().checkToken(token, client()))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.USED));
    assertThat(a.engine().completeReset(token, OTHER_PASSWORD.toCharArray(), client()))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));
    assertThat(passwordIs(jane, NEW_PASSWORD)).isTrue();
  }

  @Test
  void hundredConcurrentCompletionsAcrossBothNodesGiveExactlyOneCompleted() throws Exception {
    CustomerAccount jane = customer("jane");
    String token = requestToken(b, jane);
    int attempts = 100;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    try {
      CountDownLatch ready = new CountDownLatch(attempts);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ResetOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        Node node = i % 2 == 0 ? a : b;
        char[] password = (NEW_PASSWORD + i).toCharArray();
        RequestContext context = client();
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return node.engine().completeReset(token, password, context);
                }));
      }
      ready.await();
      go.countDown();
      List<ResetOutcome> outcomes = new ArrayList<>();
      for (Future<ResetOutcome> future : futures) {
        outcomes.add(future.get());
      }

      assertThat(outcomes).filteredOn(ResetOutcome.Completed.class::isInstance).hasSize(1);
      assertThat(outcomes)
          .filteredOn(o -> !(o instanceof ResetOutcome.Completed))
          .containsOnly(new ResetOutcome.InvalidToken(InvalidReason.USED));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void perAccountThrottleCountsRequestsThroughBothNodes() {
    CustomerAccount jane = customer("jane");
    // Default limit: 3 self-service emails per account per 15 minutes, whichever node serves.
    requestToken(a, jane);
    requestToken(b, jane);
    requestToken(a, jane);

    b.engine().requestReset(jane.email(), client());

    ResetEvent ignored = awaitEvent(ResetEventType.REQUEST_IGNORED);
    assertThat(ignored.detail("reason")).isEqualTo("account-throttled");
    assertThat(a.mail().notificationsTo(jane.email())).hasSize(2);
    assertThat(b.mail().notificationsTo(jane.email())).hasSize(1);
  }

  @Test
  void throttleOnOneNodeWouldNotSeeTheOtherWithoutTheSharedStore() {
    // Control for the test above: the same four requests split over two nodes whose throttle
    // counters are each node's own (core's in-memory default) all send mail.
    CustomerAccount jane = customer("jane");
    RecordingNotifier mailA = new RecordingNotifier();
    RecordingNotifier mailB = new RecordingNotifier();
    try (PasswordResetEngine localA = localThrottleNode(mailA);
        PasswordResetEngine localB = localThrottleNode(mailB)) {
      localA.requestReset(jane.email(), client());
      localB.requestReset(jane.email(), client());
      localA.requestReset(jane.email(), client());
      localB.requestReset(jane.email(), client());

      mailA.awaitCount(2, WAIT);
      mailB.awaitCount(2, WAIT);
      assertThat(events).noneMatch(e -> e.type() == ResetEventType.REQUEST_IGNORED);
    }
  }

  private PasswordResetEngine localThrottleNode(RecordingNotifier mail) {
    DataSource ds = db.dataSource();
    return PasswordResetEngine.builder()
        .customerStore(JdbcCustomerStore.builder(ds).build())
        .ticketStore(JdbcTicketStore.create(ds, db.dialect()))
        .notifier(SecretWatchExtension.registeringSecrets(mail))
        .hasher(FAST_HASHER)
        .clock(clock)
        .listener(this::record)
        .linkTemplate("https://shop.example/reset?token={token}")
        .build();
  }

  @Test
  void databaseDownDuringCompleteResetFailsClearlyAndLeavesPasswordAndLinkConsistent() {
    CustomerAccount jane = customer("jane");
    String token = requestToken(a, jane);
    dataSource.down();

    assertThatThrownBy(() -> b.engine().completeReset(token, NEW_PASSWORD.toCharArray(), client()))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("SQLState 08001");

    dataSource.up();
    assertThat(passwordIs(jane, OLD_PASSWORD)).isTrue();
    assertThat(a.engine().checkToken(token, client())).isInstanceOf(TokenCheck.Valid.class);
    assertThat(b.engine().completeReset(token, NEW_PASSWORD.toCharArray(), client()))
        .isInstanceOf(ResetOutcome.Completed.class);
  }

  @Test
  void databaseFailingAtAnyStepOfCompleteResetNeverLeavesAChangedPasswordBesideALiveLink() {
    // Unplug the database after 0, 1, 2, ... successful connections inside completeReset, until
    // a completion gets through: every step of the engine's sequence fails once.
    boolean completed = false;
    for (int step = 0; !completed; step++) {
      assertThat(step).as("completeReset should need only a handful of connections").isLessThan(30);
      CustomerAccount customer = customer("c" + step);
      String token = requestToken(a, customer);

      dataSource.failAfter(step);
      ResetOutcome outcome;
      try {
        outcome = b.engine().completeReset(token, NEW_PASSWORD.toCharArray(), client());
      } catch (PasswordResetException e) {
        outcome = null;
        assertThat(e).hasMessageContaining("SQLState 08001");
      } finally {
        dataSource.up();
      }
      completed = outcome instanceof ResetOutcome.Completed;

      boolean changed = passwordIs(customer, NEW_PASSWORD);
      boolean linkLive = a.engine().checkToken(token, client()) instanceof TokenCheck.Valid;
      assertThat(changed && linkLive)
          .as("step %d: a changed password beside a still-valid link", step)
          .isFalse();
      assertThat(changed || passwordIs(customer, OLD_PASSWORD))
          .as("step %d: the customer still has a working password", step)
          .isTrue();
      if (!changed) {
        // The customer can always retry: with the same link, or with a new one.
        String retry = linkLive ? token : requestToken(a, customer);
        assertThat(b.engine().completeReset(retry, NEW_PASSWORD.toCharArray(), client()))
            .as("step %d: retry", step)
            .isInstanceOf(ResetOutcome.Completed.class);
      }
    }
  }

  @Test
  void storedPasswordIsWrittenThroughTheJdbcCustomerStore() {
    CustomerAccount jane = customer("jane");
    String token = requestToken(a, jane);

    b.engine().completeReset(token, NEW_PASSWORD.toCharArray(), client());

    StoredPassword stored =
        JdbcCustomerStore.builder(db.dataSource()).build().findPassword(jane.id()).orElseThrow();
    assertThat(FAST_HASHER.verify(NEW_PASSWORD.toCharArray(), stored.hash())).isTrue();
  }

  @Test
  void codeRequestedThroughOneNodeCompletesThroughTheOther() {
    CustomerAccount jane = customer("jane");
    String code = requestCode(a, jane);

    ResetOutcome completed =
        b.engine().completeResetWithCode(jane.email(), code, NEW_PASSWORD.toCharArray(), client());

    assertThat(completed).isInstanceOf(ResetOutcome.Completed.class);
    assertThat(passwordIs(jane, NEW_PASSWORD)).isTrue();
    assertThat(
            a.engine()
                .completeResetWithCode(jane.email(), code, OTHER_PASSWORD.toCharArray(), client()))
        .as("the code is used, whichever node is asked")
        .isEqualTo(new ResetOutcome.InvalidCode());
    // Both nodes hashed the code under the one key the first of them kept in the database.
    assertThat(db.count("SELECT COUNT(*) FROM " + JdbcSchema.DEFAULT_SECRET_TABLE)).isEqualTo(1);
  }

  @Test
  void fiftyConcurrentWrongCodesAcrossBothNodesCountExactlyFiveAndKillTheCode() throws Exception {
    CustomerAccount jane = customer("jane");
    String right = requestCode(a, jane);
    int attempts = 50;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    List<ResetOutcome> outcomes = new ArrayList<>();
    try {
      CountDownLatch ready = new CountDownLatch(attempts);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ResetOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        Node node = i % 2 == 0 ? a : b;
        String wrong = wrongCode(right, i);
        char[] password = (NEW_PASSWORD + i).toCharArray();
        // A client address of its own per try, so the per-client throttle never answers.
        RequestContext context = client();
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return node.engine()
                      .completeResetWithCode(jane.email(), wrong, password, context);
                }));
      }
      ready.await();
      go.countDown();
      for (Future<ResetOutcome> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(outcomes).hasSize(attempts).containsOnly(new ResetOutcome.InvalidCode());
    String row =
        " FROM "
            + JdbcSchema.DEFAULT_TICKET_TABLE
            + " WHERE customer_id = 'jane' AND purpose = 'RESET_CODE'";
    assertThat(db.count("SELECT COUNT(*)" + row)).as("one code").isEqualTo(1);
    assertThat(db.count("SELECT failed_attempts" + row)).as("wrong tries counted").isEqualTo(5);
    assertThat(
            db.count("SELECT COUNT(*)" + row + " AND revoked = TRUE AND consumed_at IS NOT NULL"))
        .as("the code was killed at the fifth")
        .isEqualTo(1);
    List<ResetEvent> badCodes =
        events.stream().filter(e -> e.type() == ResetEventType.BAD_CODE).toList();
    assertThat(badCodes).hasSize(attempts);
    assertThat(badCodes)
        .as("exactly one try reached the limit")
        .filteredOn(e -> "exhausted".equals(e.detail("why")))
        .hasSize(1);

    // The right code is dead too: the same answer as a wrong one, and the password is unchanged.
    assertThat(
            b.engine()
                .completeResetWithCode(jane.email(), right, NEW_PASSWORD.toCharArray(), client()))
        .isEqualTo(new ResetOutcome.InvalidCode());
    assertThat(db.count("SELECT failed_attempts" + row)).as("nothing counted after").isEqualTo(5);
    assertThat(passwordIs(jane, OLD_PASSWORD)).isTrue();
  }

  /** Waits until an engine reported an event of the type (woken by {@link #record}, no sleep). */
  private ResetEvent awaitEvent(ResetEventType type) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (eventArrived) {
      while (true) {
        for (ResetEvent e : events) {
          if (e.type() == type) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + type + " event within " + WAIT + "; events: " + events);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(eventArrived, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }
}

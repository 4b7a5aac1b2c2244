package dev.passwordreset.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * One engine, many threads, a fixed number of operations mixing self-service requests, completions
 * (often of links that are used, revoked or raced for), logins right and wrong, agent emails,
 * manual entry and password changes. The clock stands still, so every throttle has one window for
 * the whole run and its limit can be checked exactly.
 *
 * <p>Password-changing operations on one customer hold that customer's lock in the test, so that
 * "the password just set is the one that logs in" is well defined; everything else (requests, agent
 * emails, logins, completions of other customers' links) runs concurrently with them.
 */
class SoakTest {

  private static final int THREADS = 16;
  private static final int OPERATIONS = 2_400;
  private static final int CUSTOMERS = 24;
  private static final int ADDRESSES = 6;
  private static final int MAX_HASHES = 2;
  private static final ThrottleLimit CLIENT_REQUESTS = ThrottleLimit.of(40, Duration.ofMinutes(1));
  private static final ThrottleLimit ACCOUNT_REQUESTS = ThrottleLimit.of(4, Duration.ofMinutes(15));
  private static final ThrottleLimit BAD_TOKENS =
      ThrottleLimit.of(1_000_000, Duration.ofMinutes(1));
  private static final ThrottleLimit LOGINS = ThrottleLimit.of(1_000_000, Duration.ofMinutes(1));

  private final Argon2PasswordHasher hasher =
      Argon2PasswordHasher.builder()
          .memoryKiB(1024)
          .iterations(1)
          .parallelism(1)
          .maxConcurrentHashes(MAX_HASHES)
          .build();

  @Test
  void manyThreadsMixingEveryOperationKeepEveryInvariant() throws Exception {
    try (Fixture fx =
        new Fixture(
            b ->
                b.hasher(hasher)
                    .clientRequestLimit(CLIENT_REQUESTS)
                    .accountRequestLimit(ACCOUNT_REQUESTS)
                    .clientBadTokenLimit(BAD_TOKENS)
                    .accountLoginLimit(LOGINS)
                    .clientLoginLimit(LOGINS)
                    .settings(ResetSettings.defaults().withAllowManualEntry(true)))) {
      List<CustomerAccount> customers = new ArrayList<>();
      Map<String, String> passwordOf = new ConcurrentHashMap<>();
      Map<String, ReentrantLock> lockOf = new ConcurrentHashMap<>();
      for (int i = 0; i < CUSTOMERS; i++) {
        String password = "Initial-" + i + "!Pw";
        customers.add(fx.customer("c" + i, "customer" + i + "@example.com", password));
        passwordOf.put("c" + i, password);
        lockOf.put("c" + i, new ReentrantLock());
      }
      Map<String, AtomicInteger> completionsPerToken = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> acceptedPerAddress = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> throttledPerAddress = new ConcurrentHashMap<>();
      AtomicInteger completed = new AtomicInteger();
      AtomicInteger passwordSequence = new AtomicInteger();
      List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(1000L + t);
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int op = 0; op < OPERATIONS / THREADS; op++) {
                    CustomerAccount c = customers.get(random.nextInt(CUSTOMERS));
                    String id = c.id().value();
                    String address = "192.0.2." + random.nextInt(ADDRESSES);
                    RequestContext ctx = RequestContext.of(address);
                    String fresh = "Fresh-" + passwordSequence.incrementAndGet() + "!Pw";
                    SecretWatchExtension.secret(fresh);
                    int kind = random.nextInt(100);
                    if (kind < 25) {
                      RequestOutcome r = fx.engine.requestReset(c.email(), ctx);
                      if (r instanceof RequestOutcome.Accepted) {
                        acceptedPerAddress
                            .computeIfAbsent(address, a -> new AtomicInteger())
                            .incrementAndGet();
                      } else if (r instanceof RequestOutcome.Throttled) {
                        throttledPerAddress
                            .computeIfAbsent(address, a -> new AtomicInteger())
                            .incrementAndGet();
                      } else {
                        failures.add("requestReset answered " + r);
                      }
                    } else if (kind < 50) {
                      List<Notification> links =
                          fx.mail.all().stream().filter(n -> n.link() != null).toList();
                      if (links.isEmpty()) {
                        continue;
                      }
                      Notification n = links.get(random.nextInt(links.size()));
                      String owner = n.customerId().value();
                      String token = Mailbox.token(n);
                      ReentrantLock lock = lockOf.get(owner);
                      lock.lock();
                      try {
                        ResetOutcome o =
                            n.type() == NotificationType.CONFIRM_PASSWORD
                                ? fx.engine.confirmReset(token, fresh.toCharArray(), ctx)
                                : fx.engine.completeReset(token, fresh.toCharArray(), ctx);
                        if (o instanceof ResetOutcome.Completed) {
                          completed.incrementAndGet();
                          completionsPerToken
                              .computeIfAbsent(token, k -> new AtomicInteger())
                              .incrementAndGet();
                          passwordOf.put(owner, fresh);
                          LoginCheck login =
                              fx.engine.checkLogin(n.email(), fresh.toCharArray(), ctx);
                          if (!(login instanceof LoginCheck.Valid)) {
                            failures.add("after a completed reset, login answered " + login);
                          }
                        } else if (!(o instanceof ResetOutcome.InvalidToken)) {
                          failures.add("completeReset answered " + o);
                        }
                      } finally {
                        lock.unlock();
                      }
                    } else if (kind < 75) {
                      boolean right = random.nextInt(4) > 0;
                      String password = right ? passwordOf.get(id) : "Wrong-" + fresh;
                      LoginCheck login =
                          fx.engine.checkLogin(c.email(), password.toCharArray(), ctx);
                      if (!right && !(login instanceof LoginCheck.Invalid)) {
                        failures.add("a wrong password answered " + login);
                      }
                      if (right
                          && !lockOf.get(id).isLocked()
                          && login instanceof LoginCheck.Invalid) {
                        // The password may have changed in between; only count it if it did not.
                        if (passwordOf.get(id).equals(password)) {
                          LoginCheck again =
                              fx.engine.checkLogin(c.email(), password.toCharArray(), ctx);
                          if (again instanceof LoginCheck.Invalid
                              && passwordOf.get(id).equals(password)) {
                            failures.add("the current password of " + id + " did not log in");
                          }
                        }
                      }
                    } else if (kind < 85) {
                      AgentOutcome a =
                          random.nextBoolean()
                              ? fx.engine.sendResetEmail(c.id(), AgentContext.of("agent-" + kind))
                              : fx.engine.sendReminder(c.id(), AgentContext.of("agent-" + kind));
                      if (!(a instanceof AgentOutcome.EmailSent)) {
                        failures.add("an agent email answered " + a);
                      }
                    } else {
                      ReentrantLock lock = lockOf.get(id);
                      lock.lock();
                      try {
                        if (kind < 92) {
                          ManualEntryOutcome m =
                              fx.engine.setPassword(
                                  c.id(), fresh.toCharArray(), false, AgentContext.of("agent-m"));
                          if (m instanceof ManualEntryOutcome.PasswordSet) {
                            passwordOf.put(id, fresh);
                          } else {
                            failures.add("manual entry answered " + m);
                          }
                        } else {
                          ChangeOutcome ch =
                              fx.engine.changePassword(
                                  c.id(),
                                  passwordOf.get(id).toCharArray(),
                                  fresh.toCharArray(),
                                  ctx);
                          if (ch instanceof ChangeOutcome.Changed) {
                            passwordOf.put(id, fresh);
                          } else {
                            failures.add("changePassword answered " + ch);
                          }
                        }
                        LoginCheck login =
                            fx.engine.checkLogin(c.email(), fresh.toCharArray(), ctx);
                        if (!(login instanceof LoginCheck.Valid)) {
                          failures.add("after a password update, login answered " + login);
                        }
                      } finally {
                        lock.unlock();
                      }
                    }
                  }
                  return null;
                }));
      }
      long began = processCpuNanos();
      start.countDown();
      for (Future<?> f : work) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      // CPU time, not wall-clock time: what the run costs (on every thread of the engine), however
      // busy the machine is with other work.
      Duration cost = Duration.ofNanos(processCpuNanos() - began);

      assertThat(failures).isEmpty();
      // Each link was used at most once.
      assertThat(completionsPerToken.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(completed.get()).isPositive();
      // Every customer's last password is the one that logs in, and no other.
      for (CustomerAccount c : customers) {
        assertThat(
                fx.engine.checkLogin(
                    c.email(), passwordOf.get(c.id().value()).toCharArray(), Fixture.CLIENT))
            .as(c.id().value())
            .isInstanceOf(LoginCheck.Valid.class);
      }
      // The per-client throttle was reached and never exceeded.
      assertThat(acceptedPerAddress.values())
          .allSatisfy(n -> assertThat(n.get()).isLessThanOrEqualTo(CLIENT_REQUESTS.count()));
      assertThat(throttledPerAddress.values().stream().mapToInt(AtomicInteger::get).sum())
          .isPositive();
      // The per-account throttle: at most that many self-service links per customer.
      fx.engine.close();
      Map<String, Long> requestedPerCustomer = new ConcurrentHashMap<>();
      fx.events(ResetEventType.RESET_REQUESTED)
          .forEach(e -> requestedPerCustomer.merge(e.customerId().value(), 1L, Long::sum));
      assertThat(requestedPerCustomer.values())
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(ACCOUNT_REQUESTS.count()));
      assertThat(fx.events(ResetEventType.REQUEST_IGNORED)).isNotEmpty();
      // Hashing never ran more than its bound at once, though 16 threads asked.
      assertThat(hasher.peakActiveHashes()).isBetween(1, MAX_HASHES);
      assertThat(cost).isLessThan(Duration.ofMinutes(1));
    }
  }

  @Test
  void hashingBeyondTheBoundQueuesAndEveryCallerIsAnswered() throws Exception {
    try (Fixture fx =
        new Fixture(b -> b.hasher(hasher).clientLoginLimit(LOGINS).accountLoginLimit(LOGINS))) {
      fx.customer("c1", "ann@example.com", "Initial-0!Pw");
      int callers = 64;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<LoginCheck>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String password = i % 2 == 0 ? "Initial-0!Pw" : "Wrong-" + i + "!Pw";
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return fx.engine.checkLogin(
                      "ann@example.com", password.toCharArray(), Fixture.CLIENT);
                }));
      }
      start.countDown();
      int valid = 0;
      for (Future<LoginCheck> f : answers) {
        if (f.get(1, TimeUnit.MINUTES) instanceof LoginCheck.Valid) {
          valid++;
        }
      }
      pool.shutdown();

      assertThat(valid).isEqualTo(callers / 2);
      assertThat(hasher.peakActiveHashes()).isBetween(1, MAX_HASHES);
      assertThat(hasher.activeHashes()).isZero();
      assertThat(hasher.waitingHashes()).isZero();
    }
  }

  /** The CPU time this JVM has used so far, all threads together. */
  private static long processCpuNanos() {
    long cpu =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    assumeTrue(cpu >= 0, "this JVM does not report its CPU time");
    return cpu;
  }
}

package dev.passwordreset.core.support;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.testkit.MutableClock;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** An engine on in-memory stores, a mailbox, a hand-moved clock and cheap hashing parameters. */
public final class Fixture implements AutoCloseable {

  /** Cheap Argon2id parameters: tests check behaviour, not cost. */
  public static final PasswordHasher FAST_HASHER =
      Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).parallelism(1).build();

  public static final RequestContext CLIENT = RequestContext.of("203.0.113.7");
  public static final String LINK = "https://shop.example/password/reset?token={token}";
  public static final String B2B_LINK = "https://pro.shop.example/password/reset?token={token}";

  public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  public final InMemoryCustomerStore customers = new InMemoryCustomerStore();
  public final InMemoryTicketStore tickets = new InMemoryTicketStore(Duration.ofHours(1));
  public final Mailbox mail = new Mailbox();

  /** What the engine reported, in order; thread-safe (the mail threads report too). */
  public final List<ResetEvent> events = new CopyOnWriteArrayList<>();

  private final Object eventArrived = new Object();

  /**
   * The engine, through {@link SecretWatchExtension#watch}: every outcome and exception is
   * inspected.
   */
  public final WatchedEngine engine;

  /** The engine itself, for what a watched one cannot do. */
  public final PasswordResetEngine rawEngine;

  public Fixture() {
    this(b -> {});
  }

  public Fixture(Consumer<PasswordResetEngine.Builder> customizer) {
    PasswordResetEngine.Builder b =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(tickets)
            .notifier(mail)
            .hasher(FAST_HASHER)
            .clock(clock)
            .listener(
                e -> {
                  SecretWatchExtension.inspect(e.toString());
                  events.add(e);
                  synchronized (eventArrived) {
                    eventArrived.notifyAll();
                  }
                })
            .linkTemplate(LINK)
            .linkTemplate("b2b", B2B_LINK)
            .deliveryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    customizer.accept(b);
    this.rawEngine = b.build();
    this.engine = SecretWatchExtension.watch(WatchedEngine.class, rawEngine);
  }

  /** Adds an enabled customer whose password is {@code password}. */
  public CustomerAccount customer(String id, String email, String password) {
    SecretWatchExtension.secret(password);
    CustomerAccount account =
        new CustomerAccount(CustomerId.of(id), email, "Customer " + id, Locale.ENGLISH, true);
    customers.add(account, StoredPassword.of(FAST_HASHER.hash(password.toCharArray())));
    return account;
  }

  /** Asks for a reset link and returns its token, once the mail arrived. */
  public String requestToken(String email) {
    int before =
        (int) mail.to(email).stream().filter(n -> n.type() == NotificationType.RESET_LINK).count();
    engine.requestReset(email, CLIENT);
    return Mailbox.token(
        mail.await(
            n -> n.email().equals(email) && n.type() == NotificationType.RESET_LINK, before + 1));
  }

  public ResetEvent awaitEvent(ResetEventType type) {
    return awaitEvent(e -> e.type() == type);
  }

  /** Waits (10 s at most) until the engine reported a matching event, and returns the first. */
  public ResetEvent awaitEvent(Predicate<ResetEvent> filter) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (eventArrived) {
      while (true) {
        for (ResetEvent e : events) {
          if (filter.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no such event within 10 s; events: " + events);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(eventArrived, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for an event", e);
        }
      }
    }
  }

  public List<ResetEvent> events(ResetEventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  public static char[] pw(String s) {
    SecretWatchExtension.secret(s);
    return s.toCharArray();
  }

  @Override
  public void close() {
    rawEngine.close();
  }
}

package dev.passwordreset.mail;

import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.testkit.MutableClock;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The core engine on in-memory stores, for the tests that run it against a real SMTP server: cheap
 * hashing, a clock that stands still, the events it emits, and the engine behind the testkit's
 * {@link SecretWatchExtension#watch watch}. The test sets the notifier.
 */
final class EngineFixture implements AutoCloseable {

  /** Cheap Argon2id parameters: these tests check delivery, not cost. */
  static final PasswordHasher FAST_HASHER =
      Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).parallelism(1).build();

  static final RequestContext CLIENT = RequestContext.of("203.0.113.7");

  final InMemoryCustomerStore customers = new InMemoryCustomerStore();
  private final List<ResetEvent> events = new CopyOnWriteArrayList<>();
  private final PasswordResetEngine rawEngine;

  /** The engine, watched: every outcome and exception it gives is checked for secrets. */
  final PasswordResetService engine;

  EngineFixture(Consumer<PasswordResetEngine.Builder> customizer) {
    MutableClock clock = MutableClock.atDefaultInstant();
    PasswordResetEngine.Builder b =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(new InMemoryTicketStore(Duration.ofHours(1)))
            .hasher(FAST_HASHER)
            .clock(clock)
            .listener(this::record)
            .linkTemplate("https://shop.example/password/reset?token={token}")
            .deliveryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    customizer.accept(b);
    rawEngine = b.build();
    engine = SecretWatchExtension.watch(PasswordResetService.class, rawEngine);
  }

  private void record(ResetEvent event) {
    SecretWatchExtension.inspect(event.toString());
    events.add(event);
  }

  /** A password for a test, registered as a secret. */
  static char[] pw(String password) {
    SecretWatchExtension.secret(password);
    return password.toCharArray();
  }

  /** The first event of the type, within 10 s. */
  ResetEvent awaitEvent(ResetEventType type) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (ResetEvent e : events) {
        if (e.type() == type) {
          return e;
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    throw new AssertionError("no " + type + " event within 10 s; events: " + events);
  }

  List<ResetEvent> events(ResetEventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  /** Closes the engine: queued self-service mail is delivered (or given up) first. */
  @Override
  public void close() {
    rawEngine.close();
  }
}

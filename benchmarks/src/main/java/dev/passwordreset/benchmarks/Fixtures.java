package dev.passwordreset.benchmarks;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** Engines and customers as the benchmarks use them: in-memory stores, a no-op notifier. */
final class Fixtures {

  /** A password the default policy accepts. */
  static final char[] GOOD_PASSWORD = "Tr0ub4dor&3-Staple-Horse".toCharArray();

  /** Limits that no benchmark reaches, so every call takes the full path. */
  static final ThrottleLimit UNREACHABLE = ThrottleLimit.of(Integer.MAX_VALUE, Duration.ofDays(1));

  static final String LINK = "https://shop.example/password/reset?token={token}";

  private Fixtures() {}

  static CustomerAccount customer(int i, boolean enabled) {
    return new CustomerAccount(
        new CustomerId("c" + i),
        "customer" + i + "@shop.example",
        "Customer " + i,
        Locale.ENGLISH,
        enabled);
  }

  /** Counts the engine's events and keeps the last link sent; thread-safe. */
  static final class Recorder {
    final Map<ResetEventType, AtomicLong> counts = new EnumMap<>(ResetEventType.class);
    final AtomicReference<@Nullable String> lastLink = new AtomicReference<>();
    final AtomicLong sent = new AtomicLong();

    Recorder() {
      for (ResetEventType t : ResetEventType.values()) {
        counts.put(t, new AtomicLong());
      }
    }

    long count(ResetEventType type) {
      return counts.get(type).get();
    }

    /** Self-service tasks finished on the delivery threads (sent, ignored or dropped). */
    long finishedSelfService() {
      return count(ResetEventType.REQUEST_IGNORED)
          + count(ResetEventType.DELIVERY_FAILED)
          + count(ResetEventType.DELIVERY_QUEUE_FULL)
          + sent.get();
    }

    /** The last code sent to each email. */
    final Map<String, String> codes = new ConcurrentHashMap<>();

    void send(Notification n) {
      String link = n.link();
      String code = n.code();
      if (link != null) {
        lastLink.set(link);
        sent.incrementAndGet();
      } else if (code != null) {
        codes.put(n.email(), code);
        sent.incrementAndGet();
      }
    }

    /** Waits until {@code expected} self-service tasks have finished, at most 2 minutes. */
    void awaitFinished(long expected) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (finishedSelfService() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the delivery threads did not finish: " + finishedSelfService() + " of " + expected);
        }
        Thread.onSpinWait();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      if (count(ResetEventType.DELIVERY_QUEUE_FULL) > 0) {
        throw new IllegalStateException(
            "the delivery queue overflowed "
                + count(ResetEventType.DELIVERY_QUEUE_FULL)
                + " times: the benchmark would measure dropped requests");
      }
    }
  }

  /**
   * An engine on in-memory stores whose throttles are out of reach (except {@code accountLimit}),
   * with a delivery queue large enough for a benchmark iteration and a no-op notifier.
   */
  static PasswordResetEngine engine(
      InMemoryCustomerStore customers,
      Argon2PasswordHasher hasher,
      Recorder recorder,
      ThrottleLimit accountLimit,
      LegacyPasswordVerifier... legacyVerifiers) {
    PasswordResetEngine.Builder builder = PasswordResetEngine.builder();
    for (LegacyPasswordVerifier legacy : legacyVerifiers) {
      builder.legacyVerifier(legacy);
    }
    return builder
        .customerStore(customers)
        .ticketStore(new InMemoryTicketStore())
        .notifier(recorder::send)
        .listener(e -> recorder.counts.get(e.type()).incrementAndGet())
        .hasher(hasher)
        .linkTemplate(LINK)
        .accountRequestLimit(accountLimit)
        .clientRequestLimit(UNREACHABLE)
        .clientBadTokenLimit(UNREACHABLE)
        .throttleStore(new UncountedLoginFailures())
        .clientLoginLimit(UNREACHABLE)
        .deliveryOptions(DeliveryOptions.defaults().withCapacity(1_000_000))
        .build();
  }

  /**
   * The in-memory throttle store, except that accounts' consecutive failed logins are never counted
   * (their counter is the only key without a {@code :slice} suffix): a benchmark guesses the same
   * accounts far beyond the lockout threshold, and measures verification, not protection.
   */
  static final class UncountedLoginFailures implements ThrottleStore {
    private final InMemoryThrottleStore store = new InMemoryThrottleStore();

    private static boolean failureCount(String key) {
      return key.indexOf(':', 2) < 0;
    }

    @Override
    public long incrementAndGet(String key, Instant expiresAt) {
      return store.incrementAndGet(key, expiresAt);
    }

    @Override
    public long incrementAndGet(String key, Instant now, Instant expiresAt) {
      return store.incrementAndGet(key, now, expiresAt);
    }

    @Override
    public long get(String key) {
      return failureCount(key) ? 0 : store.get(key);
    }

    @Override
    public long get(String key, Instant now) {
      return failureCount(key) ? 0 : store.get(key, now);
    }

    @Override
    public boolean tryAcquire(String key, long limit, Instant now, Instant expiresAt) {
      return failureCount(key) || store.tryAcquire(key, limit, now, expiresAt);
    }

    @Override
    public void release(String key, Instant now) {
      store.release(key, now);
    }

    @Override
    public void delete(String key) {
      store.delete(key);
    }

    @Override
    public int purgeExpired(Instant now) {
      return store.purgeExpired(now);
    }
  }

  /** Issues an agent link (synchronous, unthrottled) and returns its token. */
  static String issueToken(PasswordResetEngine engine, Recorder recorder, CustomerId id) {
    AgentOutcome outcome = engine.sendResetEmail(id, AgentContext.of("bench-agent"));
    if (!(outcome instanceof AgentOutcome.EmailSent)) {
      throw new IllegalStateException("no link was sent: " + outcome);
    }
    String link = recorder.lastLink.get();
    if (link == null) {
      throw new IllegalStateException("no link was recorded");
    }
    return link.substring(link.indexOf("token=") + "token=".length());
  }
}

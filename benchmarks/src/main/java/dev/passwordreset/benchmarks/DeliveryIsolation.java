package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 14 item 9, as an attacker would measure it: the attacker asks for a reset of a probed
 * address (twice, as many requests as the default delivery threads), then of their own, and times
 * how long their own email takes to reach the mail server. The mail server takes 250 ms for the
 * probed address's email when it has an account (a slow remote domain), and a few microseconds for
 * the attacker's. Probes of known and unknown addresses are interleaved at random in one run, and
 * the engine is idle again before each round. The own-email delivery times of the two kinds must
 * match (ratio of medians and of p99s between 0.9 and 1.1). Run in a JVM of its own by {@link
 * BenchmarkMain}; prints {@code # aux} lines.
 */
public final class DeliveryIsolation {

  private DeliveryIsolation() {}

  /** How long the mail server takes for the probed account's email. */
  private static final long SLOW_SEND_MILLIS = 250;

  private static final String ATTACKER = "attacker@shop.example";

  /**
   * Runs the timing.
   *
   * @param args {@code <rounds per kind> [<probes per round>]}
   * @throws Exception if it fails
   */
  public static void main(String[] args) throws Exception {
    int perKind = Integer.parseInt(args[0]);
    int probes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int warmup = Math.max(5, perKind / 5);
    int rounds = perKind + 2 * warmup; // addresses enough for any draw of the warm-up rounds
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    String[] known = new String[rounds];
    String[] unknown = new String[rounds];
    for (int i = 0; i < rounds; i++) {
      CustomerAccount a = Fixtures.customer(i, true);
      customers.add(a);
      known[i] = a.email();
      unknown[i] = "nobody" + i + "@shop.example";
    }
    customers.add(
        new CustomerAccount(
            new dev.passwordreset.api.CustomerId("attacker"),
            ATTACKER,
            "Attacker",
            java.util.Locale.ENGLISH,
            true));
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    AtomicLong ownDeliveredAt = new AtomicLong();
    // The timing thread blocks (never spins) while it waits: a spinning thread would take one of
    // the cores the engine's threads need.
    java.util.concurrent.Semaphore ownDelivered = new java.util.concurrent.Semaphore(0);
    RequestContext context = RequestContext.of("203.0.113.7");
    try (PasswordResetEngine engine =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(new InMemoryTicketStore())
            .notifier(
                n -> {
                  if (n.email().equals(ATTACKER)) {
                    ownDeliveredAt.set(System.nanoTime());
                    ownDelivered.release();
                  } else {
                    sleep(SLOW_SEND_MILLIS);
                  }
                  recorder.send(n);
                })
            .listener(e -> recorder.counts.get(e.type()).incrementAndGet())
            .hasher(Argon2PasswordHasher.builder().memoryKiB(64).build())
            .linkTemplate(Fixtures.LINK)
            .accountRequestLimit(Fixtures.UNREACHABLE)
            .clientRequestLimit(Fixtures.UNREACHABLE)
            .deliveryOptions(DeliveryOptions.defaults())
            .build()) {
      SplittableRandom random = new SplittableRandom(14);
      long[][] nanos = new long[2][perKind];
      int[] count = new int[2];
      int[] next = new int[2];
      long submitted = 0;
      int done = 0;
      while (count[0] < perKind || count[1] < perKind) {
        int kind = random.nextInt(2);
        if (count[kind] == perKind) {
          continue;
        }
        String probed = (kind == 0 ? known : unknown)[next[kind]++];
        for (int p = 0; p < probes; p++) {
          engine.requestReset(probed, context);
        }
        long t0 = System.nanoTime();
        engine.requestReset(ATTACKER, context);
        if (!ownDelivered.tryAcquire(2, java.util.concurrent.TimeUnit.MINUTES)) {
          throw new IllegalStateException("the attacker's own email never left");
        }
        long latency = ownDeliveredAt.get() - t0;
        submitted += probes + 1;
        recorder.awaitFinished(submitted); // idle again: the next round starts afresh
        if (done++ >= 2 * warmup) { // the first rounds warm up, untimed
          nanos[kind][count[kind]++] = latency;
        }
      }
      report(nanos);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void report(long[][] nanos) {
    String[] names = {"known", "unknown"};
    double[] p50 = new double[2];
    double[] p99 = new double[2];
    for (int k = 0; k < 2; k++) {
      long[] v = nanos[k].clone();
      Arrays.sort(v);
      p50[k] = v[(int) Math.floor(0.50 * (v.length - 1))] / 1e3;
      p99[k] = v[(int) Math.floor(0.99 * (v.length - 1))] / 1e3;
      Aux.record("timing.delivery." + names[k] + ".p50", p50[k], "µs");
      Aux.record("timing.delivery." + names[k] + ".p99", p99[k], "µs");
      Aux.record("timing.delivery." + names[k] + ".n", v.length, "samples");
    }
    Aux.record("timing.delivery.known.p50ratio", p50[0] / p50[1], "to unknown");
    Aux.record("timing.delivery.known.p99ratio", p99[0] / p99[1], "to unknown");
  }
}

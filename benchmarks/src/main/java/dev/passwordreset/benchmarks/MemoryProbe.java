package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 5, run in a JVM of its own by {@link BenchmarkMain}: heap bytes per outstanding ticket
 * in {@link InMemoryTicketStore}, and the peak resident memory of the process while many {@code
 * completeReset} calls run at once. Prints {@code # aux} lines (see {@link Aux}).
 */
public final class MemoryProbe {

  private MemoryProbe() {}

  /**
   * Runs one probe.
   *
   * @param args {@code tickets <count> <repetitions>} or {@code concurrent <callers>
   *     <maxConcurrentHashes>}
   * @throws Exception if the probe fails
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "tickets" -> tickets(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "concurrent" -> concurrent(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown probe " + args[0]);
    }
  }

  // ------------------------------------------------------------------ heap per ticket

  private static void tickets(int count, int repetitions) throws Exception {
    Instant now = Instant.now();
    // The token hashes are computed beforehand: only what the store keeps is counted.
    TokenHash[] hashes = new TokenHash[count];
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < count; i++) {
      hashes[i] = TokenHash.of(sha.digest(("token-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    double[] withIds = new double[repetitions];
    double[] sharedIds = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      // a) each ticket for a customer whose id object only the store holds (as with a database)
      long before = usedHeapAfterGc();
      InMemoryTicketStore store =
          fill(new InMemoryTicketStore(Duration.ofHours(1)), hashes, null, now);
      long after = usedHeapAfterGc();
      check(store, count);
      withIds[r] = (double) (after - before) / count;
      Reference.reachabilityFence(store);
      store = null;

      // b) the customer ids already held elsewhere (the host's customer objects)
      CustomerId[] ids = new CustomerId[count];
      for (int i = 0; i < count; i++) {
        ids[i] = new CustomerId("c" + i);
      }
      before = usedHeapAfterGc();
      InMemoryTicketStore store2 =
          fill(new InMemoryTicketStore(Duration.ofHours(1)), hashes, ids, now);
      after = usedHeapAfterGc();
      check(store2, count);
      sharedIds[r] = (double) (after - before) / count;
      Reference.reachabilityFence(store2);
      Reference.reachabilityFence(ids);
      System.out.printf(
          "# repetition %d: %.1f bytes/ticket (fresh customer ids), %.1f (ids shared)%n",
          r + 1, withIds[r], sharedIds[r]);
    }
    Aux.record("memory.ticket.freshIds", median(withIds), "bytes/ticket, customer id included");
    Aux.record("memory.ticket.sharedIds", median(sharedIds), "bytes/ticket, customer id shared");
    Aux.record("memory.ticket.count", count, "tickets");
    Aux.record("memory.ticket.repetitions", repetitions, "repetitions");
    Aux.record("memory.ticket.spread", max(withIds) - min(withIds), "bytes/ticket max-min");
  }

  private static InMemoryTicketStore fill(
      InMemoryTicketStore store, TokenHash[] hashes, CustomerId[] ids, Instant now) {
    Instant expires = now.plus(Duration.ofMinutes(30));
    for (int i = 0; i < hashes.length; i++) {
      CustomerId id = ids == null ? new CustomerId("c" + i) : ids[i];
      store.save(
          new Ticket(
              hashes[i],
              id,
              TicketPurpose.SELF_SERVICE_RESET,
              now,
              expires,
              null,
              null,
              null,
              null));
    }
    return store;
  }

  private static void check(InMemoryTicketStore store, int count) {
    if (store.size() != count) {
      throw new IllegalStateException("the store holds " + store.size() + " of " + count);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  // ------------------------------------------------------------------ concurrent completions

  private static void concurrent(int callers, int maxConcurrentHashes) throws Exception {
    Argon2PasswordHasher hasher =
        Argon2PasswordHasher.builder().maxConcurrentHashes(maxConcurrentHashes).build();
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    PasswordResetEngine engine = Fixtures.engine(customers, hasher, recorder, Fixtures.UNREACHABLE);
    List<CustomerAccount> accounts = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      CustomerAccount a = Fixtures.customer(i, true);
      customers.add(a);
      accounts.add(a);
    }
    RequestContext context = RequestContext.of("203.0.113.7");
    // Warm up on this thread: native library loaded, code compiled.
    for (int i = 0; i < 3; i++) {
      String token = Fixtures.issueToken(engine, recorder, accounts.get(0).id());
      engine.completeReset(token, Fixtures.GOOD_PASSWORD.clone(), context);
    }
    String[] tokens = new String[callers];
    for (int i = 0; i < callers; i++) {
      tokens[i] = Fixtures.issueToken(engine, recorder, accounts.get(i).id());
    }
    System.gc();
    Thread.sleep(200);
    long baseline = rssKiB("VmRSS:");
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKiB("VmRSS:"), Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    AtomicLong completed = new AtomicLong();
    for (int i = 0; i < callers; i++) {
      String token = tokens[i];
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                ResetOutcome o =
                    engine.completeReset(token, Fixtures.GOOD_PASSWORD.clone(), context);
                if (o instanceof ResetOutcome.Completed) {
                  completed.incrementAndGet();
                }
              });
      t.start();
      threads.add(t);
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    sampler.interrupt();
    sampler.join();
    peak.accumulateAndGet(rssKiB("VmRSS:"), Math::max);
    engine.close();
    if (completed.get() != callers) {
      throw new IllegalStateException("only " + completed.get() + " of " + callers + " completed");
    }
    String p = "memory.concurrent.permits" + maxConcurrentHashes + ".";
    double boundMiB = hasher.memoryKiB() / 1024.0 * maxConcurrentHashes;
    Aux.record(p + "boundMiB", boundMiB, "MiB = m x maxConcurrentHashes");
    Aux.record(p + "baselineMiB", baseline / 1024.0, "MiB resident before");
    Aux.record(p + "peakMiB", peak.get() / 1024.0, "MiB resident at peak");
    Aux.record(p + "growthMiB", (peak.get() - baseline) / 1024.0, "MiB peak minus before");
    Aux.record(p + "peakActive", hasher.peakActiveHashes(), "hashes at once, at most");
    Aux.record(p + "callers", callers, "concurrent completeReset calls");
    Aux.record(p + "millis", millis, "ms for all calls");
  }

  private static long rssKiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  // ------------------------------------------------------------------ statistics

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

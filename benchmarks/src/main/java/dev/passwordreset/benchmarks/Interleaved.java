package dev.passwordreset.benchmarks;

import de.mkammerer.argon2.Argon2;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Paired, interleaved measurement of the millisecond-scale operations whose ratios the targets
 * judge (these machines drift by about 20 % between runs, more while others build): in every round
 * each variant runs a few operations, in an order rotated from round to round, and each round
 * yields a ratio of ours to the peer measured moments apart. The median ratio over the rounds is
 * reported next to JMH's figures. Run in a JVM of its own by {@link BenchmarkMain}.
 */
public final class Interleaved {

  private Interleaved() {}

  /** One timed operation; returns whether it did what it should (so nothing is optimised away). */
  private record Variant(String name, BooleanSupplier op) {}

  /**
   * Runs the rounds.
   *
   * @param args {@code <rounds> <operations per variant per round>}
   */
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    int ops = Integer.parseInt(args[1]);
    char[] pw = Fixtures.GOOD_PASSWORD.clone();
    String pwString = new String(pw);
    HashBenchmark.Peers.useBundledArgon2();
    List<Variant> variants = new ArrayList<>();
    for (int m : new int[] {19456, 16384}) {
      Argon2PasswordHasher ours = HashBenchmark.Peers.ours(m);
      Argon2PasswordEncoder spring = HashBenchmark.Peers.spring(m);
      Argon2 bare = HashBenchmark.Peers.bare();
      String oursHash = ours.hash(pw);
      String springHash = spring.encode(pwString);
      String bareHash = bare.hash(HashBenchmark.ITERATIONS, m, HashBenchmark.PARALLELISM, pw);
      variants.add(new Variant("hash.ours." + m, () -> ours.hash(pw).length() > 0));
      variants.add(new Variant("hash.spring." + m, () -> spring.encode(pwString).length() > 0));
      variants.add(
          new Variant(
              "hash.native." + m,
              () ->
                  bare.hash(HashBenchmark.ITERATIONS, m, HashBenchmark.PARALLELISM, pw).length()
                      > 0));
      if (BareSodium.AVAILABLE) {
        byte[] pwBytes = pwString.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sodiumHash = BareSodium.hash(pwBytes, HashBenchmark.ITERATIONS, m);
        variants.add(
            new Variant(
                "hash.sodium." + m,
                () -> BareSodium.hash(pwBytes, HashBenchmark.ITERATIONS, m)[0] == '$'));
        variants.add(
            new Variant("verify.sodium." + m, () -> BareSodium.verify(sodiumHash, pwBytes)));
      }
      variants.add(new Variant("verify.ours." + m, () -> ours.verify(pw, oursHash)));
      variants.add(new Variant("verify.spring." + m, () -> spring.matches(pwString, springHash)));
      variants.add(new Variant("verify.native." + m, () -> bare.verify(bareHash, pw)));
    }
    // The engine's completeReset against the raw hash on the same hasher.
    Argon2PasswordHasher hasher = new Argon2PasswordHasher();
    HashBenchmark.Peers.recordBackends(hasher);
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    // One customer per operation of a round: a completion revokes its customer's other links.
    List<CustomerAccount> accounts = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      CustomerAccount account = Fixtures.customer(i, true);
      customers.add(account);
      accounts.add(account);
    }
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    RequestContext context = RequestContext.of("203.0.113.7");
    PasswordResetEngine engine = Fixtures.engine(customers, hasher, recorder, Fixtures.UNREACHABLE);
    List<String> pending = new ArrayList<>();
    variants.add(
        new Variant(
            "engine.completeReset",
            () ->
                engine.completeReset(pending.remove(0), Fixtures.GOOD_PASSWORD.clone(), context)
                    instanceof ResetOutcome.Completed));
    variants.add(new Variant("engine.rawHash", () -> hasher.hash(pw).length() > 0));

    Map<String, List<Double>> millis = new LinkedHashMap<>();
    variants.forEach(v -> millis.put(v.name, new ArrayList<>()));
    // One untimed round warms everything up.
    for (int r = -1; r < rounds; r++) {
      for (int k = 0; k < variants.size(); k++) {
        Variant v = variants.get(Math.floorMod(k + r, variants.size()));
        if (v.name.equals("engine.completeReset")) {
          // Links issued outside the timed part, as in the JMH benchmark.
          for (CustomerAccount account : accounts) {
            pending.add(Fixtures.issueToken(engine, recorder, account.id()));
          }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          if (!v.op.getAsBoolean()) {
            throw new IllegalStateException(v.name + " failed");
          }
        }
        long t1 = System.nanoTime();
        if (r >= 0) {
          millis.get(v.name).add((t1 - t0) / 1e6 / ops);
        }
      }
    }
    engine.close();
    kernelShare(hasher, pw, Math.max(10, rounds * 4));
    for (Map.Entry<String, List<Double>> e : millis.entrySet()) {
      Aux.record(
          "interleaved." + e.getKey(),
          MemoryProbe.median(e.getValue().stream().mapToDouble(Double::doubleValue).toArray()),
          "ms/op, median of rounds");
    }
    for (int m : new int[] {19456, 16384}) {
      for (String op : new String[] {"hash", "verify"}) {
        ratio(millis, op + ".ours." + m, op + ".spring." + m);
        ratio(millis, op + ".ours." + m, op + ".native." + m);
        if (BareSodium.AVAILABLE) {
          ratio(millis, op + ".ours." + m, op + ".sodium." + m);
        }
      }
    }
    ratio(millis, "engine.completeReset", "engine.rawHash");
    Aux.record("interleaved.rounds", rounds, "rounds");
    Aux.record("interleaved.ops", ops, "operations per variant per round");
  }

  /**
   * How much of a default hash is spent in the kernel (libsodium maps and populates its m KiB with
   * {@code mmap(MAP_POPULATE)} and unmaps them on every call): the process's system and user CPU
   * time (from {@code /proc/self/stat}, in clock ticks) over {@code n} hashes one after the other.
   */
  private static void kernelShare(Argon2PasswordHasher hasher, char[] pw, int n) {
    long[] before = cpuTicks();
    for (int i = 0; i < n; i++) {
      hasher.hash(pw);
    }
    long[] after = cpuTicks();
    if (before.length == 0 || after.length == 0) {
      return;
    }
    double user = (after[0] - before[0]) * 10.0 / n; // USER_HZ is 100 on Linux
    double sys = (after[1] - before[1]) * 10.0 / n;
    Aux.record("hash.cpu.userMs", user, "ms of user CPU per default hash, whole process");
    Aux.record("hash.cpu.systemMs", sys, "ms of kernel CPU per default hash, whole process");
    Aux.record("hash.cpu.systemShare", sys / (user + sys), "kernel share of a default hash's CPU");
  }

  /** utime and stime of this process, in clock ticks; empty where /proc is not there. */
  private static long[] cpuTicks() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (java.io.IOException | RuntimeException e) {
      return new long[0];
    }
  }

  private static void ratio(Map<String, List<Double>> millis, String ours, String peer) {
    List<Double> a = millis.get(ours);
    List<Double> b = millis.get(peer);
    double[] ratios = new double[a.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = a.get(i) / b.get(i);
    }
    Aux.record(
        "ratio." + ours + "/" + peer, MemoryProbe.median(ratios), "median of per-round ratios");
  }
}

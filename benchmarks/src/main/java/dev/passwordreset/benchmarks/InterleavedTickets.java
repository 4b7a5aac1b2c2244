package dev.passwordreset.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 4, paired: our ticket stores and Spring Security's one-time-token services issue and
 * consume links in turns of a fixed duration, one thread, in an order rotated from round to round;
 * every round gives a throughput ratio of ours to the peer measured moments apart, and the median
 * over the rounds is reported beside JMH's figures. Run in a JVM of its own by {@link
 * BenchmarkMain}.
 */
public final class InterleavedTickets {

  private InterleavedTickets() {}

  private record Variant(String name, Runnable op, Runnable reset) {}

  /**
   * Runs the rounds.
   *
   * @param args {@code <rounds> <milliseconds per turn> <db,...>} (db: {@code h2}, {@code
   *     postgresql})
   * @throws Exception if a store fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    long turnNanos = Long.parseLong(args[1]) * 1_000_000L;
    List<Variant> variants = new ArrayList<>();
    // In memory: each store filled once with the benchmark's population, in steady state after.
    TicketBenchmark memory = new TicketBenchmark();
    TicketBenchmark.Ring ring = new TicketBenchmark.Ring();
    ring.fill(memory, 1);
    Runnable none = () -> {};
    variants.add(new Variant("memory.ours", () -> memory.oursInMemory(ring), none));
    variants.add(new Variant("memory.spring", () -> memory.springInMemory(ring), none));
    variants.add(new Variant("memory.floor", () -> memory.floor(ring), none));
    List<JdbcTicketBenchmark> databases = new ArrayList<>();
    List<String> dbs = new ArrayList<>();
    for (String db : args[2].split(",")) {
      if (db.isBlank()) {
        continue;
      }
      JdbcTicketBenchmark b = new JdbcTicketBenchmark();
      b.db = db;
      b.setUp();
      b.emptyTables();
      JdbcTicketBenchmark.Names names = new JdbcTicketBenchmark.Names();
      names.setUp(b);
      databases.add(b);
      dbs.add(db);
      Runnable reset =
          () -> {
            try {
              b.emptyTables();
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          };
      variants.add(new Variant(db + ".ours", () -> b.oursJdbc(names), reset));
      variants.add(new Variant(db + ".spring", () -> b.springJdbc(names), reset));
    }
    Map<String, List<Double>> opsPerSecond = new LinkedHashMap<>();
    variants.forEach(v -> opsPerSecond.put(v.name, new ArrayList<>()));
    for (int r = -2; r < rounds; r++) { // two untimed rounds warm up
      for (int k = 0; k < variants.size(); k++) {
        Variant v = variants.get(Math.floorMod(k + r, variants.size()));
        v.reset.run();
        long ops = 0;
        long t0 = System.nanoTime();
        long t;
        do {
          for (int i = 0; i < 16; i++) {
            v.op.run();
          }
          ops += 16;
          t = System.nanoTime();
        } while (t - t0 < turnNanos);
        if (r >= 0) {
          opsPerSecond.get(v.name).add(ops * 1e9 / (t - t0));
        }
      }
    }
    for (JdbcTicketBenchmark b : databases) {
      b.tearDown();
    }
    List<String> pairs = new ArrayList<>(List.of("memory"));
    pairs.addAll(dbs);
    List<Double> floor = opsPerSecond.get("memory.floor");
    List<Double> oursInMemory = opsPerSecond.get("memory.ours");
    double[] toFloor = new double[floor.size()];
    for (int i = 0; i < toFloor.length; i++) {
      // Time per operation, ours over the floor's: the floor's throughput over ours.
      toFloor[i] = floor.get(i) / oursInMemory.get(i);
    }
    Aux.record(
        "tickets.memory.floor",
        MemoryProbe.median(floor.stream().mapToDouble(Double::doubleValue).toArray()),
        "ops/s, median of turns");
    Aux.record(
        "ratio.tickets.memory.floorTime",
        MemoryProbe.median(toFloor),
        "time per op, ours / floor, median of per-round ratios");
    for (String pair : pairs) {
      List<Double> ours = opsPerSecond.get(pair + ".ours");
      List<Double> spring = opsPerSecond.get(pair + ".spring");
      double[] ratios = new double[ours.size()];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = ours.get(i) / spring.get(i);
      }
      Aux.record(
          "tickets." + pair + ".ours",
          MemoryProbe.median(ours.stream().mapToDouble(Double::doubleValue).toArray()),
          "ops/s, median of turns");
      Aux.record(
          "tickets." + pair + ".spring",
          MemoryProbe.median(spring.stream().mapToDouble(Double::doubleValue).toArray()),
          "ops/s, median of turns");
      Aux.record("ratio.tickets." + pair, MemoryProbe.median(ratios), "median of per-round ratios");
    }
  }
}

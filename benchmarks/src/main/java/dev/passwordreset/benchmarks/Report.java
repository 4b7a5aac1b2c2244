package dev.passwordreset.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** Turns the JMH results and the side results into {@code RESULTS.md}. */
final class Report {

  private final Map<String, RunResult> jmh;
  private final Map<String, Double> aux;
  private final boolean quick;
  private final boolean postgres;
  private final List<String> rows = new ArrayList<>();
  private final List<String> misses = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();

  Report(Map<String, RunResult> jmh, Map<String, Double> aux, boolean quick, boolean postgres) {
    this.jmh = jmh;
    this.aux = aux;
    this.quick = quick;
    this.postgres = postgres;
  }

  /** {@code HashBenchmark.oursHash memoryKiB=19456 t=1}. */
  static String key(RunResult r) {
    String bench = r.getParams().getBenchmark();
    String[] parts = bench.split("\\.");
    StringBuilder k =
        new StringBuilder(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]);
    for (String p : new TreeSet<>(r.getParams().getParamsKeys())) {
      k.append(' ').append(p).append('=').append(r.getParams().getParam(p));
    }
    return k.append(" t=").append(r.getParams().getThreads()).toString();
  }

  // ------------------------------------------------------------------ lookups

  private @Nullable Statistics stats(String key) {
    RunResult r = jmh.get(key);
    if (r == null) {
      missing.add(key);
      return null;
    }
    return r.getPrimaryResult().getStatistics();
  }

  private @Nullable Double score(String key) {
    Statistics s = stats(key);
    return s == null ? null : s.getMean();
  }

  private @Nullable Double percentile(String key, double p) {
    Statistics s = stats(key);
    return s == null ? null : s.getPercentile(p);
  }

  private @Nullable Double aux(String key) {
    Double v = aux.get(key);
    if (v == null) {
      missing.add(key);
    }
    return v;
  }

  /** {@code " (load 1.2 → 1.5)"}: the 1-minute load average before and after a run. */
  private String load(String run) {
    Double before = aux.get("load.before." + run);
    Double after = aux.get("load.after." + run);
    return before == null || after == null
        ? ""
        : String.format(Locale.ROOT, " (load %.2f → %.2f)", before, after);
  }

  /**
   * {@code "; warm: last warm-up within 3 % of the first measured iteration"}, or says by how much
   * it was not, for each benchmark named.
   */
  private String warm(String... keys) {
    StringBuilder out = new StringBuilder();
    for (String key : keys) {
      Double diff = aux.get("warm." + key);
      if (diff == null) {
        continue;
      }
      String name = key.substring(key.indexOf('.') + 1, key.indexOf(' '));
      out.append(
          String.format(
              Locale.ROOT,
              "; %s %s: last warm-up %.0f %% from the first measured iteration",
              name,
              diff <= WarmCheck.TOLERANCE ? "warm" : "NOT WARM",
              diff * 100));
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ rows

  private enum Target {
    AT_MOST,
    AT_LEAST,
    BETWEEN,
    INFO
  }

  private void row(
      String measure,
      @Nullable Double ours,
      @Nullable Double peer,
      String unit,
      @Nullable Double interleaved,
      Target target,
      double lo,
      double hi,
      String targetText) {
    Double ratio = ours != null && peer != null && peer != 0 ? ours / peer : null;
    Double judged = interleaved != null ? interleaved : ratio;
    String result;
    if (target == Target.INFO) {
      result = "info";
    } else if (judged == null) {
      result = "n/a";
    } else {
      boolean pass =
          switch (target) {
            case AT_MOST -> judged <= hi;
            case AT_LEAST -> judged >= lo;
            case BETWEEN -> judged >= lo && judged <= hi;
            case INFO -> true;
          };
      result = pass ? "pass" : "**MISS**";
      if (!pass) {
        misses.add(measure + ": " + fmt(judged) + " (target " + targetText + ")");
      }
    }
    rows.add(
        "| "
            + measure
            + " | "
            + fmt(ours)
            + unitSuffix(ours, unit)
            + " | "
            + fmt(peer)
            + unitSuffix(peer, unit)
            + " | "
            + fmt(ratio)
            + " | "
            + (interleaved == null ? "" : fmt(interleaved))
            + " | "
            + targetText
            + " | "
            + result
            + " |");
  }

  /** A row judged on an absolute figure of ours (the peer column is a reference only). */
  private void absolute(
      String measure,
      @Nullable Double ours,
      @Nullable Double reference,
      String unit,
      double max,
      String targetText) {
    absolute(measure, ours, reference, unit, null, max, targetText);
  }

  /** As above; {@code interleaved}, when present, is an absolute figure of ours and is judged. */
  private void absolute(
      String measure,
      @Nullable Double ours,
      @Nullable Double reference,
      String unit,
      @Nullable Double interleaved,
      double max,
      String targetText) {
    Double judged = interleaved != null ? interleaved : ours;
    String result;
    if (judged == null) {
      result = "n/a";
    } else if (judged <= max) {
      result = "pass";
    } else {
      result = "**MISS**";
      misses.add(measure + ": " + fmt(judged) + " " + unit + " (target " + targetText + ")");
    }
    Double ratio = ours != null && reference != null && reference != 0 ? ours / reference : null;
    rows.add(
        "| "
            + measure
            + " | "
            + fmt(ours)
            + unitSuffix(ours, unit)
            + " | "
            + fmt(reference)
            + unitSuffix(reference, unit)
            + " | "
            + fmt(ratio)
            + " | "
            + (interleaved == null ? "" : fmt(interleaved) + " " + unit)
            + " | "
            + targetText
            + " | "
            + result
            + " |");
  }

  private static String unitSuffix(@Nullable Double v, String unit) {
    return v == null || unit.isEmpty() ? "" : " " + unit;
  }

  static String fmt(@Nullable Double v) {
    if (v == null) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  // ------------------------------------------------------------------ the document

  String render(Duration took, String loadBefore, String loadAfter) {
    // 1. Hashing (issue 15): ours on its backend (libsodium where installed) against argon2-jvm,
    // Spring Security and the bare libsodium call; the interleaved ratio is the one judged.
    Double onSodium = aux.get("hash.backend.libsodium");
    String oursName =
        onSodium == null ? "ours" : onSodium == 1 ? "ours (libsodium)" : "ours (argon2-jvm)";
    boolean bareSodium = Double.valueOf(1).equals(aux.get("hash.bareSodium.available"));
    for (String m : new String[] {"19456", "16384"}) {
      for (String op : new String[] {"hash", "verify"}) {
        String cap = op.equals("hash") ? "Hash" : "Verify";
        Double ours = score("HashBenchmark.ours" + cap + " memoryKiB=" + m + " t=1");
        Double spring = score("HashBenchmark.spring" + cap + " memoryKiB=" + m + " t=1");
        Double bare = score("HashBenchmark.native" + cap + " memoryKiB=" + m + " t=1");
        Double sodium =
            bareSodium ? score("HashBenchmark.sodium" + cap + " memoryKiB=" + m + " t=1") : null;
        String pre = "1 " + op + " m=" + m + ": " + oursName;
        row(
            pre + " vs bare argon2-jvm",
            ours,
            bare,
            "ms",
            aux.get("ratio." + op + ".ours." + m + "/" + op + ".native." + m),
            Target.AT_MOST,
            0,
            0.75,
            "≤ 0.75");
        row(
            pre + " vs Spring Security",
            ours,
            spring,
            "ms",
            aux.get("ratio." + op + ".ours." + m + "/" + op + ".spring." + m),
            Target.AT_MOST,
            0,
            0.60,
            "≤ 0.60");
        row(
            pre + " vs bare libsodium" + (bareSodium ? "" : " (libsodium not installed)"),
            ours,
            sodium,
            "ms",
            aux.get("ratio." + op + ".ours." + m + "/" + op + ".sodium." + m),
            Target.AT_MOST,
            0,
            1.05,
            "≤ 1.05");
      }
    }
    row(
        "1 kernel CPU of one default hash (libsodium maps and unmaps m KiB per call)"
            + " vs user CPU",
        aux.get("hash.cpu.systemMs"),
        aux.get("hash.cpu.userMs"),
        "ms",
        null,
        Target.INFO,
        0,
        0,
        "");
    // 2. Engine overhead
    row(
        "2 completeReset vs raw hash (m=19456)",
        score("EngineBenchmark.completeReset t=1"),
        score("EngineBenchmark.rawHash t=1"),
        "ms",
        aux.get("ratio.engine.completeReset/engine.rawHash"),
        Target.AT_MOST,
        0,
        1.05,
        "≤ 1.05");
    Double knownMedian = percentile("RequestBenchmark.requestReset kind=known t=1", 50);
    absolute(
        "2 requestReset known email, caller's median vs raw token issue",
        knownMedian,
        percentile("RawTokenBenchmark.issue t=1", 50),
        "µs",
        aux("timing.requests.known.p50"),
        20,
        "< 20 µs");
    row(
        "2 requestReset background work (delivery threads), lowest measured iteration",
        aux("request.known.background"),
        null,
        "tasks/s",
        null,
        Target.INFO,
        0,
        0,
        "no overflow");
    // 3. Anti-enumeration
    for (String kind : new String[] {"unknown", "disabled", "throttled"}) {
      for (double p : new double[] {50, 99}) {
        String q = p == 50 ? "p50" : "p99";
        row(
            "3 requestReset " + kind + " vs known, " + (p == 50 ? "median" : "p99"),
            percentile("RequestBenchmark.requestReset kind=" + kind + " t=1", p),
            percentile("RequestBenchmark.requestReset kind=known t=1", p),
            "µs",
            aux("timing.requests." + kind + "." + q + "ratio"),
            Target.BETWEEN,
            0.9,
            1.1,
            "0.9 – 1.1");
      }
    }
    // Issue 19: a wrong reset code costs the same with a live code, without an account or a code.
    for (String kind : new String[] {"noAccount", "noCode"}) {
      for (String q : new String[] {"p50", "p99"}) {
        row(
            "3 completeResetWithCode wrong code, "
                + (kind.equals("noAccount") ? "email without account" : "account without code")
                + " vs live code, interleaved, "
                + (q.equals("p50") ? "median" : "p99"),
            aux("timing.codes." + kind + "." + q),
            aux("timing.codes.liveCode." + q),
            "µs",
            aux("timing.codes." + kind + "." + q + "ratio"),
            Target.BETWEEN,
            0.9,
            1.1,
            "0.9 – 1.1");
      }
    }
    // Issue 14 item 7: the optional strength rule, bounded.
    row(
        "2 StrengthRule: rejected 128-character password vs accepted, hashed one",
        score("StrengthBenchmark.rejected128 t=1"),
        score("StrengthBenchmark.acceptedHashed t=1"),
        "ms",
        null,
        Target.AT_MOST,
        0,
        1.0,
        "≤ 1 (was about 10)");
    // Issue 14 item 9: the attacker's own email, after probing a known or an unknown address.
    for (String q : new String[] {"p50", "p99"}) {
      row(
          "3 own email delivery after probing a known vs an unknown address, "
              + (q.equals("p50") ? "median" : "p99"),
          aux("timing.delivery.known." + q),
          aux("timing.delivery.unknown." + q),
          "µs",
          aux("timing.delivery.known." + q + "ratio"),
          Target.BETWEEN,
          0.9,
          1.1,
          "0.9 – 1.1");
    }
    for (double p : new double[] {50, 99}) {
      String q = p == 50 ? "p50" : "p99";
      row(
          "3 checkLogin legacy account (Django PBKDF2 320 000) vs wrong password, interleaved, "
              + (p == 50 ? "median" : "p99"),
          aux("timing.logins.legacyAccount." + q),
          aux("timing.logins.wrongPassword." + q),
          "ms",
          aux("timing.logins.legacyAccount." + q + "ratio"),
          Target.BETWEEN,
          0.9,
          1.1,
          "0.9 – 1.1");
    }
    for (double p : new double[] {50, 99}) {
      row(
          "3 checkLogin unknown email vs wrong password, " + (p == 50 ? "median" : "p99"),
          percentile("LoginBenchmark.checkLogin kind=unknownEmail t=1", p),
          percentile("LoginBenchmark.checkLogin kind=wrongPassword t=1", p),
          "ms",
          aux("timing.logins.unknownEmail." + (p == 50 ? "p50" : "p99") + "ratio"),
          Target.BETWEEN,
          0.9,
          1.1,
          "0.9 – 1.1");
    }
    // 4. Tickets: steady state (pre-filled stores), each figure with the load around its run.
    for (int t : new int[] {1, 2}) {
      String load = load("TicketBenchmark t=" + t);
      row(
          "4 issue+consume in memory, 100,000 outstanding, "
              + t
              + " thread(s): ours vs InMemoryOneTimeTokenService"
              + load,
          score("TicketBenchmark.oursInMemory population=100000 t=" + t),
          score("TicketBenchmark.springInMemory population=100000 t=" + t),
          "ops/s",
          t == 1 ? aux.get("ratio.tickets.memory") : null,
          Target.AT_LEAST,
          0.40,
          0,
          "≥ 0.40");
      // Time per operation: ours over the floor's, so the floor's throughput over ours.
      Double oursOps = score("TicketBenchmark.oursInMemory population=100000 t=" + t);
      Double floorOps = score("TicketBenchmark.floor population=100000 t=" + t);
      Double floorTime = t == 1 ? aux.get("ratio.tickets.memory.floorTime") : null;
      row(
          "4 the same, time per op: ours vs the floor (32 random bytes, base64url, one SHA-256,"
              + " map put + remove); columns: the floor's ops/s, ours"
              + load,
          floorOps,
          oursOps,
          "ops/s",
          floorTime,
          Target.AT_MOST,
          0,
          1.5,
          "≤ 1.5");
    }
    List<String> dbs = new ArrayList<>(List.of("h2"));
    if (postgres) {
      dbs.add("postgresql");
    }
    for (String db : dbs) {
      boolean h2 = db.equals("h2");
      for (int t : new int[] {1, 2}) {
        String ours = "JdbcTicketBenchmark.oursJdbc db=" + db + " t=" + t;
        String spring = "JdbcTicketBenchmark.springJdbc db=" + db + " t=" + t;
        String floor = "JdbcTicketBenchmark.floor db=" + db + " t=" + t;
        String load = load("JdbcTicketBenchmark t=" + t);
        row(
            "4 issue+consume on "
                + (h2 ? "H2" : "PostgreSQL")
                + ", warm, "
                + t
                + " thread(s): JdbcTicketStore vs JdbcOneTimeTokenService"
                + warm(ours, spring)
                + load,
            score(ours),
            score(spring),
            "ops/s",
            t == 1 ? aux.get("ratio.tickets." + db) : null,
            Target.AT_LEAST,
            h2 ? 0.80 : 1.20,
            0,
            h2 ? "≥ 0.80" : "≥ 1.20");
        row(
            "4 the same: JdbcTicketStore vs the floor (raw INSERT + conditional UPDATE)"
                + warm(floor)
                + load,
            score(ours),
            score(floor),
            "ops/s",
            null,
            Target.INFO,
            0,
            0,
            "");
      }
    }
    // 5. Memory
    absolute(
        "5 heap per outstanding ticket, "
            + fmt(aux.get("memory.ticket.count"))
            + " tickets, customer ids held by the host",
        aux("memory.ticket.sharedIds"),
        null,
        "B",
        200,
        "≤ 200 B");
    absolute(
        "5 the same, each ticket's customer id (\"c123456\", 64 B) held only by the store",
        aux("memory.ticket.freshIds"),
        null,
        "B",
        200,
        "≤ 200 B");
    int cores = Runtime.getRuntime().availableProcessors();
    String p = "memory.concurrent.permits" + cores + ".";
    Double growth = aux(p + "growthMiB");
    Double bound = aux(p + "boundMiB");
    // libsodium maps the m KiB of each running hash and unmaps it after, so the bound itself is
    // in the growth (argon2-jvm's allocator kept it resident from the warm-up, in the baseline);
    // 2 MiB are allowed for the rest of the process (JIT, small native buffers; 0.3-0.8 measured).
    absolute(
        "5 64 concurrent completeReset, " + cores + " hashes at once: resident growth vs bound",
        growth,
        bound,
        "MiB",
        bound == null ? 0 : bound + 2,
        "≤ m × permits + 2 MiB");
    String u = "memory.concurrent.permits64.";
    row(
        "5 the same with the bound lifted (64 hashes at once), for contrast",
        aux(u + "growthMiB"),
        aux(u + "boundMiB"),
        "MiB",
        null,
        Target.INFO,
        0,
        0,
        "");

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    if (quick) {
      md.append(
          "> **Quick mode** (one short iteration each, for CI): these figures prove that the"
              + " benchmarks run; they are too short to judge the targets.\n\n");
    }
    md.append("Written by `benchmarks/run.sh")
        .append(quick ? " --quick" : "")
        .append("` on ")
        .append(BenchmarkMain.now())
        .append(", in ")
        .append(took.toMinutes())
        .append(" min ")
        .append(took.toSecondsPart())
        .append(" s.\n\n");
    md.append("| machine | |\n|---|---|\n");
    md.append("| cores | ").append(cores).append(" (").append(cpuModel()).append(") |\n");
    md.append("| JDK | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" (")
        .append(System.getProperty("java.vendor"))
        .append(") |\n");
    md.append("| OS | ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(" |\n");
    md.append("| load average (1, 5, 15 min) | before ")
        .append(loadBefore)
        .append("; after ")
        .append(loadAfter)
        .append(" |\n");
    md.append("| PostgreSQL | ")
        .append(postgres ? "used" : "none found (H2 only)")
        .append(" |\n\n");
    md.append(
        "Ratio = ours / peer from the JMH run (each variant in its own forked JVM, one after the"
            + " other). *Interleaved* = the same ratio measured in one JVM with the variants"
            + " alternating moments apart: for hashing, completeReset and tickets the median of"
            + " per-round ratios; for anti-enumeration the kinds asked in random order and each"
            + " call timed (what an attacker sees). Where present it is the one judged, since"
            + " it is immune to the machine's drift. Times are means (JMH average time) unless"
            + " the row says median or p99 (JMH sample time).\n\n");
    md.append("| measure | ours | peer / reference | ratio | interleaved | target | result |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    md.append('\n');
    if (misses.isEmpty()) {
      md.append("Every target was met.\n");
    } else {
      md.append("Targets missed:\n\n");
      misses.forEach(m -> md.append("- ").append(m).append('\n'));
    }
    if (!missing.isEmpty()) {
      md.append("\nNot measured in this run: ").append(String.join(", ", missing)).append('\n');
    }
    md.append("\n<details><summary>All figures</summary>\n\n```\n");
    jmh.forEach(
        (k, r) -> {
          Statistics s = r.getPrimaryResult().getStatistics();
          md.append(
              String.format(
                  Locale.ROOT,
                  "%-60s %14.3f ± %10.3f %-8s n=%d p50=%.3f p99=%.3f%n",
                  k,
                  s.getMean(),
                  s.getN() > 2 ? r.getPrimaryResult().getScoreError() : Double.NaN,
                  r.getPrimaryResult().getScoreUnit(),
                  s.getN(),
                  s.getPercentile(50),
                  s.getPercentile(99)));
        });
    aux.forEach((k, v) -> md.append(String.format(Locale.ROOT, "%-60s %14.3f%n", k, v)));
    md.append("```\n\n</details>\n");
    return md.toString();
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown CPU";
    }
    return "unknown CPU";
  }
}

package dev.passwordreset.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of issue 8 in one go and writes {@code RESULTS.md}: the JMH benchmarks
 * (forked JVMs), the interleaved ratios and the memory probes (JVMs of their own), then one table
 * with our figure, the peer's, the ratio, the target and pass or fail.
 *
 * <p>Arguments: {@code [--quick] [--out RESULTS.md] [--only GROUP,...]}. {@code --quick} runs one
 * short iteration of everything (for CI: it proves the benchmarks still run; its figures are not
 * meant to be judged). Missed targets never fail the run; errors do. A PostgreSQL server is used
 * when {@code PASSWORD_RESET_BENCH_POSTGRES_URL} (and {@code _USER}, {@code _PASSWORD}) is set; a
 * full run without one starts an embedded PostgreSQL for the ticket benchmarks. The 1-minute load
 * average is recorded before and after every run, and the ticket rows show it.
 */
public final class BenchmarkMain {

  private final boolean quick;
  private final Path aux;
  private final List<String> only;
  private final Map<String, RunResult> jmh = new LinkedHashMap<>();

  /**
   * Figures the main JVM measures itself: the 1-minute load average before and after each run
   * ({@code load.before.<run>}, {@code load.after.<run>}), and for benchmarks warmed up and
   * checked, the relative difference of the last warm-up iteration to the first measured one
   * ({@code warm.<key>}).
   */
  private final Map<String, Double> side = new LinkedHashMap<>();

  private final @Nullable String postgresUrl;
  private final String postgresUser;
  private final String postgresPassword;

  private BenchmarkMain(boolean quick, Path aux, List<String> only) {
    this.quick = quick;
    this.aux = aux;
    this.only = only;
    String url = System.getenv("PASSWORD_RESET_BENCH_POSTGRES_URL");
    this.postgresUrl = url == null || url.isBlank() ? null : url;
    this.postgresUser = envOr("PASSWORD_RESET_BENCH_POSTGRES_USER", "postgres");
    this.postgresPassword = envOr("PASSWORD_RESET_BENCH_POSTGRES_PASSWORD", "");
  }

  /**
   * Entry point.
   *
   * @param args see the class comment
   * @throws Exception on any error (the exit code is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("RESULTS.md");
    List<String> only = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only.addAll(List.of(args[++i].split(",")));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path aux = Files.createTempFile("bench-aux", ".tsv");
    long t0 = System.nanoTime();
    String loadBefore = loadAverage();
    BenchmarkMain main = new BenchmarkMain(quick, aux, only);
    main.runAll();
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    String report =
        new Report(main.jmh, main.withSide(readAux(aux)), quick, main.postgresMeasured())
            .render(took, loadBefore, loadAverage());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println(report);
    System.out.println("Wrote " + out.toAbsolutePath() + " in " + took.toSeconds() + " s");
    Files.deleteIfExists(aux);
  }

  private Map<String, Double> withSide(Map<String, Double> values) {
    values.putAll(side);
    return values;
  }

  /** PostgreSQL is measured: a named server, or an embedded one in a full run. */
  private boolean postgresMeasured() {
    return postgresUrl != null || !quick;
  }

  private boolean wanted(String group) {
    return only.isEmpty() || only.contains(group);
  }

  private void runAll() throws Exception {
    if (wanted("hash")) {
      jmh("HashBenchmark", 1, "1g", quick ? 0 : 1, quick ? 1 : 4, quick ? 500 : 2000);
    }
    if (wanted("engine")) {
      jmh("EngineBenchmark", 1, "1g", quick ? 0 : 1, quick ? 1 : 4, quick ? 500 : 2000);
    }
    if (wanted("interleaved")) {
      probe("Interleaved", "1g", quick ? "1" : "12", quick ? "1" : "3");
    }
    if (wanted("request")) {
      jmh("RequestBenchmark", 1, "4g", quick ? 1 : 2, quick ? 1 : 5, quick ? 300 : 1000);
      jmh("RawTokenBenchmark", 1, "4g", quick ? 1 : 2, quick ? 1 : 5, quick ? 300 : 1000);
      probe("InterleavedTiming", "2g", "requests", quick ? "2000" : "50000");
      probe("InterleavedTiming", "1g", "codes", quick ? "2000" : "40000");
    }
    if (wanted("strength")) {
      jmh("StrengthBenchmark", 1, "1g", quick ? 0 : 1, quick ? 1 : 3, quick ? 1000 : 3000);
    }
    if (wanted("delivery")) {
      probe("DeliveryIsolation", "512m", quick ? "30" : "400");
    }
    if (wanted("login")) {
      jmh("LoginBenchmark", 1, "1g", quick ? 0 : 1, quick ? 1 : 4, quick ? 500 : 3000);
      probe("InterleavedTiming", "1g", "logins", quick ? "5" : "300");
    }
    if (wanted("tickets")) {
      // Steady state on pre-filled stores: the first warm-up iteration already runs in it.
      for (int threads : new int[] {1, 2}) {
        jmh("TicketBenchmark", threads, "4g", quick ? 1 : 3, quick ? 1 : 5, quick ? 300 : 1000);
      }
      // JDBC: a long warm-up (the JIT compiles the drivers' and the stores' paths slowly), then a
      // check that the last warm-up iteration is within WARM_TOLERANCE of the first measured one.
      for (int threads : new int[] {1, 2}) {
        jmh(
            "JdbcTicketBenchmark",
            threads,
            "2g",
            quick ? 1 : 10,
            quick ? 1 : 5,
            quick ? 300 : 1000);
      }
      probe(
          "InterleavedTickets",
          "2g",
          quick ? "1" : "10",
          quick ? "100" : "300",
          postgresMeasured() ? "h2,postgresql" : "h2");
    }
    if (wanted("memory")) {
      probe("MemoryProbe", "6g", "tickets", quick ? "100000" : "1000000", quick ? "1" : "3");
      int cores = Runtime.getRuntime().availableProcessors();
      probe("MemoryProbe", "512m", "concurrent", "64", Integer.toString(cores));
      probe("MemoryProbe", "512m", "concurrent", "64", "64");
    }
  }

  private void jmh(
      String benchmark, int threads, String heap, int warmups, int iterations, int millis)
      throws RunnerException {
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include("\\." + benchmark + "\\.")
            .forks(1)
            .threads(threads)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.milliseconds(millis))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.milliseconds(millis))
            .timeout(TimeValue.minutes(5))
            .shouldFailOnError(true)
            .jvmArgsAppend(forkArgs(heap));
    if (benchmark.equals("JdbcTicketBenchmark")) {
      o =
          o.param(
              "db", postgresMeasured() ? new String[] {"h2", "postgresql"} : new String[] {"h2"});
    }
    Collection<RunResult> results;
    String run = benchmark + " t=" + threads;
    side.put("load.before." + run, loadAverage1());
    try {
      results = new Runner(o.build(), WarmCheck.format(side)).run();
    } catch (NoBenchmarksException e) {
      System.out.println("# no benchmark " + benchmark + " in this build; skipped");
      return;
    } finally {
      side.put("load.after." + run, loadAverage1());
    }
    for (RunResult r : results) {
      jmh.put(Report.key(r), r);
    }
  }

  private String[] forkArgs(String heap) {
    List<String> args = new ArrayList<>();
    args.add("-Xms" + heap);
    args.add("-Xmx" + heap);
    args.add("-Dbench.aux=" + aux);
    args.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (postgresUrl != null) {
      args.add("-Dbench.postgres.url=" + postgresUrl);
      args.add("-Dbench.postgres.user=" + postgresUser);
      args.add("-Dbench.postgres.password=" + postgresPassword);
    }
    return args.toArray(String[]::new);
  }

  private void probe(String mainClass, String heap, String... probeArgs)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of(forkArgs(heap)));
    if (mainClass.equals("MemoryProbe") && probeArgs[0].equals("concurrent")) {
      cmd.add("-XX:+AlwaysPreTouch"); // the heap is resident from the start: growth is native
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.passwordreset.benchmarks." + mainClass);
    cmd.addAll(List.of(probeArgs));
    System.out.println("# probe: " + mainClass + " " + String.join(" ", probeArgs));
    side.put("load.before." + mainClass, loadAverage1());
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(mainClass + " timed out");
    }
    side.put("load.after." + mainClass, loadAverage1());
    if (p.exitValue() != 0) {
      throw new IllegalStateException(mainClass + " failed with exit code " + p.exitValue());
    }
  }

  private static Map<String, Double> readAux(Path aux) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(aux, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length >= 2) {
        // Background throughput is recorded per iteration: keep the lowest (a lower bound).
        double v = Double.parseDouble(f[1]);
        values.merge(f[0], v, f[0].endsWith(".background") ? Math::min : (a, b) -> b);
      }
    }
    return values;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** The 1-minute load average, or -1 where the system has none. */
  static double loadAverage1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }

  static String now() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }
}

package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Benchmarks 2b and 3: the latency a customer waits for on "Forgot your password?" ({@code
 * requestReset}, in-memory stores), for a known, an unknown, a disabled and a silently throttled
 * email, in sample-time mode. The account-dependent work runs on the engine's delivery threads;
 * each iteration ends by waiting for them, so the queue never overflows (that would be measured as
 * a failure) and the background throughput is recorded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestBenchmark {

  /** Which kind of email is typed. */
  @Param({"known", "unknown", "disabled", "throttled"})
  public String kind = "known";

  /** Distinct emails cycled through; each known customer gets a few links, as in real life. */
  static final int POOL = 50_000;

  private final Fixtures.Recorder recorder = new Fixtures.Recorder();
  private final RequestContext context = RequestContext.of("203.0.113.7");
  private final String[] emails = new String[POOL];
  private @org.jspecify.annotations.Nullable PasswordResetEngine engine;
  private int next;
  private long submitted;
  private long iterationStart;
  private long finishedAtStart;

  /** Builds the customers and the engine; pre-throttles the throttled accounts. */
  @Setup(Level.Trial)
  public void setUp() {
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    for (int i = 0; i < POOL; i++) {
      CustomerAccount a = Fixtures.customer(i, !kind.equals("disabled"));
      if (!kind.equals("unknown")) {
        customers.add(a);
        emails[i] = a.email();
      } else {
        emails[i] = "nobody" + i + "@shop.example";
      }
    }
    // Throttled accounts have used up one request a day; the others never reach their limit.
    ThrottleLimit accountLimit =
        kind.equals("throttled") ? ThrottleLimit.of(1, Duration.ofDays(1)) : Fixtures.UNREACHABLE;
    // Small hashing cost: requestReset never hashes; only the engine's dummy hash uses it.
    Argon2PasswordHasher hasher = Argon2PasswordHasher.builder().memoryKiB(64).build();
    PasswordResetEngine e = Fixtures.engine(customers, hasher, recorder, accountLimit);
    engine = e;
    if (kind.equals("throttled")) {
      for (String email : emails) {
        e.requestReset(email, context);
        submitted++;
      }
      recorder.awaitFinished(submitted);
    }
  }

  /** Notes where the background work stands. */
  @Setup(Level.Iteration)
  public void startIteration() {
    iterationStart = System.nanoTime();
    finishedAtStart = recorder.finishedSelfService();
  }

  /** Waits for the delivery threads and records their throughput. */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    recorder.awaitFinished(submitted);
    long nanos = System.nanoTime() - iterationStart;
    long tasks = recorder.finishedSelfService() - finishedAtStart;
    if (iteration.getType() != IterationType.MEASUREMENT) {
      return;
    }
    Aux.record(
        "request." + kind + ".background",
        tasks * 1e9 / nanos,
        "tasks/s finished by the delivery threads, caller running flat out");
  }

  /** Stops the engine's threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (engine != null) {
      engine.close();
    }
  }

  /** What the customer waits for. */
  @Benchmark
  public RequestOutcome requestReset() {
    String email = emails[next];
    next = next + 1 == POOL ? 0 : next + 1;
    submitted++;
    PasswordResetEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("not set up");
    }
    return e.requestReset(email, context);
  }
}

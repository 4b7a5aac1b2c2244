package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 2a: {@code completeReset} end to end on the in-memory stores (token lookup, policy,
 * NFKC, Argon2id, atomic consume, revoke, password write, events, the "password changed" mail
 * queued) against the raw hash alone, on the same hasher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBenchmark {

  private final Fixtures.Recorder recorder = new Fixtures.Recorder();
  private final InMemoryCustomerStore customers = new InMemoryCustomerStore();
  private final CustomerAccount account = Fixtures.customer(1, true);
  private final RequestContext context = RequestContext.of("203.0.113.7");
  private Argon2PasswordHasher hasher = new Argon2PasswordHasher();
  private PasswordResetEngine engine =
      Fixtures.engine(customers, hasher, recorder, Fixtures.UNREACHABLE);
  private String token = "";

  /** One engine, one customer. */
  @Setup(Level.Trial)
  public void setUp() {
    customers.add(account);
  }

  /** A fresh link before each completion (not timed). */
  @Setup(Level.Invocation)
  public void issue() {
    token = Fixtures.issueToken(engine, recorder, account.id());
  }

  /** Stops the engine's threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** The whole reset, as the storefront calls it. */
  @Benchmark
  public ResetOutcome completeReset() {
    ResetOutcome outcome = engine.completeReset(token, Fixtures.GOOD_PASSWORD.clone(), context);
    if (!(outcome instanceof ResetOutcome.Completed)) {
      throw new IllegalStateException("the reset did not complete: " + outcome);
    }
    return outcome;
  }

  /** Only the hash the reset has to compute. */
  @Benchmark
  public String rawHash() {
    return hasher.hash(Fixtures.GOOD_PASSWORD);
  }
}

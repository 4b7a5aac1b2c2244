package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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

/**
 * Benchmark 3b: {@code checkLogin} latency for an unknown email against a known email with a wrong
 * password (default Argon2id parameters), in sample-time mode: both must cost one verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoginBenchmark {

  /** Which login is attempted. */
  @Param({"wrongPassword", "unknownEmail"})
  public String kind = "wrongPassword";

  private final Fixtures.Recorder recorder = new Fixtures.Recorder();
  private final RequestContext context = RequestContext.of("203.0.113.7");
  private final char[] wrong = "Not-The-Right-0ne!".toCharArray();
  private @Nullable PasswordResetEngine engine;
  private String email = "";

  /** One customer with a real Argon2id hash. */
  @Setup(Level.Trial)
  public void setUp() {
    Argon2PasswordHasher hasher = new Argon2PasswordHasher();
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    CustomerAccount account = Fixtures.customer(1, true);
    customers.add(account, StoredPassword.of(hasher.hash(Fixtures.GOOD_PASSWORD)));
    engine = Fixtures.engine(customers, hasher, recorder, Fixtures.UNREACHABLE);
    email = kind.equals("unknownEmail") ? "nobody@shop.example" : account.email();
  }

  /** Stops the engine's threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (engine != null) {
      engine.close();
    }
  }

  /** A failed login. */
  @Benchmark
  public LoginCheck checkLogin() {
    PasswordResetEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("not set up");
    }
    LoginCheck check = e.checkLogin(email, wrong.clone(), context);
    if (!(check instanceof LoginCheck.Invalid)) {
      throw new IllegalStateException("expected Invalid, got " + check);
    }
    return check;
  }
}

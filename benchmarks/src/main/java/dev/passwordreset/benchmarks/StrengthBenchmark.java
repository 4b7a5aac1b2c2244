package dev.passwordreset.benchmarks;

import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.policy.StrengthRule;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 14 item 7: the optional strength rule on a rejected 128-character password against an
 * accepted password's policy check and Argon2id hash (default parameters), the work of an accepted
 * request. The policy is {@code nist()} with {@code StrengthRule.defaults()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StrengthBenchmark {

  private static final PolicyContext CUSTOMER =
      new PolicyContext("jane.doe@shop.example", "Jane Doe", Locale.ENGLISH);

  private final PasswordPolicy policy =
      RuleBasedPasswordPolicy.nist().toBuilder().rule(StrengthRule.defaults()).build();
  private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();
  private final char[] rejected = "password".repeat(16).toCharArray();

  /** Builds the rule's estimator before timing. */
  @Setup
  public void warm() {
    policy.check(Fixtures.GOOD_PASSWORD.clone(), CUSTOMER);
  }

  /** A 128-character password the strength rule refuses. */
  @Benchmark
  public List<PolicyViolation> rejected128() {
    List<PolicyViolation> v = policy.check(rejected.clone(), CUSTOMER);
    if (v.isEmpty()) {
      throw new IllegalStateException("expected a rejection");
    }
    return v;
  }

  /** An accepted password: the policy, then the hash it gets. */
  @Benchmark
  public String acceptedHashed() {
    char[] password = Fixtures.GOOD_PASSWORD.clone();
    if (!policy.check(password, CUSTOMER).isEmpty()) {
      throw new IllegalStateException("expected acceptance");
    }
    return hasher.hash(password);
  }
}

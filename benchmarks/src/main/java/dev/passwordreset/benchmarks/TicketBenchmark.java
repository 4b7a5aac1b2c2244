package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.store.InMemoryTicketStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.InMemoryOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * Benchmark 4 (in memory): issue + consume of one link, our {@link InMemoryTicketStore} (32 random
 * bytes, only the SHA-256 stored, used links kept to answer "used" until they expire) against
 * Spring Security's {@link InMemoryOneTimeTokenService} (a random UUID stored in clear, removed on
 * use). Run with 1 and 2 threads by {@link BenchmarkMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TicketBenchmark {

  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final Tokens tokens = new Tokens(new SecureRandom());
  private final AtomicInteger threadIds = new AtomicInteger();
  private InMemoryTicketStore ours = new InMemoryTicketStore();
  private InMemoryOneTimeTokenService spring = new InMemoryOneTimeTokenService();

  /** Fresh stores per iteration, so used links do not pile up across iterations. */
  @Setup(Level.Iteration)
  public void freshStores() {
    ours = new InMemoryTicketStore();
    spring = new InMemoryOneTimeTokenService();
  }

  /** Per-thread customer names: each link is for another customer. */
  @State(Scope.Thread)
  public static class Names {
    int prefix;
    int n;

    /** Takes a distinct prefix per thread. */
    @Setup(Level.Trial)
    public void setUp(TicketBenchmark b) {
      prefix = b.threadIds.incrementAndGet();
    }

    String next() {
      return "c" + prefix + "-" + (n++);
    }
  }

  /** Ours: issue a link and use it. */
  @Benchmark
  public Ticket oursInMemory(Names names) {
    String token = tokens.newToken();
    Instant now = Instant.now();
    ours.save(
        new Ticket(
            Tokens.hash(token),
            new CustomerId(names.next()),
            TicketPurpose.SELF_SERVICE_RESET,
            now,
            now.plus(LIFETIME),
            null,
            null,
            null,
            null));
    return ours.consume(Tokens.hash(token), now).orElseThrow();
  }

  /** Spring Security: generate a one-time token and consume it. */
  @Benchmark
  public OneTimeToken springInMemory(Names names) {
    OneTimeToken token = spring.generate(new GenerateOneTimeTokenRequest(names.next(), LIFETIME));
    OneTimeToken used = spring.consume(new OneTimeTokenAuthenticationToken(token.getTokenValue()));
    if (used == null) {
      throw new IllegalStateException("the token was not consumed");
    }
    return used;
  }
}

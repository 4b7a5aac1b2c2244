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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 2b's reference: the raw cost of one link, 32 bytes from {@link SecureRandom},
 * base64url, SHA-256 and a put into the in-memory ticket store, in the same sample-time mode as
 * {@link RequestBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawTokenBenchmark {

  private final Tokens tokens = new Tokens(new SecureRandom());
  private final CustomerId[] ids = new CustomerId[RequestBenchmark.POOL];
  private InMemoryTicketStore store = new InMemoryTicketStore();
  private int next;

  /** Customer ids, made once. */
  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < ids.length; i++) {
      ids[i] = new CustomerId("c" + i);
    }
  }

  /** A fresh store per iteration, so memory does not pile up. */
  @Setup(Level.Iteration)
  public void freshStore() {
    store = new InMemoryTicketStore();
  }

  /** One token issued and stored. */
  @Benchmark
  public String issue() {
    CustomerId id = ids[next];
    next = next + 1 == ids.length ? 0 : next + 1;
    String token = tokens.newToken();
    Instant now = Instant.now();
    store.save(
        new Ticket(
            Tokens.hash(token),
            id,
            TicketPurpose.SELF_SERVICE_RESET,
            now,
            now.plus(Duration.ofMinutes(30)),
            null,
            null,
            null,
            null));
    return token;
  }
}

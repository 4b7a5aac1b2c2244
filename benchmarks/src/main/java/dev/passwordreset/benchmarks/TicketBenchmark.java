package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.store.InMemoryTicketStore;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.InMemoryOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * Benchmark 4 (in memory), steady state: each store is filled once with {@link #population}
 * outstanding links, and every operation issues one link and consumes the one issued {@code
 * population} operations before it, so the number of outstanding links stays constant and the maps
 * never grow or shrink while measured.
 *
 * <ul>
 *   <li>{@code oursInMemory}: our {@link InMemoryTicketStore} as the engine uses it: 32 random
 *       bytes, base64url, SHA-256 on issue and again on consumption (from the token the customer
 *       brings), used links kept to answer "used" until their expiry plus the store's retention.
 *       Time is the engine's: a logical clock moving {@value #STEP_MILLIS} ms per operation, so
 *       used links are forgotten and swept as in production (each ticket is swept about 90 times in
 *       its 90 minutes, as it is at any request rate).
 *   <li>{@code springInMemory}: Spring Security's {@link InMemoryOneTimeTokenService} (a random
 *       UUID stored in clear, removed on use). Note: its {@code generate} scans the whole map for
 *       expired tokens whenever it holds 100 or more, so its cost grows with the population.
 *   <li>{@code floor}: the least any store of hashed links must do: 32 random bytes, base64url, one
 *       SHA-256 (a reused digest), one map put and one remove.
 * </ul>
 *
 * Run with 1 and 2 threads by {@link BenchmarkMain}; the population is shared among the threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TicketBenchmark {

  static final Duration LIFETIME = Duration.ofMinutes(30);

  /** Logical milliseconds per operation and thread: a link is consumed well before it expires. */
  static final long STEP_MILLIS = 10;

  /** The engine's epoch for the logical clock. */
  static final long EPOCH_MILLIS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Object PRESENT = new Object();

  /** Outstanding links in each store throughout (shared by the threads). */
  @Param({"100000"})
  public int population = 100_000;

  private final SecureRandom random = new SecureRandom();
  private final Tokens tokens = new Tokens(random);
  private final AtomicInteger threadIds = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong();
  final InMemoryTicketStore ours = new InMemoryTicketStore();
  final InMemoryOneTimeTokenService spring = new InMemoryOneTimeTokenService();
  final ConcurrentHashMap<ByteBuffer, Object> floorMap = new ConcurrentHashMap<>();

  /** Spring's own map, filled directly: its generate would scan the map once per token. */
  private Map<String, OneTimeToken> springMap() {
    try {
      Field f = InMemoryOneTimeTokenService.class.getDeclaredField("oneTimeTokenByToken");
      f.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<String, OneTimeToken> map = (Map<String, OneTimeToken>) f.get(spring);
      return map;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Spring's InMemoryOneTimeTokenService changed", e);
    }
  }

  /**
   * One thread's share of the population: the links it issued, oldest next, and its logical clock.
   */
  @State(Scope.Thread)
  public static class Ring {
    int slot;
    long ops;
    CustomerId[] ids = new CustomerId[0];
    String[] names = new String[0];
    String[] oursTokens = new String[0];
    String[] springTokens = new String[0];
    ByteBuffer[] floorKeys = new ByteBuffer[0];
    MessageDigest sha256;
    AtomicLong clock = new AtomicLong();

    /** Fills this thread's share of every store. */
    @Setup(Level.Trial)
    public void fill(TicketBenchmark b, BenchmarkParams params) throws NoSuchAlgorithmException {
      fill(b, params.getThreads());
    }

    void fill(TicketBenchmark b, int threads) throws NoSuchAlgorithmException {
      int prefix = b.threadIds.incrementAndGet();
      int size = Math.max(1, b.population / threads);
      ids = new CustomerId[size];
      names = new String[size];
      oursTokens = new String[size];
      springTokens = new String[size];
      floorKeys = new ByteBuffer[size];
      sha256 = MessageDigest.getInstance("SHA-256");
      clock = b.clock;
      Instant now = Instant.ofEpochMilli(EPOCH_MILLIS);
      // Spring's service reads the system clock.
      Instant springExpires = Instant.now().plus(LIFETIME);
      Map<String, OneTimeToken> springMap = b.springMap();
      for (int i = 0; i < size; i++) {
        names[i] = "c" + prefix + "-" + i;
        ids[i] = new CustomerId(names[i]);
        oursTokens[i] = b.issue(ids[i], now);
        String value = UUID.randomUUID().toString();
        springMap.put(value, new DefaultOneTimeToken(value, names[i], springExpires));
        springTokens[i] = value;
        floorKeys[i] = b.floorPut(sha256);
      }
    }

    /** The next slot: its link was issued {@code size} operations ago. */
    int next() {
      int s = slot;
      slot = s + 1 == oursTokens.length ? 0 : s + 1;
      return s;
    }

    /**
     * The engine's next instant. Each thread keeps its own logical clock and joins the shared one
     * every 256 operations, so threads never drift apart by more than a few hundred steps.
     */
    Instant tick() {
      long t = ++ops;
      if ((t & 255) == 0) {
        long shared = clock.accumulateAndGet(t, Math::max);
        ops = t = shared;
      }
      return Instant.ofEpochMilli(EPOCH_MILLIS + t * STEP_MILLIS);
    }
  }

  String issue(CustomerId id, Instant now) {
    String token = tokens.newToken();
    ours.save(
        new Ticket(
            Tokens.hash(token),
            id,
            TicketPurpose.SELF_SERVICE_RESET,
            now,
            now.plus(LIFETIME),
            null,
            null,
            null,
            null));
    return token;
  }

  ByteBuffer floorPut(MessageDigest sha256) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = BASE64URL.encodeToString(raw);
    ByteBuffer key = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.ISO_8859_1)));
    floorMap.put(key, PRESENT);
    return key;
  }

  /** Ours: consume the oldest link (hashing the token it carries), issue a new one. */
  @Benchmark
  public Ticket oursInMemory(Ring ring) {
    int s = ring.next();
    Instant now = ring.tick();
    Ticket used = ours.consume(Tokens.hash(ring.oursTokens[s]), now).orElseThrow();
    ring.oursTokens[s] = issue(ring.ids[s], now);
    return used;
  }

  /** Spring Security: consume the oldest token, generate a new one. */
  @Benchmark
  public OneTimeToken springInMemory(Ring ring) {
    int s = ring.next();
    OneTimeToken used = spring.consume(new OneTimeTokenAuthenticationToken(ring.springTokens[s]));
    if (used == null) {
      throw new IllegalStateException("the token was not consumed");
    }
    ring.springTokens[s] =
        spring.generate(new GenerateOneTimeTokenRequest(ring.names[s], LIFETIME)).getTokenValue();
    return used;
  }

  /** The floor: remove the oldest key, put a new one (random, base64url, one SHA-256). */
  @Benchmark
  public Object floor(Ring ring) {
    int s = ring.next();
    Object removed = floorMap.remove(ring.floorKeys[s]);
    if (removed == null) {
      throw new IllegalStateException("the key was not there");
    }
    ring.floorKeys[s] = floorPut(ring.sha256);
    return removed;
  }
}

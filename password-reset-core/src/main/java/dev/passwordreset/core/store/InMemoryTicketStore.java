package dev.passwordreset.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TicketStore} in memory, on Caffeine: each ticket is forgotten on its own, a retention
 * period (default 1 hour) after its expiry, so that a late click still learns "expired" rather than
 * "unknown". There is no size bound: an unexpired ticket is never evicted to make room (the
 * engine's throttles bound how many tickets can exist).
 *
 * <p>Tickets are held in a compact form (the token hash as four {@code long}s, times as epoch
 * milliseconds) with an index by customer, so revoking is proportional to the customer's own
 * tickets. Thread-safe; {@link #consume} is atomic.
 */
public final class InMemoryTicketStore implements TicketStore {

  private static final long NONE = Long.MIN_VALUE;

  private final Clock clock;
  private final long retentionMillis;
  private final Cache<Key, Entry> tickets;
  private final ConcurrentMap<CustomerId, Set<Key>> byCustomer = new ConcurrentHashMap<>();

  /** Creates a store on the system clock, keeping expired tickets for 1 hour. */
  public InMemoryTicketStore() {
    this(Clock.systemUTC(), Duration.ofHours(1));
  }

  /**
   * Creates a store.
   *
   * @param clock the clock its automatic expiry follows (the engine's)
   * @param retention how long an expired ticket is still kept, so it can be reported as expired;
   *     zero or more
   * @throws IllegalArgumentException if {@code retention} is negative
   */
  public InMemoryTicketStore(Clock clock, Duration retention) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    Objects.requireNonNull(retention, "retention must not be null");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative, was " + retention);
    }
    this.retentionMillis = retention.toMillis();
    this.tickets =
        Caffeine.newBuilder()
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .expireAfter(new TicketExpiry())
            .removalListener(
                (@Nullable Key key, @Nullable Entry entry, RemovalCause cause) -> {
                  if (key != null && entry != null && cause != RemovalCause.REPLACED) {
                    unindex(entry.customerId, key);
                  }
                })
            .build();
  }

  @Override
  public void save(Ticket ticket) {
    Objects.requireNonNull(ticket, "ticket must not be null");
    Key key = Key.of(ticket.tokenHash());
    Entry entry = Entry.of(ticket);
    byCustomer.compute(
        ticket.customerId(),
        (id, set) -> {
          Set<Key> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          s.add(key);
          return s;
        });
    if (tickets.asMap().putIfAbsent(key, entry) != null) {
      throw new PasswordResetException("a ticket with this token hash exists already");
    }
  }

  @Override
  public Optional<Ticket> findByTokenHash(String tokenHash) {
    Key key = Key.parse(tokenHash);
    if (key == null) {
      return Optional.empty();
    }
    Entry e = tickets.getIfPresent(key);
    return e == null ? Optional.empty() : Optional.of(e.toTicket(tokenHash));
  }

  @Override
  public Optional<Ticket> consume(String tokenHash, Instant consumedAt) {
    Objects.requireNonNull(consumedAt, "consumedAt must not be null");
    Key key = Key.parse(tokenHash);
    if (key == null) {
      return Optional.empty();
    }
    Entry[] won = {null};
    tickets
        .asMap()
        .computeIfPresent(
            key,
            (k, e) -> {
              if (e.consumedAt != NONE) {
                return e;
              }
              won[0] = e;
              return e.consumed(consumedAt.toEpochMilli());
            });
    return won[0] == null ? Optional.empty() : Optional.of(won[0].toTicket(tokenHash));
  }

  @Override
  public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
    Objects.requireNonNull(customerId, "customerId must not be null");
    Objects.requireNonNull(purposes, "purposes must not be null");
    Objects.requireNonNull(revokedAt, "revokedAt must not be null");
    Set<Key> keys = byCustomer.get(customerId);
    if (keys == null || purposes.isEmpty()) {
      return 0;
    }
    long at = revokedAt.toEpochMilli();
    int[] count = {0};
    for (Key key : keys) {
      tickets
          .asMap()
          .computeIfPresent(
              key,
              (k, e) -> {
                if (e.consumedAt == NONE && purposes.contains(e.purpose)) {
                  count[0]++;
                  return e.consumed(at);
                }
                return e;
              });
    }
    return count[0];
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    long nowMillis = now.toEpochMilli();
    int[] removed = {0};
    tickets
        .asMap()
        .entrySet()
        .removeIf(
            e -> {
              boolean expired = e.getValue().expiresAt <= nowMillis;
              if (expired) {
                removed[0]++;
              }
              return expired;
            });
    tickets.cleanUp();
    return removed[0];
  }

  /**
   * How many tickets are held (outstanding, used or expired but not yet forgotten).
   *
   * @return the number of tickets
   */
  public long size() {
    tickets.cleanUp();
    return tickets.estimatedSize();
  }

  private void unindex(CustomerId customerId, Key key) {
    byCustomer.computeIfPresent(
        customerId,
        (id, set) -> {
          set.remove(key);
          return set.isEmpty() ? null : set;
        });
  }

  private final class TicketExpiry implements Expiry<Key, Entry> {
    @Override
    public long expireAfterCreate(Key key, Entry value, long currentTime) {
      long millis = value.expiresAt + retentionMillis - clock.millis();
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    @Override
    public long expireAfterUpdate(Key key, Entry value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(Key key, Entry value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** The 32-byte token hash as four longs: 48 bytes instead of a 64-character string. */
  private record Key(long a, long b, long c, long d) {
    static Key of(String hex) {
      return new Key(
          HexFormat.fromHexDigitsToLong(hex, 0, 16),
          HexFormat.fromHexDigitsToLong(hex, 16, 32),
          HexFormat.fromHexDigitsToLong(hex, 32, 48),
          HexFormat.fromHexDigitsToLong(hex, 48, 64));
    }

    static @Nullable Key parse(String tokenHash) {
      Objects.requireNonNull(tokenHash, "tokenHash must not be null");
      try {
        Ticket.checkTokenHash(tokenHash);
      } catch (IllegalArgumentException e) {
        return null;
      }
      return of(tokenHash);
    }
  }

  private static final class Entry {
    final CustomerId customerId;
    final TicketPurpose purpose;
    final long issuedAt;
    final long expiresAt;
    final long consumedAt;
    final @Nullable String storefront;
    final @Nullable String issuedBy;
    final @Nullable String pendingPasswordHash;

    Entry(
        CustomerId customerId,
        TicketPurpose purpose,
        long issuedAt,
        long expiresAt,
        long consumedAt,
        @Nullable String storefront,
        @Nullable String issuedBy,
        @Nullable String pendingPasswordHash) {
      this.customerId = customerId;
      this.purpose = purpose;
      this.issuedAt = issuedAt;
      this.expiresAt = expiresAt;
      this.consumedAt = consumedAt;
      this.storefront = storefront;
      this.issuedBy = issuedBy;
      this.pendingPasswordHash = pendingPasswordHash;
    }

    static Entry of(Ticket t) {
      return new Entry(
          t.customerId(),
          t.purpose(),
          t.issuedAt().toEpochMilli(),
          t.expiresAt().toEpochMilli(),
          t.consumedAt() == null ? NONE : t.consumedAt().toEpochMilli(),
          t.storefront(),
          t.issuedBy(),
          t.pendingPasswordHash());
    }

    Entry consumed(long at) {
      return new Entry(
          customerId, purpose, issuedAt, expiresAt, at, storefront, issuedBy, pendingPasswordHash);
    }

    Ticket toTicket(String tokenHash) {
      return new Ticket(
          tokenHash,
          customerId,
          purpose,
          Instant.ofEpochMilli(issuedAt),
          Instant.ofEpochMilli(expiresAt),
          consumedAt == NONE ? null : Instant.ofEpochMilli(consumedAt),
          storefront,
          issuedBy,
          pendingPasswordHash);
    }
  }
}

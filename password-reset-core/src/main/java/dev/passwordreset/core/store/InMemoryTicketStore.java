package dev.passwordreset.core.store;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.internal.EngineTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TicketStore} in memory: each ticket is forgotten on its own, a retention period (default
 * 1 hour) after its expiry, so that a late click still learns "expired" rather than "unknown".
 * There is no size bound: an unexpired ticket is never evicted to make room (the engine's throttles
 * bound how many tickets can exist).
 *
 * <p>The store has no clock of its own: it decides by the instants the engine passes it (a ticket's
 * {@code issuedAt} on save, {@code now} on lookup, consumption, revocation and purge), so an engine
 * built on any {@link java.time.Clock} (a fixed one, one years ahead) sees every ticket exactly as
 * long as that clock says. A call without an instant ({@link #findByTokenHash(String)}, {@link
 * #size()}) decides by the latest instant the store has been given.
 *
 * <p>Tickets are held in a compact form (the token hash as four {@code long}s, times as epoch
 * milliseconds, one object per ticket that is both the key and the value of its map entry), about
 * 170 bytes of heap per ticket besides the customer id, with an index by customer, so revoking is
 * proportional to the customer's own tickets. A forgotten ticket is never returned; its memory is
 * reclaimed when it is next looked up, by {@link #purgeExpired}, by {@link #size()}, or by a sweep
 * that a {@link #save} starts at most once a minute.
 *
 * <p>Thread-safe; {@link #consume} is atomic.
 */
public final class InMemoryTicketStore implements TicketStore {

  private static final long NONE = Long.MIN_VALUE;
  private static final long SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

  private final long retentionMillis;
  private final ConcurrentHashMap<Key, Entry> tickets = new ConcurrentHashMap<>();

  /** Per customer: its one {@link Entry}, or an {@code Entry[]} when it has several. */
  private final ConcurrentHashMap<CustomerId, Object> byCustomer = new ConcurrentHashMap<>();

  /** The latest instant the engine has passed; {@link #NONE} before. */
  private final EngineTime latest = new EngineTime(NONE);

  /** When a save next sweeps forgotten tickets; {@link #NONE} until the first save. */
  private final AtomicLong nextSweep = new AtomicLong(NONE);

  /** Creates a store keeping expired tickets for 1 hour. */
  public InMemoryTicketStore() {
    this(Duration.ofHours(1));
  }

  /**
   * Creates a store.
   *
   * @param retention how long an expired ticket is still kept, so it can be reported as expired;
   *     zero or more
   * @throws IllegalArgumentException if {@code retention} is negative
   */
  public InMemoryTicketStore(Duration retention) {
    Objects.requireNonNull(retention, "retention must not be null");
    if (retention.isNegative()) {
      throw new InvalidSettingException("retention", retention, "must not be negative");
    }
    this.retentionMillis = retention.toMillis();
  }

  /**
   * Creates a store as {@link #InMemoryTicketStore(Duration)} does. The store no longer reads a
   * clock: it takes every instant from the engine, so an engine on any clock (a fixed one, one far
   * from the system's) sees its tickets exactly as that clock says.
   *
   * @param clock ignored
   * @param retention as for {@link #InMemoryTicketStore(Duration)}
   * @throws IllegalArgumentException if {@code retention} is negative
   * @deprecated the clock is ignored; use {@link #InMemoryTicketStore(Duration)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public InMemoryTicketStore(Clock clock, Duration retention) {
    this(retention);
    Objects.requireNonNull(clock, "clock must not be null");
  }

  /** Takes an instant from the engine: the later of it and the latest one seen. */
  private long now(Instant instant) {
    return latest.advanceTo(instant);
  }

  @Override
  public void save(Ticket ticket) {
    Objects.requireNonNull(ticket, "ticket must not be null");
    long now = now(ticket.issuedAt());
    nextSweep.compareAndSet(NONE, now + SWEEP_INTERVAL_MILLIS);
    Entry entry = Entry.of(ticket);
    index(entry);
    Entry existing = tickets.putIfAbsent(entry, entry);
    if (existing != null && forgotten(existing, now)) {
      // A forgotten ticket is as good as absent, whether this thread or another removes it.
      removeExactly(existing);
      existing = tickets.putIfAbsent(entry, entry);
    }
    if (existing != null) {
      unindex(entry);
      throw new PasswordResetException("a ticket with this token hash exists already");
    }
    long due = nextSweep.get();
    if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
      sweep(now, NONE);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Decides by the latest instant the store has been given; the engine calls {@link
   * #findByTokenHash(String, Instant)}.
   */
  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
    return find(tokenHash, latest.millis());
  }

  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    return find(tokenHash, now(now));
  }

  private Optional<Ticket> find(TokenHash tokenHash, long now) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    Key key = Key.of(tokenHash);
    Entry e = visible(key, now);
    return e == null ? Optional.empty() : Optional.of(e.toTicket(tokenHash, e.consumedAt));
  }

  @Override
  public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    Objects.requireNonNull(consumedAt, "consumedAt must not be null");
    Key key = Key.of(tokenHash);
    long at = consumedAt.toEpochMilli();
    long now = now(consumedAt);
    Entry[] won = {null};
    tickets.computeIfPresent(
        key,
        (k, e) -> {
          if (e.consumedAt == NONE && e.expiresAt > at && !forgotten(e, now)) {
            e.consumedAt = at;
            won[0] = e;
          }
          return e;
        });
    // The ticket as it was before this call: outstanding.
    return won[0] == null ? Optional.empty() : Optional.of(won[0].toTicket(tokenHash, NONE));
  }

  @Override
  public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
    Objects.requireNonNull(customerId, "customerId must not be null");
    Objects.requireNonNull(purposes, "purposes must not be null");
    Objects.requireNonNull(revokedAt, "revokedAt must not be null");
    Object indexed = byCustomer.get(customerId);
    if (indexed == null || purposes.isEmpty()) {
      return 0;
    }
    long at = revokedAt.toEpochMilli();
    long now = now(revokedAt);
    int[] count = {0};
    for (Entry entry : entries(indexed)) {
      tickets.computeIfPresent(
          entry,
          (k, e) -> {
            if (e == entry
                && e.consumedAt == NONE
                && !forgotten(e, now)
                && purposes.contains(e.purpose)) {
              e.consumedAt = at;
              count[0]++;
            }
            return e;
          });
    }
    return count[0];
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    return sweep(now(now), now.toEpochMilli());
  }

  /**
   * How many tickets are held (outstanding, used or expired but not yet forgotten).
   *
   * @return the number of tickets
   */
  public long size() {
    long now = latest.millis();
    if (now != NONE) {
      sweep(now, NONE);
    }
    return tickets.size();
  }

  /**
   * Forgets the tickets past their retention and, if {@code expiredBy} is not {@link #NONE}, those
   * expired by then.
   *
   * @return how many tickets expired by {@code expiredBy} were removed (forgotten ones not counted)
   */
  private int sweep(long now, long expiredBy) {
    int removed = 0;
    for (Entry e : tickets.values()) {
      boolean forgotten = forgotten(e, now);
      boolean expired = expiredBy != NONE && e.expiresAt <= expiredBy;
      if ((forgotten || expired) && removeExactly(e)) {
        if (!forgotten) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** The entry for a key unless it is forgotten (then it is removed on the way). */
  private @Nullable Entry visible(Key key, long now) {
    Entry e = tickets.get(key);
    if (e == null) {
      return null;
    }
    if (forgotten(e, now)) {
      removeExactly(e);
      return null;
    }
    return e;
  }

  /**
   * Removes this very entry (not another one with the same token hash) and unindexes it.
   *
   * @return whether it was still there
   */
  private boolean removeExactly(Entry entry) {
    boolean[] removed = {false};
    tickets.computeIfPresent(
        entry,
        (k, e) -> {
          if (e != entry) {
            return e;
          }
          removed[0] = true;
          return null;
        });
    if (removed[0]) {
      unindex(entry);
    }
    return removed[0];
  }

  private boolean forgotten(Entry e, long now) {
    return now != NONE && now >= e.expiresAt + retentionMillis;
  }

  private void index(Entry entry) {
    byCustomer.compute(
        entry.customerId,
        (id, v) -> {
          if (v == null) {
            return entry;
          }
          Entry[] old = entries(v);
          Entry[] grown = Arrays.copyOf(old, old.length + 1);
          grown[old.length] = entry;
          return grown;
        });
  }

  private void unindex(Entry entry) {
    byCustomer.computeIfPresent(
        entry.customerId,
        (id, v) -> {
          Entry[] old = entries(v);
          int at = -1;
          for (int i = 0; i < old.length; i++) {
            if (old[i] == entry) {
              at = i;
              break;
            }
          }
          if (at < 0) {
            return v;
          }
          if (old.length == 1) {
            return null;
          }
          if (old.length == 2) {
            return old[1 - at];
          }
          Entry[] shrunk = new Entry[old.length - 1];
          System.arraycopy(old, 0, shrunk, 0, at);
          System.arraycopy(old, at + 1, shrunk, at, old.length - at - 1);
          return shrunk;
        });
  }

  private static Entry[] entries(Object indexed) {
    return indexed instanceof Entry e ? new Entry[] {e} : (Entry[]) indexed;
  }

  /** The 32-byte token hash as four longs: the key of the map (and of every entry). */
  private static class Key {
    final long a;
    final long b;
    final long c;
    final long d;

    Key(long a, long b, long c, long d) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
    }

    static Key of(TokenHash hash) {
      return new Key(hash.word(0), hash.word(1), hash.word(2), hash.word(3));
    }

    @Override
    public final boolean equals(@Nullable Object o) {
      return o instanceof Key k && a == k.a && b == k.b && c == k.c && d == k.d;
    }

    @Override
    public final int hashCode() {
      return Long.hashCode(a ^ b ^ c ^ d);
    }
  }

  /** A ticket: its own key, so the map holds one object per ticket. */
  private static final class Entry extends Key {
    final CustomerId customerId;
    final TicketPurpose purpose;
    final long issuedAt;
    final long expiresAt;

    /** {@link #NONE} while outstanding; written only inside the map's compute (atomically). */
    volatile long consumedAt;

    /** Storefront, issuer and pending hash, which most self-service tickets do not have. */
    final @Nullable Extras extras;

    private Entry(Key key, Ticket t, @Nullable Extras extras) {
      super(key.a, key.b, key.c, key.d);
      this.customerId = t.customerId();
      this.purpose = t.purpose();
      this.issuedAt = t.issuedAt().toEpochMilli();
      this.expiresAt = t.expiresAt().toEpochMilli();
      this.consumedAt = t.consumedAt() == null ? NONE : t.consumedAt().toEpochMilli();
      this.extras = extras;
    }

    static Entry of(Ticket t) {
      Extras extras =
          t.storefront() == null && t.issuedBy() == null && t.pendingPasswordHash() == null
              ? null
              : new Extras(t.storefront(), t.issuedBy(), t.pendingPasswordHash());
      return new Entry(Key.of(t.tokenHash()), t, extras);
    }

    Ticket toTicket(TokenHash tokenHash, long consumed) {
      Extras x = extras;
      return new Ticket(
          tokenHash,
          customerId,
          purpose,
          Instant.ofEpochMilli(issuedAt),
          Instant.ofEpochMilli(expiresAt),
          consumed == NONE ? null : Instant.ofEpochMilli(consumed),
          x == null ? null : x.storefront,
          x == null ? null : x.issuedBy,
          x == null ? null : x.pendingPasswordHash);
    }
  }

  private record Extras(
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingPasswordHash) {}
}

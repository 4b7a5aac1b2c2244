package dev.passwordreset.core.store;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.internal.EngineTime;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * long as that clock says. A call without an instant ({@link #findByTokenHash(TokenHash)}, {@link
 * #size()}) decides by the latest instant the store has been given.
 *
 * <p>Tickets are held in a compact form: one object per ticket (the token hash as four {@code
 * long}s, times as epoch milliseconds) chained into two hash tables of its own, one by token hash
 * and one by customer, each split into {@value #SEGMENTS} segments with a lock each; about 100
 * bytes of heap per ticket besides the customer id. Lookups by token hash read without locking;
 * {@link #consume} is then a compare-and-set on the ticket's consumption time, which allocates
 * nothing but the ticket it returns. Revoking walks only the customer's bucket. A forgotten ticket
 * is never returned; its memory is reclaimed when it is next looked up, by {@link #purgeExpired},
 * by {@link #size()}, or by a sweep that a {@link #save} starts at most once a minute. That sweep
 * visits only the tickets due to be forgotten by then (they are listed by the minute they are due),
 * so a ticket costs one visit in its life, however many tickets the store holds.
 *
 * <p>Thread-safe; {@link #consume} is atomic.
 */
public final class InMemoryTicketStore implements TicketStore {

  private static final long NONE = Long.MIN_VALUE;
  private static final long SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

  /** Segments per table: a power of two. */
  private static final int SEGMENTS = 64;

  private static final int SEGMENT_SHIFT = 32 - Integer.numberOfTrailingZeros(SEGMENTS);
  private static final int INITIAL_BUCKETS = 8;

  /** Lists per due minute: a power of two. */
  private static final int STRIPES = 8;

  private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(Entry[].class);

  private final long retentionMillis;

  /** By token hash; chained through {@link Entry#nextByHash}. */
  private final HashSegment[] byHash = new HashSegment[SEGMENTS];

  /** By customer; chained through {@link Entry#nextOfCustomer}. Lock order: hash, then customer. */
  private final CustomerSegment[] byCustomer = new CustomerSegment[SEGMENTS];

  /** The latest instant the engine has passed; {@link #NONE} before. */
  private final EngineTime latest = new EngineTime(NONE);

  /**
   * The tickets by the minute they are due to be forgotten ({@code expiresAt + retention}), for the
   * sweep. A ticket removed before then stays listed until its minute is swept (or a purge).
   */
  private final ConcurrentSkipListMap<Long, Due> due = new ConcurrentSkipListMap<>();

  /**
   * Per stripe (a thread keeps to one, so concurrent saves rarely share a list): the list a save
   * used last; most saves of a minute share one.
   */
  private final AtomicReferenceArray<@Nullable Due> lastDue = new AtomicReferenceArray<>(STRIPES);

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
    for (int i = 0; i < SEGMENTS; i++) {
      byHash[i] = new HashSegment();
      byCustomer[i] = new CustomerSegment();
    }
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
    HashSegment segment = byHash[entry.hash() >>> SEGMENT_SHIFT];
    boolean duplicate;
    boolean replaced = false;
    synchronized (segment) {
      Entry existing = segment.find(entry.w0, entry.w1, entry.w2, entry.w3, entry.hash());
      // A forgotten ticket is as good as absent.
      if (existing != null && forgotten(existing, now)) {
        segment.unlink(existing);
        unindex(existing);
        existing = null;
        replaced = true;
      }
      duplicate = existing != null;
      if (!duplicate) {
        segment.link(entry);
      }
    }
    if (duplicate) {
      unindex(entry);
      throw new PasswordResetException("a ticket with this token hash exists already");
    }
    list(entry);
    long next = nextSweep.get();
    if (replaced || (now >= next && nextSweep.compareAndSet(next, now + SWEEP_INTERVAL_MILLIS))) {
      sweepDue(now);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Decides by the latest instant the store has been given; the engine calls {@link
   * #findByTokenHash(TokenHash, Instant)}.
   */
  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    return find(tokenHash, latest.millis());
  }

  @Override
  public Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    Objects.requireNonNull(now, "now must not be null");
    return find(tokenHash, now(now));
  }

  private Optional<Ticket> find(TokenHash tokenHash, long now) {
    Entry e = visible(tokenHash, now);
    return e == null
        ? Optional.empty()
        : Optional.of(e.toTicket(tokenHash, e.consumedAt, e.revoked));
  }

  @Override
  public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
    Objects.requireNonNull(tokenHash, "tokenHash must not be null");
    Objects.requireNonNull(consumedAt, "consumedAt must not be null");
    long at = consumedAt.toEpochMilli();
    Entry e = visible(tokenHash, now(consumedAt));
    // Expired by the consumption instant: refused, and left as it is.
    if (e == null || e.expiresAt <= at || !e.markConsumed(at)) {
      return Optional.empty();
    }
    // The ticket as it was before this call: outstanding.
    return Optional.of(e.toTicket(tokenHash, NONE, false));
  }

  @Override
  public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
    Objects.requireNonNull(customerId, "customerId must not be null");
    Objects.requireNonNull(purposes, "purposes must not be null");
    Objects.requireNonNull(revokedAt, "revokedAt must not be null");
    long at = revokedAt.toEpochMilli();
    long now = now(revokedAt);
    if (purposes.isEmpty()) {
      return 0;
    }
    int h = customerHash(customerId);
    CustomerSegment segment = byCustomer[h >>> SEGMENT_SHIFT];
    int count = 0;
    synchronized (segment) {
      Entry[] table = segment.table;
      for (Entry e = table[h & (table.length - 1)]; e != null; e = e.nextOfCustomer) {
        if (e.customerId.equals(customerId)
            && purposes.contains(e.purpose)
            && e.consumedAt == NONE
            && !forgotten(e, now)
            && e.markConsumed(at)) {
          // Set just after the claim: a reader in between sees it used, a moment too early.
          e.revoked = true;
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public int recordFailedAttempt(
      CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
    TicketStore.checkFailedAttempt(customerId, purpose, limit, now);
    long at = now.toEpochMilli();
    long engineNow = now(now);
    int h = customerHash(customerId);
    CustomerSegment segment = byCustomer[h >>> SEGMENT_SHIFT];
    int counted = 0;
    // The segment's lock orders the counts; the kill is the same claim as a consumption's, so a
    // concurrent consume and the killing try cannot both win.
    synchronized (segment) {
      Entry[] table = segment.table;
      for (Entry e = table[h & (table.length - 1)]; e != null; e = e.nextOfCustomer) {
        if (e.customerId.equals(customerId)
            && e.purpose == purpose
            && e.consumedAt == NONE
            && e.expiresAt > at
            && !forgotten(e, engineNow)) {
          int attempts = e.failedAttempts + 1;
          if (attempts >= limit) {
            if (!e.markConsumed(at)) {
              // Used by a consume (which takes no lock) since the check above: that consume came
              // first, so this try found no code and counts nothing.
              continue;
            }
            e.revoked = true;
          }
          e.failedAttempts = attempts;
          counted = Math.max(counted, Math.min(attempts, limit));
        }
      }
    }
    return counted;
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
    long size = 0;
    for (HashSegment segment : byHash) {
      synchronized (segment) {
        size += segment.count;
      }
    }
    return size;
  }

  /**
   * Forgets the tickets past their retention and, if {@code expiredBy} is not {@link #NONE}, those
   * expired by then.
   *
   * @return how many tickets expired by {@code expiredBy} were removed (forgotten ones not counted)
   */
  private int sweep(long now, long expiredBy) {
    int removed = sweepTables(now, expiredBy);
    // Drop the listings of what was removed, so its memory is reclaimed now.
    for (Long minute : new ArrayList<>(due.keySet())) {
      drain(minute, now);
    }
    return removed;
  }

  private int sweepTables(long now, long expiredBy) {
    int removed = 0;
    for (HashSegment segment : byHash) {
      synchronized (segment) {
        Entry[] table = segment.table;
        for (int i = 0; i < table.length; i++) {
          Entry e = table[i];
          while (e != null) {
            Entry next = e.nextByHash;
            boolean forgotten = forgotten(e, now);
            if (forgotten || (expiredBy != NONE && e.expiresAt <= expiredBy)) {
              segment.unlink(e);
              unindex(e);
              if (!forgotten) {
                removed++;
              }
            }
            e = next;
          }
        }
      }
    }
    return removed;
  }

  /** The entry for a token hash unless it is forgotten (then it is removed on the way). */
  private @Nullable Entry visible(TokenHash tokenHash, long now) {
    long w0 = tokenHash.word(0);
    long w1 = tokenHash.word(1);
    long w2 = tokenHash.word(2);
    long w3 = tokenHash.word(3);
    int hash = TokenHash.hashCode(w0, w1, w2, w3);
    HashSegment segment = byHash[hash >>> SEGMENT_SHIFT];
    Entry e = segment.findWithoutLock(w0, w1, w2, w3, hash);
    if (e == null) {
      // Not seen without the lock: a concurrent resize may have hidden it for a moment.
      synchronized (segment) {
        e = segment.find(w0, w1, w2, w3, hash);
      }
    }
    if (e != null && forgotten(e, now)) {
      synchronized (segment) {
        if (segment.unlink(e)) {
          unindex(e);
        }
      }
      sweepDue(now); // its minute is due: drops its listing too, so its memory is reclaimed now
      return null;
    }
    return e;
  }

  private static long minuteOf(long millis) {
    return Math.floorDiv(millis, 60_000L);
  }

  /** The minute a ticket is due to be forgotten; saturates far in the future. */
  private long dueMinute(Entry e) {
    long at = e.expiresAt + retentionMillis;
    return minuteOf(at < e.expiresAt ? Long.MAX_VALUE : at);
  }

  /** Lists a ticket under the minute it is due to be forgotten, in this thread's stripe. */
  private void list(Entry entry) {
    int stripe = System.identityHashCode(Thread.currentThread()) & (STRIPES - 1);
    long key = dueMinute(entry) * STRIPES + stripe;
    while (true) {
      Due d = lastDue.get(stripe);
      if (d == null || d.key != key) {
        d = due.computeIfAbsent(key, Due::new);
        lastDue.set(stripe, d);
      }
      if (d.add(entry)) {
        return;
      }
      // Taken by a sweep just now: list it afresh.
      due.remove(key, d);
      lastDue.compareAndSet(stripe, d, null);
    }
  }

  /** Visits the tickets due to be forgotten by {@code now}: removes those that are. */
  private void sweepDue(long now) {
    long last = minuteOf(now) * STRIPES + STRIPES - 1;
    for (Long key : new ArrayList<>(due.headMap(last, true).keySet())) {
      drain(key, now);
    }
  }

  /**
   * Takes a minute's list: each ticket still held is removed if forgotten by {@code now}, or listed
   * again; those removed already are dropped.
   */
  private void drain(Long key, long now) {
    Due d = due.remove(key);
    if (d == null) {
      return;
    }
    for (Entry e : d.close()) {
      HashSegment segment = byHash[e.hash() >>> SEGMENT_SHIFT];
      boolean held;
      synchronized (segment) {
        held = segment.find(e.w0, e.w1, e.w2, e.w3, e.hash()) == e;
        if (held && forgotten(e, now)) {
          segment.unlink(e);
          unindex(e);
          held = false;
        }
      }
      if (held) {
        list(e);
      }
    }
  }

  private boolean forgotten(Entry e, long now) {
    return now != NONE && now >= e.expiresAt + retentionMillis;
  }

  private static int customerHash(CustomerId id) {
    int h = id.hashCode();
    return (h ^ (h >>> 16)) * 0x9E3779B9;
  }

  private void index(Entry entry) {
    int h = entry.customerHash;
    CustomerSegment segment = byCustomer[h >>> SEGMENT_SHIFT];
    synchronized (segment) {
      segment.link(entry, h);
    }
  }

  private void unindex(Entry entry) {
    int h = entry.customerHash;
    CustomerSegment segment = byCustomer[h >>> SEGMENT_SHIFT];
    synchronized (segment) {
      segment.unlink(entry, h);
    }
  }

  /**
   * One segment of the table by token hash. Changed only under its lock; read without it too: a
   * bucket is read with acquire semantics and links are volatile, so a reader sees whole entries,
   * and an unlinked entry still leads on to the rest of its chain. Only a resize can make a reader
   * miss an entry, so a miss is checked again under the lock.
   */
  private static final class HashSegment {
    volatile Entry[] table = new Entry[INITIAL_BUCKETS];
    int count;

    @Nullable Entry findWithoutLock(long w0, long w1, long w2, long w3, int hash) {
      Entry[] t = table;
      Entry e = (Entry) BUCKET.getAcquire(t, hash & (t.length - 1));
      while (e != null && !e.matches(w0, w1, w2, w3)) {
        e = e.nextByHash;
      }
      return e;
    }

    /** Under the lock. */
    @Nullable Entry find(long w0, long w1, long w2, long w3, int hash) {
      Entry[] t = table;
      Entry e = t[hash & (t.length - 1)];
      while (e != null && !e.matches(w0, w1, w2, w3)) {
        e = e.nextByHash;
      }
      return e;
    }

    /** Under the lock. */
    void link(Entry entry) {
      Entry[] t = table;
      int i = entry.hash() & (t.length - 1);
      entry.nextByHash = t[i];
      BUCKET.setRelease(t, i, entry);
      if (++count > t.length) {
        resize(t);
      }
    }

    /** Under the lock: removes this very entry; whether it was there. */
    boolean unlink(Entry entry) {
      Entry[] t = table;
      int i = entry.hash() & (t.length - 1);
      Entry prev = null;
      for (Entry e = t[i]; e != null; prev = e, e = e.nextByHash) {
        if (e == entry) {
          if (prev == null) {
            BUCKET.setRelease(t, i, e.nextByHash);
          } else {
            prev.nextByHash = e.nextByHash;
          }
          count--;
          return true;
        }
      }
      return false;
    }

    private void resize(Entry[] old) {
      Entry[] grown = new Entry[old.length * 2];
      int mask = grown.length - 1;
      for (Entry head : old) {
        for (Entry e = head; e != null; ) {
          Entry next = e.nextByHash;
          int i = e.hash() & mask;
          e.nextByHash = grown[i];
          grown[i] = e;
          e = next;
        }
      }
      table = grown;
    }
  }

  /** One segment of the index by customer; used only under its lock. */
  private static final class CustomerSegment {
    Entry[] table = new Entry[INITIAL_BUCKETS];
    int count;

    void link(Entry entry, int h) {
      Entry[] t = table;
      int i = h & (t.length - 1);
      entry.nextOfCustomer = t[i];
      t[i] = entry;
      // Up to two tickets per bucket: revoking walks one short chain, and buckets cost less.
      if (++count > 2 * t.length) {
        Entry[] grown = new Entry[t.length * 2];
        int mask = grown.length - 1;
        for (Entry head : t) {
          for (Entry e = head; e != null; ) {
            Entry next = e.nextOfCustomer;
            int j = e.customerHash & mask;
            e.nextOfCustomer = grown[j];
            grown[j] = e;
            e = next;
          }
        }
        table = grown;
      }
    }

    void unlink(Entry entry, int h) {
      Entry[] t = table;
      int i = h & (t.length - 1);
      Entry prev = null;
      for (Entry e = t[i]; e != null; prev = e, e = e.nextOfCustomer) {
        if (e == entry) {
          if (prev == null) {
            t[i] = e.nextOfCustomer;
          } else {
            prev.nextOfCustomer = e.nextOfCustomer;
          }
          e.nextOfCustomer = null;
          count--;
          return;
        }
      }
    }
  }

  /** The tickets due to be forgotten in one minute; an array, so listing costs no node. */
  private static final class Due {
    /** Due minute × stripes + stripe. */
    final long key;

    private Entry[] items = new Entry[16];
    private int size;
    private boolean closed;

    Due(Long key) {
      this.key = key;
    }

    /** Adds one; false if the list was taken by a sweep meanwhile. */
    synchronized boolean add(Entry e) {
      if (closed) {
        return false;
      }
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = e;
      return true;
    }

    /** Takes the list: later adds go to a new one. */
    synchronized List<Entry> close() {
      closed = true;
      List<Entry> out = Arrays.asList(Arrays.copyOf(items, size));
      items = new Entry[0];
      size = 0;
      return out;
    }
  }

  /** A ticket, in both tables at once. */
  private static final class Entry {
    private static final VarHandle CONSUMED_AT;

    static {
      try {
        CONSUMED_AT = MethodHandles.lookup().findVarHandle(Entry.class, "consumedAt", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final long w0;
    final long w1;
    final long w2;
    final long w3;
    final long expiresAt;

    /** {@link #NONE} while outstanding; set once, by {@link #markConsumed}. */
    volatile long consumedAt;

    /** Whether {@link #consumedAt} is a revocation rather than a use; set once, after it. */
    volatile boolean revoked;

    /** Wrong tries of a code; guarded by its customer segment's lock. */
    int failedAttempts;

    /** {@code expiresAt - issuedAt} in milliseconds, or 0 when it does not fit (then in extras). */
    final int lifetime;

    final CustomerId customerId;

    /**
     * The customer id's spread hash code, kept (in what would be padding) so the index never reads
     * the id's string.
     */
    final int customerHash;

    final TicketPurpose purpose;

    /** Storefront, issuer, pending hash and a long lifetime, which most tickets do not have. */
    final @Nullable Extras extras;

    /** Next in its bucket by token hash; written under that segment's lock. */
    volatile @Nullable Entry nextByHash;

    /** Next in its bucket by customer; guarded by that segment's lock. */
    @Nullable Entry nextOfCustomer;

    private Entry(TokenHash h, Ticket t, int lifetime, @Nullable Extras extras) {
      this.w0 = h.word(0);
      this.w1 = h.word(1);
      this.w2 = h.word(2);
      this.w3 = h.word(3);
      this.customerId = t.customerId();
      this.customerHash = customerHash(customerId);
      this.purpose = t.purpose();
      this.expiresAt = t.expiresAt().toEpochMilli();
      this.lifetime = lifetime;
      Instant consumed = t.consumedAt();
      this.consumedAt = consumed == null ? NONE : consumed.toEpochMilli();
      this.revoked = t.revoked();
      this.extras = extras;
    }

    static Entry of(Ticket t) {
      long issued = t.issuedAt().toEpochMilli();
      long span = t.expiresAt().toEpochMilli() - issued;
      int lifetime = span > 0 && span <= Integer.MAX_VALUE ? (int) span : 0;
      Extras extras =
          t.storefront() == null
                  && t.issuedBy() == null
                  && t.pendingPasswordHash() == null
                  && lifetime != 0
              ? null
              : new Extras(t.storefront(), t.issuedBy(), t.pendingPasswordHash(), issued);
      return new Entry(t.tokenHash(), t, lifetime, extras);
    }

    /** The token hash's hash code: segment and bucket. */
    int hash() {
      return TokenHash.hashCode(w0, w1, w2, w3);
    }

    boolean matches(long a, long b, long c, long d) {
      return w0 == a && w1 == b && w2 == c && w3 == d;
    }

    /** Marks it used or revoked at {@code at}, if it was outstanding; whether this call did. */
    boolean markConsumed(long at) {
      return CONSUMED_AT.compareAndSet(this, NONE, at);
    }

    Ticket toTicket(TokenHash tokenHash, long consumed, boolean wasRevoked) {
      Extras x = extras;
      long issuedAt = lifetime != 0 ? expiresAt - lifetime : Objects.requireNonNull(x).issuedAt;
      return new Ticket(
          tokenHash,
          customerId,
          purpose,
          Instant.ofEpochMilli(issuedAt),
          Instant.ofEpochMilli(expiresAt),
          consumed == NONE ? null : Instant.ofEpochMilli(consumed),
          x == null ? null : x.storefront,
          x == null ? null : x.issuedBy,
          x == null ? null : x.pendingPasswordHash,
          wasRevoked && consumed != NONE);
    }
  }

  private record Extras(
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingPasswordHash,
      long issuedAt) {}
}

package dev.passwordreset.core.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.testkit.TicketStoreContract;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The wrong-try tests of {@link TicketStoreContract} can fail: run against stores whose counter is
 * broken in the ways a real store could be (a read-then-write count that loses updates, a kill that
 * is a separate step from the count, no kill at all, expiry not judged), each fails; against the
 * in-memory store, each passes. The broken counters widen their race windows with a short sleep, so
 * the races are lost on any machine, however loaded.
 */
class TicketStoreContractCatchesBrokenCountersTest {

  /** Runs one of the contract's tests on a store; returns what it threw. */
  private static ThrowingCallable contractTest(TicketStore store, ContractTest test) {
    TicketStoreContract contract =
        new TicketStoreContract() {
          @Override
          protected TicketStore createStore() {
            return store;
          }
        };
    return () -> {
      contract.createStoreUnderTest();
      test.run(contract);
    };
  }

  @FunctionalInterface
  private interface ContractTest {
    void run(TicketStoreContract contract) throws Exception;
  }

  @Test
  void theRaceOfWrongTriesFailsAStoreThatLosesUpdates() {
    ContractTest race =
        TicketStoreContract::concurrentWrongTriesCountExactlyAndKillTheCodeAtTheLimit;

    assertThatThrownBy(contractTest(new ReadThenWriteCounter(false), race))
        .isInstanceOf(AssertionError.class);
    assertThatCode(contractTest(new InMemoryTicketStore(), race)).doesNotThrowAnyException();
  }

  @Test
  void theRaceOfConsumeAndKillFailsAStoreWhoseKillIsASeparateStep() {
    ContractTest duel = TicketStoreContract::consumeRacingTheKillingTryNeverBothWin;

    assertThatThrownBy(contractTest(new CountThenRevoke(), duel))
        .isInstanceOf(AssertionError.class);
    assertThatCode(contractTest(new InMemoryTicketStore(), duel)).doesNotThrowAnyException();
  }

  @Test
  void theKillTestFailsAStoreThatNeverRevokes() {
    ContractTest kill = TicketStoreContract::recordFailedAttemptReachingTheLimitRevokesTheCode;

    assertThatThrownBy(contractTest(new ReadThenWriteCounter(true), kill))
        .isInstanceOf(AssertionError.class);
    assertThatCode(contractTest(new InMemoryTicketStore(), kill)).doesNotThrowAnyException();
  }

  @Test
  void theExpiryTestFailsAStoreThatCountsExpiredCodes() {
    ContractTest expiry = TicketStoreContract::recordFailedAttemptOnAnExpiredCodeThenZero;

    assertThatThrownBy(contractTest(new ReadThenWriteCounter(false), expiry))
        .isInstanceOf(AssertionError.class);
    assertThatCode(contractTest(new InMemoryTicketStore(), expiry)).doesNotThrowAnyException();
  }

  /** Everything but the counter is core's in-memory store. */
  private abstract static class Delegating implements TicketStore {
    final InMemoryTicketStore delegate = new InMemoryTicketStore();

    @Override
    public void save(Ticket ticket) {
      delegate.save(ticket);
    }

    @Override
    public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
      return delegate.findByTokenHash(tokenHash);
    }

    @Override
    public Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
      return delegate.findByTokenHash(tokenHash, now);
    }

    @Override
    public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
      return delegate.consume(tokenHash, consumedAt);
    }

    @Override
    public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
      return delegate.revoke(customerId, purposes, revokedAt);
    }

    @Override
    public int purgeExpired(Instant now) {
      return delegate.purgeExpired(now);
    }

    static void pause() {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Reads the count, then writes it plus one (lost updates under a race); judges neither expiry nor
   * use; revokes at the limit unless told never to.
   */
  private static final class ReadThenWriteCounter extends Delegating {
    private final Map<CustomerId, Integer> counts = new ConcurrentHashMap<>();
    private final boolean neverRevoke;

    ReadThenWriteCounter(boolean neverRevoke) {
      this.neverRevoke = neverRevoke;
    }

    @Override
    public int recordFailedAttempt(
        CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
      int count = counts.getOrDefault(customerId, 0);
      pause();
      count++;
      counts.put(customerId, count);
      if (count >= limit && !neverRevoke) {
        delegate.revoke(customerId, Set.of(purpose), now);
      }
      return Math.min(count, limit);
    }
  }

  /**
   * Counts atomically, and revokes at the limit in a second step: a consume in between wins beside
   * the killing try.
   */
  private static final class CountThenRevoke extends Delegating {
    private final Map<CustomerId, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public int recordFailedAttempt(
        CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
      int count = counts.merge(customerId, 1, Integer::sum);
      if (count > limit) {
        return 0;
      }
      if (count == limit) {
        pause();
        delegate.revoke(customerId, Set.of(purpose), now);
      }
      return count;
    }
  }
}

package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.testkit.TicketStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ticket store contract on one database; a small purge batch so the bulk test spans several.
 * Also what only the JDBC store promises: issuing (revoke older + insert) in one transaction, and
 * expiry judged by the consume statement itself.
 */
abstract class AbstractJdbcTicketStoreTest extends TicketStoreContract {

  abstract TestDatabase database();

  @Override
  protected TicketStore createStore() {
    database().deleteAll(JdbcSchema.DEFAULT_TICKET_TABLE);
    return JdbcTicketStore.builder(database().dataSource(), database().dialect())
        .purgeBatchSize(7)
        .build();
  }

  @Override
  protected int bulkPurgeSize() {
    return 40;
  }

  /** The consume statement refuses a ticket whose expiry is at or before the consumption. */
  @Test
  void consumeRefusesATicketWhoseExpiryIsNotAfterTheInstantOfConsumption() {
    Instant expiry = NOW.plusSeconds(60);
    Ticket atExpiry = ticket("c1", TicketPurpose.SELF_SERVICE_RESET, expiry);
    Ticket pastExpiry = ticket("c1", TicketPurpose.SELF_SERVICE_RESET, expiry);
    Ticket justBefore = ticket("c1", TicketPurpose.SELF_SERVICE_RESET, expiry);
    store().save(atExpiry);
    store().save(pastExpiry);
    store().save(justBefore);

    assertThat(store().consume(atExpiry.tokenHash(), expiry)).isEmpty();
    assertThat(store().consume(pastExpiry.tokenHash(), expiry.plusMillis(1))).isEmpty();
    assertThat(store().consume(justBefore.tokenHash(), expiry.minusMillis(1))).contains(justBefore);
    assertThat(store().findByTokenHash(atExpiry.tokenHash()).orElseThrow().consumedAt())
        .as("an expired ticket is left as it was")
        .isNull();
  }

  /** Issuing revokes the customer's older tickets of the given purposes and saves the new one. */
  @Test
  void saveRevokingRevokesTheOlderTicketsOfThosePurposesAndSavesTheNewOne() {
    Ticket older = ticket("c1", TicketPurpose.SELF_SERVICE_RESET, NOW.plus(Duration.ofHours(1)));
    Ticket agent = ticket("c1", TicketPurpose.AGENT_RESET, NOW.plus(Duration.ofHours(1)));
    Ticket otherCustomer = ticket("c2");
    store().save(older);
    store().save(agent);
    store().save(otherCustomer);
    Ticket newer = ticket("c1");
    Instant now = NOW.plusSeconds(5);

    int revoked =
        store()
            .saveRevoking(
                newer,
                EnumSet.of(TicketPurpose.SELF_SERVICE_RESET, TicketPurpose.PENDING_PASSWORD),
                now);

    assertThat(revoked).isEqualTo(1);
    assertThat(store().findByTokenHash(older.tokenHash()).orElseThrow().consumedAt())
        .isEqualTo(now);
    assertThat(store().findByTokenHash(agent.tokenHash()).orElseThrow().consumedAt()).isNull();
    assertThat(store().findByTokenHash(otherCustomer.tokenHash()).orElseThrow().consumedAt())
        .isNull();
    assertThat(store().findByTokenHash(newer.tokenHash())).contains(newer);
  }

  /**
   * One transaction: when the insert fails (here a token hash that exists already), the older
   * tickets are not revoked either.
   */
  @Test
  void saveRevokingThatFailsToInsertRevokesNothing() {
    Ticket older = ticket("c1");
    store().save(older);
    Ticket clash = ticket("c1");
    store().save(clash);

    assertThatThrownBy(
            () -> store().saveRevoking(clash, Set.of(TicketPurpose.SELF_SERVICE_RESET), NOW))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("exists already");

    assertThat(store().findByTokenHash(older.tokenHash()).orElseThrow().consumedAt()).isNull();
    assertThat(store().findByTokenHash(clash.tokenHash()).orElseThrow().consumedAt()).isNull();
  }

  /**
   * Links issued at once for one customer on many connections all succeed: a transaction the
   * database picks as a deadlock's victim (InnoDB's gap locks on MariaDB and MySQL) is retried.
   */
  @Test
  void concurrentSaveRevokingForOneCustomerAllSucceed() throws Exception {
    int threads = 8;
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      tickets.add(ticket("c1"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (Ticket t : tickets) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store().saveRevoking(t, Set.of(TicketPurpose.SELF_SERVICE_RESET), NOW);
                }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (Ticket t : tickets) {
      assertThat(store().findByTokenHash(t.tokenHash())).as("saved").isPresent();
    }
  }

  @Test
  void saveRevokingWithNoPurposesOnlySaves() {
    Ticket older = ticket("c1");
    store().save(older);
    Ticket newer = ticket("c1");

    assertThat(store().saveRevoking(newer, Set.of(), NOW)).isZero();

    assertThat(store().findByTokenHash(older.tokenHash()).orElseThrow().consumedAt()).isNull();
    assertThat(store().findByTokenHash(newer.tokenHash())).contains(newer);
  }
}

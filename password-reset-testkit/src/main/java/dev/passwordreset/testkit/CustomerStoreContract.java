package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link CustomerStore}: what the engine relies on. Extend it in a test,
 * implement {@link #createStore()} and, since the SPI has no way to add a customer, {@link
 * #addCustomer(CustomerAccount, StoredPassword)} to seed one in the store just created.
 *
 * <pre>{@code
 * class MyCustomerStoreTest extends CustomerStoreContract {
 *   private MyCustomerDao dao;
 *
 *   @Override
 *   protected CustomerStore createStore() {
 *     dao = new MyCustomerDao(database.dataSource());
 *     dao.deleteAll();
 *     return new MyCustomerStore(dao);
 *   }
 *
 *   @Override
 *   protected void addCustomer(CustomerAccount account, @Nullable StoredPassword password) {
 *     dao.insert(account, password); // the host's own way of creating customers
 *   }
 * }
 * }</pre>
 *
 * <p>Covers lookups by email (case-insensitive, Unicode, through {@link
 * CustomerStore#normalizeEmail(String)}, no pattern matching), by id, every account field, reading
 * and replacing the stored password (temporary windows to the millisecond), unknown customers, and
 * concurrent updates.
 */
public abstract class CustomerStoreContract {

  /** A hash in the shape the engine stores (the store never interprets it). */
  protected static final String HASH_A =
      "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE";

  /** Another hash. */
  protected static final String HASH_B =
      "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0b3RoZXJzYQ$YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI";

  private @Nullable CustomerStore store;

  /** Subclasses only. */
  protected CustomerStoreContract() {}

  /**
   * Creates the store under test. Called before every test; the store must hold no customers.
   *
   * @return an empty store
   */
  protected abstract CustomerStore createStore();

  /**
   * Adds a customer to the store last returned by {@link #createStore()}, the way the host creates
   * customers (for a normalized-email column: with {@link CustomerStore#normalizeEmail(String)} of
   * the email).
   *
   * @param account the account, exactly as it must be found again
   * @param password its stored password, or {@code null} for an account without one yet
   */
  protected abstract void addCustomer(CustomerAccount account, @Nullable StoredPassword password);

  /** Creates the store under test before each test. */
  @BeforeEach
  public final void createStoreUnderTest() {
    store = createStore();
  }

  /**
   * The store of the current test.
   *
   * @return the store
   */
  protected final CustomerStore store() {
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  private CustomerAccount added(
      String id, String email, @Nullable String displayName, @Nullable StoredPassword password) {
    CustomerAccount account =
        new CustomerAccount(CustomerId.of(id), email, displayName, Locale.ENGLISH, true);
    addCustomer(account, password);
    return account;
  }

  private static String normalized(String email) {
    return CustomerStore.normalizeEmail(email);
  }

  // ---------------------------------------------------------------- by email

  /** An email is found whatever the case it is typed in. */
  @Test
  public void findByEmailIgnoresCase() {
    CustomerAccount jane = added("c1", "Jane.Doe@Example.com", "Jane", StoredPassword.of(HASH_A));

    assertThat(store().findByEmail(normalized("jane.doe@example.com"))).contains(jane);
    assertThat(store().findByEmail(normalized("JANE.DOE@EXAMPLE.COM"))).contains(jane);
    assertThat(store().findByEmail(normalized("  Jane.Doe@Example.com "))).contains(jane);
  }

  /** A Unicode email is found through normalizeEmail, in any case and Unicode composition. */
  @Test
  public void findByEmailFindsUnicodeEmails() {
    CustomerAccount account = added("c1", "Ünïcødé@Exämple.com", "Ünï", StoredPassword.of(HASH_A));

    assertThat(store().findByEmail(normalized("Ünïcødé@Exämple.com"))).contains(account);
    assertThat(store().findByEmail(normalized("ÜNÏCØDÉ@EXÄMPLE.COM"))).contains(account);
    // The same letters, decomposed (U + combining diaeresis), as some keyboards send them.
    assertThat(store().findByEmail(normalized("U\u0308ni\u0308cødé@Exa\u0308mple.com")))
        .contains(account);
  }

  /** Compatibility forms (full-width letters) match their plain form, as NFKC says. */
  @Test
  public void findByEmailMatchesCompatibilityForms() {
    CustomerAccount account = added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(store().findByEmail(normalized("ｊａｎｅ@example.com"))).contains(account);
  }

  /** An unknown email finds nothing. */
  @Test
  public void findByEmailWhenUnknownThenEmpty() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(store().findByEmail(normalized("john@example.com"))).isEmpty();
  }

  /** Lookup is exact: no prefix, suffix or SQL wildcard matches. */
  @Test
  public void findByEmailDoesNotMatchPrefixesOrWildcards() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(store().findByEmail("jane@example.co")).isEmpty();
    assertThat(store().findByEmail("ane@example.com")).isEmpty();
    assertThat(store().findByEmail("%@example.com")).isEmpty();
    assertThat(store().findByEmail("jan_@example.com")).isEmpty();
    assertThat(store().findByEmail("*")).isEmpty();
  }

  /** Each of several customers is found by its own email. */
  @Test
  public void findByEmailFindsTheRightCustomerAmongSeveral() {
    CustomerAccount jane = added("c1", "jane@example.com", "Jane", StoredPassword.of(HASH_A));
    CustomerAccount john = added("c2", "john@example.com", "John", StoredPassword.of(HASH_B));

    assertThat(store().findByEmail("jane@example.com")).contains(jane);
    assertThat(store().findByEmail("john@example.com")).contains(john);
  }

  // ---------------------------------------------------------------- by id and fields

  /** An account is found by id with every field as it was added. */
  @Test
  public void findByIdReturnsEveryField() {
    CustomerAccount account =
        new CustomerAccount(
            CustomerId.of("cust-42"),
            "Grüezi@Example.ch",
            "Anna Müller",
            Locale.forLanguageTag("de-CH"),
            true);
    addCustomer(account, StoredPassword.of(HASH_A));

    assertThat(store().findById(CustomerId.of("cust-42"))).contains(account);
  }

  /** An unknown id finds nothing. */
  @Test
  public void findByIdWhenUnknownThenEmpty() {
    added("c1", "jane@example.com", null, null);

    assertThat(store().findById(CustomerId.of("c2"))).isEmpty();
  }

  /** A disabled account is still found, marked disabled (the engine decides what that means). */
  @Test
  public void disabledAccountIsFoundAsDisabled() {
    CustomerAccount account =
        new CustomerAccount(CustomerId.of("c1"), "off@example.com", null, Locale.FRENCH, false);
    addCustomer(account, StoredPassword.of(HASH_A));

    assertThat(store().findById(account.id())).contains(account);
    assertThat(store().findByEmail("off@example.com")).contains(account);
  }

  /** An account without a display name comes back without one. */
  @Test
  public void accountWithoutDisplayNameRoundTrips() {
    CustomerAccount account = added("c1", "anon@example.com", null, null);

    assertThat(store().findById(account.id())).contains(account);
  }

  // ---------------------------------------------------------------- passwords

  /** The stored password of a customer is read back. */
  @Test
  public void findPasswordReturnsTheStoredHash() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(store().findPassword(CustomerId.of("c1"))).contains(StoredPassword.of(HASH_A));
  }

  /** A customer without a password yet (awaiting account setup) has none. */
  @Test
  public void findPasswordWhenCustomerHasNoPasswordYetThenEmpty() {
    added("c1", "new@example.com", null, null);

    assertThat(store().findPassword(CustomerId.of("c1"))).isEmpty();
  }

  /** An unknown customer has no password. */
  @Test
  public void findPasswordWhenUnknownCustomerThenEmpty() {
    assertThat(store().findPassword(CustomerId.of("nobody"))).isEmpty();
  }

  /** Updating a password replaces it, and reports success. */
  @Test
  public void updatePasswordReplacesTheStoredHash() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(store().updatePassword(CustomerId.of("c1"), StoredPassword.of(HASH_B))).isTrue();
    assertThat(store().findPassword(CustomerId.of("c1"))).contains(StoredPassword.of(HASH_B));
  }

  /** A first password can be set for an account that had none. */
  @Test
  public void updatePasswordSetsAFirstPassword() {
    added("c1", "new@example.com", null, null);

    assertThat(store().updatePassword(CustomerId.of("c1"), StoredPassword.of(HASH_A))).isTrue();
    assertThat(store().findPassword(CustomerId.of("c1"))).contains(StoredPassword.of(HASH_A));
  }

  /** A temporary password's end comes back to the millisecond, and a normal one clears it. */
  @Test
  public void temporaryUntilRoundTripsAndIsClearedByANormalPassword() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));
    Instant until = Instant.parse("2030-05-17T10:30:15.123Z");

    store().updatePassword(CustomerId.of("c1"), new StoredPassword(HASH_B, until));

    assertThat(store().findPassword(CustomerId.of("c1")))
        .contains(new StoredPassword(HASH_B, until));

    store().updatePassword(CustomerId.of("c1"), StoredPassword.of(HASH_A));

    assertThat(store().findPassword(CustomerId.of("c1"))).contains(StoredPassword.of(HASH_A));
  }

  /** A customer seeded with a temporary password has it read back as temporary. */
  @Test
  public void seededTemporaryPasswordIsReadBack() {
    Instant until = Instant.parse("2031-01-01T00:00:00.001Z");
    added("c1", "temp@example.com", null, new StoredPassword(HASH_A, until));

    assertThat(store().findPassword(CustomerId.of("c1")))
        .hasValueSatisfying(p -> assertThat(p.temporaryUntil()).isEqualTo(until));
  }

  /** Updating the password of an unknown customer reports false and creates nobody. */
  @Test
  public void updatePasswordWhenUnknownCustomerReturnsFalse() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(store().updatePassword(CustomerId.of("ghost"), StoredPassword.of(HASH_B))).isFalse();
    assertThat(store().findById(CustomerId.of("ghost"))).isEmpty();
    assertThat(store().findPassword(CustomerId.of("ghost"))).isEmpty();
  }

  /** Updating one customer's password leaves every other customer's alone. */
  @Test
  public void updatePasswordChangesOnlyThatCustomer() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));
    added("c2", "john@example.com", null, StoredPassword.of(HASH_A));

    store().updatePassword(CustomerId.of("c1"), StoredPassword.of(HASH_B));

    assertThat(store().findPassword(CustomerId.of("c2"))).contains(StoredPassword.of(HASH_A));
  }

  /** Updating the password leaves the account's fields as they were. */
  @Test
  public void updatePasswordLeavesTheAccountUnchanged() {
    CustomerAccount account = added("c1", "Jane@Example.com", "Jane", StoredPassword.of(HASH_A));

    store().updatePassword(CustomerId.of("c1"), StoredPassword.of(HASH_B));

    assertThat(store().findById(account.id())).contains(account);
    assertThat(store().findByEmail(normalized("jane@example.com"))).contains(account);
  }

  /** A conditional replace succeeds while the stored hash is still the expected one. */
  @Test
  public void replacePasswordWhenStillExpectedReplacesIt() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));

    assertThat(
            store()
                .replacePassword(
                    CustomerId.of("c1"), StoredPassword.of(HASH_A), StoredPassword.of(HASH_B)))
        .isTrue();
    assertThat(store().findPassword(CustomerId.of("c1"))).contains(StoredPassword.of(HASH_B));
  }

  /** A conditional replace never overwrites a password that was changed in the meantime. */
  @Test
  public void replacePasswordWhenChangedMeanwhileLeavesTheNewPassword() {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));
    store().updatePassword(CustomerId.of("c1"), StoredPassword.of(HASH_B));

    assertThat(
            store()
                .replacePassword(
                    CustomerId.of("c1"),
                    StoredPassword.of(HASH_A),
                    StoredPassword.of(HASH_A + "x")))
        .isFalse();
    assertThat(store().findPassword(CustomerId.of("c1"))).contains(StoredPassword.of(HASH_B));
  }

  /** A conditional replace for an unknown customer, or one without a password, does nothing. */
  @Test
  public void replacePasswordWhenUnknownOrWithoutPasswordReturnsFalse() {
    added("c1", "new@example.com", null, null);

    assertThat(
            store()
                .replacePassword(
                    CustomerId.of("ghost"), StoredPassword.of(HASH_A), StoredPassword.of(HASH_B)))
        .isFalse();
    assertThat(
            store()
                .replacePassword(
                    CustomerId.of("c1"), StoredPassword.of(HASH_A), StoredPassword.of(HASH_B)))
        .isFalse();
    assertThat(store().findPassword(CustomerId.of("c1"))).isEmpty();
  }

  /**
   * Concurrent updates of one customer's password leave exactly one of the written values.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentPasswordUpdatesLeaveOneOfTheWrittenValues() throws InterruptedException {
    added("c1", "jane@example.com", null, StoredPassword.of(HASH_A));
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      written.add(HASH_B + i);
    }
    AtomicInteger next = new AtomicInteger();

    List<Boolean> results =
        Concurrently.run(
            16,
            () ->
                store()
                    .updatePassword(
                        CustomerId.of("c1"),
                        StoredPassword.of(written.get(next.getAndIncrement()))));

    assertThat(results).containsOnly(true);
    assertThat(store().findPassword(CustomerId.of("c1")))
        .hasValueSatisfying(p -> assertThat(written).contains(p.hash()));
  }
}

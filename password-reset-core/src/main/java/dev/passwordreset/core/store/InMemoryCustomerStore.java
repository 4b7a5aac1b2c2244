package dev.passwordreset.core.store;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CustomerStore} in memory, for tests, demos and examples: {@code new}, then {@link
 * #add(CustomerAccount)}.
 *
 * <p>Thread-safe. Emails are unique after {@link CustomerStore#normalizeEmail normalization}.
 */
public final class InMemoryCustomerStore implements CustomerStore {

  private record Entry(CustomerAccount account, @Nullable StoredPassword password) {}

  private final ConcurrentMap<CustomerId, Entry> byId = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CustomerId> idByEmail = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryCustomerStore() {}

  /**
   * Adds a customer without a password (e.g. a new account awaiting its setup email).
   *
   * @param account the customer
   * @return this store
   * @throws IllegalArgumentException if the identifier or the (normalized) email is taken
   */
  public InMemoryCustomerStore add(CustomerAccount account) {
    return add(account, null);
  }

  /**
   * Adds a customer with a stored password hash.
   *
   * @param account the customer
   * @param password the stored hash, or {@code null} for none
   * @return this store
   * @throws IllegalArgumentException if the identifier or the (normalized) email is taken
   */
  public synchronized InMemoryCustomerStore add(
      CustomerAccount account, @Nullable StoredPassword password) {
    Objects.requireNonNull(account, "account must not be null");
    String email = CustomerStore.normalizeEmail(account.email());
    if (byId.containsKey(account.id())) {
      throw new IllegalArgumentException("customer " + account.id() + " exists already");
    }
    if (idByEmail.containsKey(email)) {
      throw new IllegalArgumentException("another customer uses the email " + account.email());
    }
    idByEmail.put(email, account.id());
    byId.put(account.id(), new Entry(account, password));
    return this;
  }

  /**
   * Replaces a customer's account details (email, name, locale, enabled), keeping the password.
   *
   * @param account the new details
   * @return {@code true} if the customer existed
   * @throws IllegalArgumentException if the new email belongs to another customer
   */
  public synchronized boolean update(CustomerAccount account) {
    Objects.requireNonNull(account, "account must not be null");
    Entry old = byId.get(account.id());
    if (old == null) {
      return false;
    }
    String newEmail = CustomerStore.normalizeEmail(account.email());
    CustomerId owner = idByEmail.get(newEmail);
    if (owner != null && !owner.equals(account.id())) {
      throw new IllegalArgumentException("another customer uses the email " + account.email());
    }
    idByEmail.remove(CustomerStore.normalizeEmail(old.account().email()));
    idByEmail.put(newEmail, account.id());
    byId.put(account.id(), new Entry(account, old.password()));
    return true;
  }

  /**
   * All customers, ordered by identifier.
   *
   * @return a snapshot
   */
  public List<CustomerAccount> all() {
    List<CustomerAccount> list = new ArrayList<>();
    byId.values().forEach(e -> list.add(e.account()));
    list.sort(Comparator.comparing(a -> a.id().value()));
    return list;
  }

  @Override
  public Optional<CustomerAccount> findByEmail(String normalizedEmail) {
    Objects.requireNonNull(normalizedEmail, "normalizedEmail must not be null");
    CustomerId id = idByEmail.get(normalizedEmail);
    return id == null ? Optional.empty() : findById(id);
  }

  @Override
  public Optional<CustomerAccount> findById(CustomerId id) {
    Objects.requireNonNull(id, "id must not be null");
    return Optional.ofNullable(byId.get(id)).map(Entry::account);
  }

  @Override
  public Optional<StoredPassword> findPassword(CustomerId id) {
    Objects.requireNonNull(id, "id must not be null");
    Entry e = byId.get(id);
    return e == null ? Optional.empty() : Optional.ofNullable(e.password());
  }

  @Override
  public boolean updatePassword(CustomerId id, StoredPassword password) {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(password, "password must not be null");
    return byId.computeIfPresent(id, (k, e) -> new Entry(e.account(), password)) != null;
  }

  @Override
  public boolean replacePassword(
      CustomerId id, StoredPassword expected, StoredPassword replacement) {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(expected, "expected must not be null");
    Objects.requireNonNull(replacement, "replacement must not be null");
    boolean[] replaced = {false};
    byId.computeIfPresent(
        id,
        (k, e) -> {
          StoredPassword current = e.password();
          if (current != null && current.hash().equals(expected.hash())) {
            replaced[0] = true;
            return new Entry(e.account(), replacement);
          }
          return e;
        });
    return replaced[0];
  }
}

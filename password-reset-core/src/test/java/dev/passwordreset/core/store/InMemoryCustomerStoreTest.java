package dev.passwordreset.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.StoredPassword;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InMemoryCustomerStoreTest {

  private static final StoredPassword OLD = StoredPassword.of("$argon2id$old");
  private static final StoredPassword NEW = StoredPassword.of("$argon2id$new");

  private final InMemoryCustomerStore store = new InMemoryCustomerStore();

  private static CustomerAccount account(String id, String email) {
    return new CustomerAccount(CustomerId.of(id), email, "Name " + id, Locale.GERMANY, true);
  }

  @Test
  void addReturnsTheStoreSoThatCallsChain() {
    InMemoryCustomerStore chained =
        store.add(account("c1", "one@example.com")).add(account("c2", "two@example.com"), OLD);

    assertThat(chained).isSameAs(store);
    assertThat(store.findById(CustomerId.of("c1"))).isPresent();
    assertThat(store.findPassword(CustomerId.of("c2"))).contains(OLD);
  }

  @Test
  void addRejectsATakenIdentifierOrNormalizedEmail() {
    store.add(account("c1", "one@example.com"));

    assertThatThrownBy(() -> store.add(account("c1", "other@example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer c1 exists already");
    assertThatThrownBy(() -> store.add(account("c2", " ONE@Example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("another customer uses the email  ONE@Example.com");
    assertThat(store.findById(CustomerId.of("c2"))).isEmpty();
  }

  @Test
  void allListsEveryCustomerOrderedByIdentifier() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add("cust-" + (char) ('a' + i % 26) + i);
    }
    List<String> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, new java.util.Random(42));
    for (String id : shuffled) {
      store.add(account(id, id + "@example.com"));
    }

    assertThat(store.all())
        .extracting(a -> a.id().value())
        .containsExactlyElementsOf(ids.stream().sorted().toList());
  }

  @Test
  void updateReplacesTheDetailsAndKeepsThePassword() {
    store.add(account("c1", "old@example.com"), OLD);
    CustomerAccount changed =
        new CustomerAccount(CustomerId.of("c1"), "New@Example.com", null, Locale.FRANCE, false);

    assertThat(store.update(changed)).isTrue();

    assertThat(store.findById(CustomerId.of("c1"))).contains(changed);
    assertThat(store.findByEmail("new@example.com")).contains(changed);
    assertThat(store.findByEmail("old@example.com")).isEmpty();
    assertThat(store.findPassword(CustomerId.of("c1"))).contains(OLD);
  }

  @Test
  void updateMayKeepTheCustomersOwnEmail() {
    store.add(account("c1", "one@example.com"));
    CustomerAccount renamed = account("c1", "ONE@example.com").withEnabled(false);

    assertThat(store.update(renamed)).isTrue();

    assertThat(store.findByEmail("one@example.com")).contains(renamed);
  }

  @Test
  void updateRejectsAnotherCustomersEmailAndChangesNothing() {
    CustomerAccount one = account("c1", "one@example.com");
    CustomerAccount two = account("c2", "two@example.com");
    store.add(one).add(two);

    assertThatThrownBy(() -> store.update(one.withEmail("Two@example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("another customer uses the email Two@example.com");

    assertThat(store.findById(CustomerId.of("c1"))).contains(one);
    assertThat(store.findByEmail("one@example.com")).contains(one);
    assertThat(store.findByEmail("two@example.com")).contains(two);
  }

  @Test
  void updateOfAnUnknownCustomerReturnsFalseAndAddsNothing() {
    assertThat(store.update(account("ghost", "ghost@example.com"))).isFalse();

    assertThat(store.findById(CustomerId.of("ghost"))).isEmpty();
    assertThat(store.findByEmail("ghost@example.com")).isEmpty();
  }

  @Test
  void updatePasswordOfAnUnknownCustomerReturnsFalseAndAddsNothing() {
    assertThat(store.updatePassword(CustomerId.of("ghost"), NEW)).isFalse();

    assertThat(store.findById(CustomerId.of("ghost"))).isEmpty();
    assertThat(store.findPassword(CustomerId.of("ghost"))).isEmpty();
  }

  @Test
  void updatePasswordReplacesTheHash() {
    store.add(account("c1", "one@example.com"), OLD);

    assertThat(store.updatePassword(CustomerId.of("c1"), NEW)).isTrue();

    assertThat(store.findPassword(CustomerId.of("c1"))).contains(NEW);
  }

  @Test
  void replacePasswordWhenStillTheExpectedOneReplacesIt() {
    store.add(account("c1", "one@example.com"), OLD);

    assertThat(store.replacePassword(CustomerId.of("c1"), StoredPassword.of(OLD.hash()), NEW))
        .isTrue();

    assertThat(store.findPassword(CustomerId.of("c1"))).contains(NEW);
  }

  @Test
  void replacePasswordWhenChangedMeanwhileReturnsFalseAndKeepsTheCustomerAsIs() {
    CustomerAccount one = account("c1", "one@example.com");
    store.add(one, OLD);

    assertThat(store.replacePassword(CustomerId.of("c1"), NEW, StoredPassword.of("$x"))).isFalse();

    assertThat(store.findById(CustomerId.of("c1"))).contains(one);
    assertThat(store.findPassword(CustomerId.of("c1"))).contains(OLD);
  }

  @Test
  void replacePasswordWhenCustomerHasNoPasswordOrIsUnknownReturnsFalse() {
    CustomerAccount one = account("c1", "one@example.com");
    store.add(one);

    assertThat(store.replacePassword(CustomerId.of("c1"), OLD, NEW)).isFalse();
    assertThat(store.replacePassword(CustomerId.of("ghost"), OLD, NEW)).isFalse();

    assertThat(store.findById(CustomerId.of("c1"))).contains(one);
    assertThat(store.findPassword(CustomerId.of("c1"))).isEmpty();
    assertThat(store.findById(CustomerId.of("ghost"))).isEmpty();
  }
}

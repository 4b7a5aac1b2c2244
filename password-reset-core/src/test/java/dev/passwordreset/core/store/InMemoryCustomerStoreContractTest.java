package dev.passwordreset.core.store;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.testkit.CustomerStoreContract;
import org.jspecify.annotations.Nullable;

/** The customer store contract on core's in-memory store. */
class InMemoryCustomerStoreContractTest extends CustomerStoreContract {
  private InMemoryCustomerStore store = new InMemoryCustomerStore();

  @Override
  protected CustomerStore createStore() {
    store = new InMemoryCustomerStore();
    return store;
  }

  @Override
  protected void addCustomer(CustomerAccount account, @Nullable StoredPassword password) {
    store.add(account, password);
  }
}

package dev.passwordreset.core.store;

import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.testkit.SettingsStoreContract;

/** The settings store contract on core's in-memory store. */
class InMemorySettingsStoreContractTest extends SettingsStoreContract {
  @Override
  protected SettingsStore createStore() {
    return new InMemorySettingsStore();
  }
}

package dev.passwordreset.testkit;

import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.core.store.InMemorySettingsStore;

/** The settings store contract on core's in-memory store. */
class InMemorySettingsStoreTest extends SettingsStoreContract {
  @Override
  protected SettingsStore createStore() {
    return new InMemorySettingsStore();
  }
}

package dev.passwordreset.testkit;

import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;

/** The throttle store contract on core's in-memory (Caffeine) store. */
class InMemoryThrottleStoreTest extends ThrottleStoreContract {
  @Override
  protected ThrottleStore createStore() {
    return new InMemoryThrottleStore();
  }
}

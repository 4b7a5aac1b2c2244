package dev.passwordreset.core.throttle;

import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.testkit.ThrottleStoreContract;

/** The throttle store contract on core's in-memory (Caffeine) store. */
class InMemoryThrottleStoreContractTest extends ThrottleStoreContract {
  @Override
  protected ThrottleStore createStore() {
    return new InMemoryThrottleStore();
  }
}

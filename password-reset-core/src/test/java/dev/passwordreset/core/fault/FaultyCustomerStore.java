package dev.passwordreset.core.fault;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import java.util.Optional;

/**
 * A {@link CustomerStore} that fails, before doing anything, at the call its {@link Fault} picks.
 */
final class FaultyCustomerStore implements CustomerStore {
  final Fault fault = new Fault("customer store");
  volatile CustomerStore delegate;

  @Override
  public Optional<CustomerAccount> findByEmail(String normalizedEmail) {
    fault.step("findByEmail");
    return delegate.findByEmail(normalizedEmail);
  }

  @Override
  public Optional<CustomerAccount> findById(CustomerId id) {
    fault.step("findById");
    return delegate.findById(id);
  }

  @Override
  public Optional<StoredPassword> findPassword(CustomerId id) {
    fault.step("findPassword");
    return delegate.findPassword(id);
  }

  @Override
  public boolean updatePassword(CustomerId id, StoredPassword password) {
    fault.step("updatePassword");
    return delegate.updatePassword(id, password);
  }

  @Override
  public boolean replacePassword(
      CustomerId id, StoredPassword expected, StoredPassword replacement) {
    fault.step("replacePassword");
    return delegate.replacePassword(id, expected, replacement);
  }
}

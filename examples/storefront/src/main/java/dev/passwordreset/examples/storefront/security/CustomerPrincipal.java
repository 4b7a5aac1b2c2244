package dev.passwordreset.examples.storefront.security;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.examples.storefront.store.Store;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A signed-in customer, in one store's session.
 *
 * @param customerId the library's customer id
 * @param email the email
 * @param displayName the name
 * @param store the store signed in to
 * @param mustChange signed in with a temporary password: only the change page is allowed
 * @param changeToken with {@code mustChange}: the library's single-use token that sets the new
 *     password (so the change page does not ask for the temporary one again); kept only in the
 *     server-side session, never shown
 */
public record CustomerPrincipal(
    String customerId,
    String email,
    String displayName,
    Store store,
    boolean mustChange,
    @Nullable String changeToken)
    implements AuthenticatedPrincipal, Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The library's id.
   *
   * @return the id
   */
  public CustomerId id() {
    return new CustomerId(customerId);
  }

  /**
   * The same customer, after the temporary password was changed.
   *
   * @return a copy with {@code mustChange} off
   */
  public CustomerPrincipal changed() {
    return new CustomerPrincipal(customerId, email, displayName, store, false, null);
  }

  /** Leaves the change token out: it is a live credential. */
  @Override
  public String toString() {
    return "CustomerPrincipal[" + customerId + ", " + store + ", mustChange=" + mustChange + "]";
  }

  @Override
  public String getName() {
    return email;
  }
}
